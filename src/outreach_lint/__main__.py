"""``python -m outreach_lint``: the same as the ``outreach-lint`` command."""

from __future__ import annotations

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())

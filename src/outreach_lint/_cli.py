"""The ``outreach-lint`` command (first cut: paths, --format, --select/--ignore, --exit-zero)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._config import Config
from ._errors import OutreachLintError
from ._linter import Linter


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="outreach-lint", description="Lint sales outreach emails and templates.")
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    p.add_argument("--format", default="default")
    p.add_argument("--select", type=lambda s: [c.strip() for c in s.split(",") if c.strip()])
    p.add_argument("--ignore", type=lambda s: [c.strip() for c in s.split(",") if c.strip()], default=[])
    p.add_argument("--exit-zero", action="store_true")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        linter = Linter(Config(select=args.select, ignore=args.ignore))
        formatters = {cls.name: cls for cls, _ in linter.registry.formatters}
        fmt = formatters[args.format](sys.stdout, rules=linter.rule_infos())
        fmt.start()
        count = 0
        errors = 0
        for report in linter.lint_paths(args.paths):
            fmt.handle(report)
            count += sum(1 for f in report.findings if f.severity.rank >= linter.config.fail_on.rank)
            for err in report.errors:
                errors += 1
                print(f"outreach-lint: {err.message}", file=sys.stderr)
        fmt.finish()
    except OutreachLintError as exc:
        print(f"outreach-lint: error: {exc}", file=sys.stderr)
        return 2
    if errors:
        return 2
    return 0 if args.exit_zero or not count else 1

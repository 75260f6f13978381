"""The real pre-commit runs the hook from ``.pre-commit-hooks.yaml`` on a repository of templates.

``pre-commit try-repo`` builds a virtualenv and pip-installs this checkout into it, which
needs the package index (hatchling, the dependencies): this is the one test that may use
the network, so it is marked ``slow``. It does not use the offline guard.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = (
    "Subject: Leeds pick routes\n\nHi Dana,\n\nSaw your post about opening the Leeds warehouse next month. "
    "How are you planning pick routes for the new layout?\n\nSam\n"
)
BAD = (
    "Subject: Following up\n\nHi Dana,\n\n"
    "Just following up on my last email. Did you get a chance to look?\n\nSam\n"
)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "outreach-lint", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_pre_commit_hook_fails_on_bad_template_and_passes_on_good(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "templates"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.com")
    _git(repo, "config", "user.name", "Test")
    (repo / "intro.txt").write_text(GOOD, encoding="utf-8")
    (repo / "notes.py").write_text("x = 'Just following up'\n", encoding="utf-8")  # not a template type
    _git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"

    good = _try_repo(repo, home)
    if good.returncode != 0 and "outreach-lint" not in good.stdout + good.stderr:
        pytest.skip(f"pre-commit could not install the hook (no package index?):\n{good.stdout[-2000:]}")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    (repo / "follow-up.txt").write_text(BAD, encoding="utf-8")
    _git(repo, "add", ".")
    bad = _try_repo(repo, home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "follow-up.txt:5:1:" in bad.stdout
    assert "intro.txt:" not in bad.stdout and "notes.py" not in bad.stdout

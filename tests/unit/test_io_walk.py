"""Finding the files to lint: include and exclude globs, as flake8 and ruff apply them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from outreach_lint._io import iter_files, matches_any


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for rel in [
        "templates/a.txt",
        "templates/b.md",
        "templates/notes.py",
        "templates/drafts/c.txt",
        "templates/drafts/old/d.html",
        "node_modules/pkg/e.txt",
        "build/f.txt",
        "g.txt",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Hi\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _walk(root: str, include: list[str], exclude: list[str]) -> list[str]:
    return [Path(p).as_posix() for p in iter_files([root], include, exclude)]


def test_include_by_name_and_exclude_by_folder_name(tree: Path) -> None:
    found = _walk(".", ["*.txt", "*.md", "*.html"], ["node_modules", "build"])
    assert found == [
        "g.txt",
        "templates/a.txt",
        "templates/b.md",
        "templates/drafts/c.txt",
        "templates/drafts/old/d.html",
    ]


def test_exclude_globs_with_a_slash_match_the_path_below_the_root(tree: Path) -> None:
    found = _walk("templates", ["*.txt", "*.md", "*.html"], ["drafts/old/*", "*.md"])
    assert found == ["templates/a.txt", "templates/drafts/c.txt"]


def test_paths_keep_the_form_they_were_given_in(tree: Path) -> None:
    assert _walk("./templates/drafts", ["*.txt"], []) == ["templates/drafts/c.txt"]
    root = os.fspath(tree / "templates" / "drafts")
    assert _walk(root, ["*.txt"], []) == [(tree / "templates" / "drafts" / "c.txt").as_posix()]


def test_matches_any_on_absolute_and_relative_paths() -> None:
    assert matches_any(Path("/srv/app/templates/a.txt"), ["templates/*.txt"])
    assert matches_any(Path("/srv/app/templates/a.txt"), ["/srv/*"])
    assert matches_any(Path("templates/drafts/a.md"), ["drafts"])
    assert not matches_any(Path("templates/a.md"), ["*.txt", "drafts", "other/*"])

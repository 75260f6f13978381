"""Concurrency: one Linter shared by threads, and ``--jobs N`` across processes, give the same results.

A :class:`Linter` keeps no per-email state, so many threads may lint with one instance
(a server, a batch job); textstat is loaded lazily under a lock. The command's ``--jobs``
lints in worker processes and must print exactly what ``--jobs 1`` prints, in the same
order, with the same exit code.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from outreach_lint import Config, FileReport, Linter

OPENERS = ["I hope this finds you well.", "My name is Sam from Acme.", "Quick question:", "Hi there!"]
MIDDLES = [
    "We are the leading provider of award-winning solutions.",
    "Just following up on my last email.",
    "How are you rostering the new Leeds site?",
    "Do you have 15 minutes on Tuesday or Thursday?",
    "{{first_name}}, our platform helps companies like {{company}} grow 300%.",
    "Bumping this to the top of your inbox.",
    "I noticed your team is hiring two planners this spring.",
    "[First Name], should I close your file?",
]
CLOSERS = ["Best,\nSam", "Thanks,\nSam Lee\nAcme Inc.", "Cheers", "P.S. {{ps}}"]


def emails(n: int, seed: int = 7) -> list[tuple[str, str | None, int | None]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body = [rng.choice(OPENERS), *rng.sample(MIDDLES, rng.randint(1, 5))]
        text = "Hi Dana,\n\n" + " ".join(body) + "\n\n" + rng.choice(CLOSERS) + "\n"
        if i % 3 == 0:
            text = text.replace("\n", "\r\n")
        subject = rng.choice([None, "Quick question", "Re: {{company}}", "FREE DEMO!!!"])
        out.append((text, subject, rng.choice([None, 1, 2, 3])))
    return out


def dump(reports: list[FileReport]) -> list[dict[str, object]]:
    return [r.model_dump(mode="json") for r in reports]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=["ALL"]))


def test_threads_sharing_one_linter_match_a_single_thread(linter: Linter) -> None:
    batch = emails(240)

    def lint(item: tuple[str, str | None, int | None]) -> FileReport:
        text, subject, step = item
        return linter.lint_text(text, subject=subject, step=step, path=f"email-{hash(text) % 1000}.txt")

    expected = dump([lint(item) for item in batch])
    assert any(r["findings"] for r in expected), "the batch should produce findings to compare"
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to shake out shared state
    try:
        for workers in (2, 8):
            with ThreadPoolExecutor(max_workers=workers) as pool:
                got = dump(list(pool.map(lint, batch)))
            assert got == expected, f"{workers} threads disagree with one thread"
    finally:
        sys.setswitchinterval(previous)


def test_threads_linting_files_match_lint_paths(linter: Linter, tmp_path: Path) -> None:
    for i, (text, _subject, _step) in enumerate(emails(120, seed=11)):
        (tmp_path / f"e{i:03d}.txt").write_text(text, encoding="utf-8", newline="")
    expected = dump(list(linter.lint_paths([tmp_path])))
    paths = sorted(tmp_path.glob("*.txt"))
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = dump(list(pool.map(linter.lint_file, paths)))
    assert got == expected


_COLD_START = r"""
import json, sys
from concurrent.futures import ThreadPoolExecutor
from outreach_lint import Config, Linter

texts = json.loads(sys.stdin.read())
linter = Linter(Config(select=["ALL"]))
sys.setswitchinterval(1e-6)
# Nothing is warm yet: textstat, the dictionary and every lazy cache load under contention.
with ThreadPoolExecutor(max_workers=8) as pool:
    threaded = [r.model_dump(mode="json") for r in pool.map(linter.lint_text, texts)]
serial = [linter.lint_text(t).model_dump(mode="json") for t in texts]
print(json.dumps(threaded == serial))
"""


def test_threads_on_a_cold_linter_in_a_fresh_interpreter(subprocess_env) -> None:
    texts = [text for text, _s, _t in emails(40, seed=3)]
    proc = subprocess.run(
        [sys.executable, "-c", _COLD_START],
        input=json.dumps(texts),
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) is True


# -- --jobs --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def has_jobs() -> bool:
    from outreach_lint._cli import build_parser

    return any("--jobs" in a.option_strings for a in build_parser()._actions)


def test_jobs_gives_the_same_output_as_one_process(cli, tmp_path: Path, has_jobs: bool) -> None:
    if not has_jobs:
        pytest.skip("the command has no --jobs option yet")
    root = tmp_path / "emails"
    for i, (text, _subject, _step) in enumerate(emails(60, seed=5)):
        folder = root / f"d{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"e{i:03d}.txt").write_text(text, encoding="utf-8", newline="")
    (root / "d1" / "binary.txt").write_bytes(b"\x00\x01\x02")
    runs = {}
    for jobs in ("1", "2", "3"):
        for fmt in ("default", "json"):
            proc = cli("--select", "ALL", "--jobs", jobs, "--format", fmt, "emails", cwd=tmp_path)
            assert "Traceback" not in proc.stderr
            runs[jobs, fmt] = (proc.returncode, proc.stdout, proc.stderr)
    for fmt in ("default", "json"):
        assert runs["1", fmt][0] == 2  # the binary file could not be read
        assert runs["2", fmt] == runs["1", fmt]
        assert runs["3", fmt] == runs["1", fmt]
    assert json.loads(runs["1", "json"][1]), "expected findings to compare"


def test_auto_jobs_stays_in_process_for_a_few_files_and_uses_every_cpu_for_many() -> None:
    from outreach_lint._parallel import AUTO, AUTO_MIN_FILES, cpu_count, job_count, workers_for

    assert job_count("auto") == job_count("0") == AUTO
    assert workers_for(AUTO, 1) == 1  # a pre-commit run on one template starts no workers
    assert workers_for(AUTO, AUTO_MIN_FILES - 1) == 1
    assert workers_for(AUTO, AUTO_MIN_FILES) == cpu_count()
    assert workers_for(3, 2) == 2  # never more workers than files
    assert workers_for(1, 10_000) == 1


def test_default_jobs_on_many_files_prints_what_one_process_prints(cli, tmp_path: Path) -> None:
    from outreach_lint._parallel import AUTO_MIN_FILES

    root = tmp_path / "emails"
    root.mkdir()
    for i, (text, _subject, _step) in enumerate(emails(AUTO_MIN_FILES + 10, seed=9)):
        (root / f"e{i:03d}.txt").write_text(text, encoding="utf-8", newline="")
    default = cli("--format", "json", "emails", cwd=tmp_path)
    serial = cli("--format", "json", "--jobs", "1", "emails", cwd=tmp_path)
    assert "Traceback" not in default.stderr
    assert (default.returncode, default.stdout, default.stderr) == (serial.returncode, serial.stdout, serial.stderr)
    assert json.loads(default.stdout), "expected findings to compare"

"""Time outreach-lint against proselint 0.16 and a bare-regex floor, in one run.

    python3 benchmarks/run.py            # full sizes (a few minutes)
    python3 benchmarks/run.py --quick    # small sizes, for a smoke test

On first use it creates ``benchmarks/_work/venv`` with proselint 0.16 from PyPI; later
runs reuse it. Every run reinstalls this checkout there as a built package (not editable),
so both tools start from compiled byte-code, as they do when installed from PyPI. Generated data and outputs stay under
``benchmarks/_work`` (git-ignored). Each command is a fresh process: wall time is the
median of ``--runs`` runs, peak memory is the child's ``ru_maxrss`` (maximum over runs).
Compare ratios, not absolute times: they come from the same run on the same machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "_work"
VENV = WORK / "venv"
BIN = VENV / "bin"
PY = BIN / "python"
PROSELINT = "proselint==0.16.0"
TIMEOUT = 3600.0  # per process; 100,000 rows take ~15 min on a busy 2-core machine

sys.path.insert(0, str(HERE))
import generate  # noqa: E402

FLOOR_SCRIPT = r"""
import os, sys, regex
phrases = [p for p in open(sys.argv[1], encoding="utf-8").read().splitlines() if p]
body = "|".join(regex.escape(p).replace("\\ ", r"\s+") for p in phrases)
pattern = regex.compile(r"\b(?:" + body + r")\b", regex.I)
hits = 0
for root in sys.argv[2:]:
    if os.path.isfile(root):
        files = [root]
    else:
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
    for name in files:
        with open(name, encoding="utf-8") as fh:
            hits += sum(1 for _ in pattern.finditer(fh.read()))
print(hits)
"""

DEPS_IMPORT = "import pydantic, regex, pluggy, textstat; from pydantic import BaseModel"

INPROCESS_SCRIPT = r"""
import inspect, json, statistics, sys, time
from outreach_lint import Linter
body = (
    "Hi {{first_name}},\n\n"
    "I noticed your team at Acme is hiring three account executives this quarter. When teams grow that "
    "fast, onboarding usually slows down and new reps spend weeks learning the product instead of talking "
    "to customers. We built a short program that helps new reps ramp in half the time, and companies like "
    "yours have used it to hit quota sooner.\n\n"
    "Would it help if I sent over the two-page outline we share with sales leaders? If the timing is wrong, "
    "just tell me and I won't follow up. What does onboarding look like for your team today?\n\n"
    "Best,\nSam\n"
)
out = {"words": len(body.split())}

def bench(linter, emails, repeats=5):
    best = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for text, subject in emails:
            linter.lint_text(text, subject=subject)
        best.append((time.perf_counter() - t0) / len(emails) * 1e6)
    return statistics.median(best)

# Distinct generated emails (different senders, readers and sentences), and the email above
# edited one word at a time (what an editor re-linting on each keystroke sends) or unchanged.
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
generated = [(r["body"], r["subject"]) for r in rows]
variants = [(body.replace("Acme", "Acme %d" % i), "Onboarding new reps") for i in range(400)]
linter = Linter()
for text, subject in generated[:50] + variants[:50]:
    linter.lint_text(text, subject=subject)
out["rules"] = len(linter.rules)
out["generated"] = len(generated)
out["generated_words"] = statistics.median(len(t.split()) for t, _ in generated)
out["generated_us"] = bench(linter, generated)
out["same_us"] = bench(linter, [(body, "Onboarding new reps")] * 400)
out["distinct_us"] = bench(linter, variants)
if "reading_grade" in inspect.signature(Linter).parameters:
    fast = Linter(reading_grade=False)
    for text, subject in generated[:50]:
        fast.lint_text(text, subject=subject)
    out["no_grade_generated_us"] = bench(fast, generated)
print(json.dumps(out))
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def ensure_venv() -> None:
    """Create the benchmark venv with proselint once; install this checkout into it on every run.

    The checkout is installed as a built package, not in editable mode: pip compiles its
    byte-code at install time, as it does for proselint and for any user's install. An
    editable install under ``PYTHONDONTWRITEBYTECODE`` (set on some CI machines) would
    recompile every module from source on each start and inflate the cold start (~0.05 s).
    """
    if not PY.exists():
        log(f"creating {VENV} ...")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(PY), "-m", "pip", "install", "--quiet"]
    probe = subprocess.run(
        [str(PY), "-c", "import proselint, outreach_lint"], capture_output=True, text=True, check=False, cwd=WORK
    )
    if probe.returncode != 0:  # first run: proselint, and our dependencies with a first copy of ours
        log(f"installing {PROSELINT} and this checkout into {VENV} ...")
        subprocess.run([*pip, PROSELINT, str(REPO)], check=True, cwd=WORK)
    else:  # the checkout may have changed since: replace the installed copy
        log(f"reinstalling this checkout into {VENV} ...")
        subprocess.run([*pip, "--force-reinstall", "--no-deps", str(REPO)], check=True, cwd=WORK)


def prepare(sizes: dict[str, Any]) -> dict[str, Any]:
    """Generate the data once per size (a stamp file records what was generated)."""
    data = WORK / "data"
    data.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Any] = {}

    def cached(name: str, make: Any) -> Path:
        path = data / name
        stamp = data / (name + ".done")
        if not stamp.exists():
            log(f"generating {path.name} ...")
            make(path)
            stamp.write_text("ok")
        return path

    paths["one"] = cached("one.txt", lambda p: p.write_text(next(generate.iter_files(1, seed=7))[1]))
    paths["files"] = cached(f"files-{sizes['files']}", lambda p: generate.write_files(p, sizes["files"]))
    paths["many"] = cached(f"files-{sizes['many']}", lambda p: generate.write_files(p, sizes["many"]))
    for label, size in (("big1", sizes["big1"]), ("big10", sizes["big10"])):
        paths[label] = cached(f"big-{size}.txt", lambda p, s=size: generate.write_big(p, s))
    for ext in ("csv", "jsonl"):
        paths[f"rows_{ext}"] = cached(
            f"rows-{sizes['rows']}.{ext}", lambda p: generate.write_rows(p, sizes["rows"])
        )
    paths["inprocess"] = cached("inprocess-400.jsonl", write_inprocess)
    phrases = data / "floor-phrases.txt"
    phrases.write_text("\n".join(generate.floor_phrases(500)) + "\n", encoding="utf-8")
    paths["phrases"] = phrases
    return paths


def write_inprocess(path: Path, count: int = 400) -> None:
    """Distinct generated emails of 90-150 words (the size the lint_text target names), as JSON Lines."""
    with path.open("w", encoding="utf-8") as fh:
        written = 0
        for row in generate.iter_rows(20 * count, seed=11):
            if 90 <= len(row["body"].split()) <= 150:
                fh.write(json.dumps(row) + "\n")
                written += 1
                if written == count:
                    break


def measure(name: str, cmd: list[str], runs: int) -> dict[str, Any]:
    """Median wall time and peak RSS (MB) of ``runs`` fresh processes; stdout hashed."""
    out_dir = WORK / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    walls: list[float] = []
    peak = 0.0
    rc = 0
    digest = ""
    for _ in range(runs):
        out_file = out_dir / f"{name}.out"
        with out_file.open("wb") as out:
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, cwd=WORK)
            try:
                _pid, status, usage = _wait(proc, TIMEOUT)
            except TimeoutError:
                proc.kill()
                proc.wait()
                return {"wall": None, "peak_mb": None, "rc": "timeout", "digest": ""}
            walls.append(time.perf_counter() - t0)
        proc.returncode = rc = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss / 1024)  # KB on Linux
        digest = hashlib.sha256(out_file.read_bytes()).hexdigest()[:16]
    return {"wall": statistics.median(walls), "peak_mb": peak, "rc": rc, "digest": digest}


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int, Any]:
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.002)


def cli_help() -> str:
    res = subprocess.run([str(BIN / "outreach-lint"), "--help"], capture_output=True, text=True, check=False)
    return res.stdout + res.stderr


def fmt_s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def ratio(a: float | None, b: float | None) -> str:
    return "n/a" if not a or not b else f"{a / b:.2f}x"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, one run each")
    ap.add_argument("--runs", type=int, default=None, help="runs per command (median); default 5, quick 3")
    ap.add_argument("--no-proselint", action="store_true", help="skip proselint (it is slow on big files)")
    args = ap.parse_args(argv)
    if sys.version_info < (3, 11):  # noqa: UP036 (run.py may be started by an older python3)
        ap.error("run with Python 3.11 or newer (outreach-lint needs it)")
    if args.quick:
        sizes = {"files": 200, "many": 1000, "big1": 100_000, "big10": 1_000_000, "rows": 1_000}
    else:
        sizes = {"files": 2000, "many": 20_000, "big1": 1_000_000, "big10": 10_000_000, "rows": 100_000}
    runs = args.runs or (3 if args.quick else 5)
    few = max(1, min(runs, 3))  # the long cases
    long_runs = few if args.quick else 1  # 20,000 files and 100,000 rows take minutes
    ensure_venv()
    paths = prepare(sizes)
    ours = [str(BIN / "outreach-lint"), "--exit-zero"]
    prose = [str(BIN / "proselint"), "check"]
    floor = [str(PY), "-c", FLOOR_SCRIPT, str(paths["phrases"])]
    helptext = cli_help()
    results: dict[str, Any] = {"sizes": sizes, "runs": runs, "cases": {}}
    many_label = f"{sizes['files']:,} files"
    cases = [
        ("cold start, 1 file", [str(paths["one"])], runs),
        (many_label, [str(paths["files"])], runs),
        (f"1 file, {sizes['big1'] / 1e6:g} MB", [str(paths["big1"])], few),
        (f"1 file, {sizes['big10'] / 1e6:g} MB", [str(paths["big10"])], few),
    ]
    for label, targets, n in cases:
        log(f"timing: {label}")
        row = {"ours": measure(f"ours-{label}", ours + targets, n)}
        row["proselint"] = None if args.no_proselint else measure(f"proselint-{label}", prose + targets, n)
        row["floor"] = measure(f"floor-{label}", floor + targets, n)
        results["cases"][label] = row
        if label == many_label and "--jobs" in helptext:
            # The default (--jobs auto) uses every CPU on this many files; proselint and the
            # floor use one. The same files in one process, against the same two runs:
            log(f"timing: {label}, --jobs 1")
            serial = {"ours": measure(f"ours-{label}-jobs1", [*ours, "--jobs", "1", *targets], n)}
            serial["proselint"], serial["floor"] = row["proselint"], row["floor"]
            results["cases"][f"{label}, --jobs 1"] = serial

    # What any tool built on the design card's packages pays before its own code runs.
    log("timing: importing pydantic, regex, pluggy and textstat")
    results["deps_import"] = measure("deps-import", [str(PY), "-c", DEPS_IMPORT], runs)

    jobs: dict[str, Any] = {}
    if "--jobs" in helptext:
        for j in (1, 2):
            log(f"timing: {sizes['many']:,} files --jobs {j}")
            jobs[j] = measure(f"jobs{j}", [*ours, "--jobs", str(j), str(paths["many"])], long_runs)
    results["jobs"] = jobs

    batch: dict[str, Any] = {}
    if "--input-format" in helptext:
        for ext in ("csv", "jsonl") if args.quick else ("csv",):
            log(f"timing: batch {sizes['rows']:,} rows ({ext})")
            cmd = [*ours, "--input-format", ext, str(paths[f"rows_{ext}"])]
            if "--output-format" in helptext:
                cmd += ["--output-format", "jsonl"]
            batch[ext] = measure(f"batch-{ext}", cmd, long_runs)
    results["batch"] = batch

    log("timing: Linter.lint_text in-process")
    res = subprocess.run(
        [str(PY), "-c", INPROCESS_SCRIPT, str(paths["inprocess"])], capture_output=True, text=True, check=False
    )
    results["inprocess"] = json.loads(res.stdout) if res.returncode == 0 else {"error": res.stderr[-500:]}

    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    report(results, sizes)
    return 0


def report(results: dict[str, Any], sizes: dict[str, Any]) -> None:
    head = ("case", "ours s", "proselint s", "proselint/ours", "floor s", "ours/floor", "ours MB", "prose MB")
    rows = []
    for label, row in results["cases"].items():
        o, p, f = row["ours"], row["proselint"] or {}, row["floor"]
        rows.append(
            (
                label,
                fmt_s(o["wall"]),
                fmt_s(p.get("wall")),
                ratio(p.get("wall"), o["wall"]),
                fmt_s(f["wall"]),
                ratio(o["wall"], f["wall"]),
                f"{o['peak_mb']:.0f}" if o["peak_mb"] else "n/a",
                f"{p['peak_mb']:.0f}" if p.get("peak_mb") else "n/a",
            )
        )
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*head))
    print(line.format(*("-" * w for w in widths)))
    for r in rows:
        print(line.format(*r))
    cases = results["cases"]
    labels = list(cases)
    print()
    sized = [k for k in labels if not k.endswith("--jobs 1")]
    one, files, big1, big10 = (cases[k] for k in sized)
    labels = sized
    if one["proselint"]:
        deps = results.get("deps_import") or {}
        print(
            f"cold start: ours {fmt_s(one['ours']['wall'])} s "
            f"vs proselint {fmt_s(one['proselint']['wall'])} s; "
            f"importing pydantic, regex, pluggy and textstat alone: {fmt_s(deps.get('wall'))} s"
        )
    b1, b10 = big1["ours"]["wall"], big10["ours"]["wall"]
    if b1 and b10:
        print(f"linearity: {labels[3]} / {labels[2]} = {b10 / b1:.2f} (10.0 is linear; target <= 13.0)")
    jobs = results["jobs"]
    if jobs:
        j1, j2 = jobs[1], jobs[2]
        same = "identical" if j1["digest"] == j2["digest"] else "DIFFERENT"
        print(
            f"--jobs on {sizes['many']:,} files: jobs1 {fmt_s(j1['wall'])} s, jobs2 {fmt_s(j2['wall'])} s, "
            f"speedup {ratio(j1['wall'], j2['wall'])}, output {same}, "
            f"peak MB {j1['peak_mb']:.0f} / {j2['peak_mb']:.0f} "
            f"(jobs1 on {sizes['files']:,} files: {files['ours']['peak_mb']:.0f})"
        )
    else:
        print("--jobs: n/a (the CLI has no --jobs option yet)")
    batch = results["batch"]
    if batch:
        for ext, b in batch.items():
            if b["wall"] is None:
                print(f"batch {sizes['rows']:,} rows ({ext}): {b['rc']}")
                continue
            per = b["wall"] / sizes["rows"] * 1e6
            print(
                f"batch {sizes['rows']:,} rows ({ext}): {fmt_s(b['wall'])} s ({per:.0f} us/row), "
                f"peak {b['peak_mb']:.0f} MB, exit {b['rc']}"
            )
    else:
        print("batch: n/a (the CLI has no --input-format option yet)")
    ip = results["inprocess"]
    if "error" in ip:
        print(f"lint_text: error: {ip['error']}")
    else:
        extra = (
            f"; reading_grade=False: {ip['no_grade_generated_us']:.0f} us"
            if "no_grade_generated_us" in ip
            else ""
        )
        print(
            f"Linter.lint_text ({ip['rules']} rules): {ip['generated_us']:.0f} us/call on {ip['generated']} "
            f"distinct generated emails (median {ip['generated_words']:.0f} words){extra}; "
            f"on a {ip['words']}-word email: {ip['distinct_us']:.0f} us/call edited one word at a time, "
            f"{ip['same_us']:.0f} us/call unchanged"
        )
    for label, row in cases.items():
        if row["ours"]["rc"] not in (0, 1):
            print(f"WARNING: outreach-lint exited {row['ours']['rc']} on {label}")


if __name__ == "__main__":
    raise SystemExit(main())

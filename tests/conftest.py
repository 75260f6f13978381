"""Suite-wide test setup: no network, a hypothesis profile, and a helper to run the real command.

Owned by the reliability tests (issue 7); please do not edit it from other test files.
Put fixtures that only some tests need in a ``conftest.py`` of their own folder.

**Offline.** ``tests/offline_site/sitecustomize.py`` patches the ``socket`` module so that
resolving a host or connecting anywhere but a Unix-domain socket raises. It is installed
here, while pytest loads this file and before any test module (or outreach_lint) is
imported, so the whole suite runs offline. An attempt that a library catches and swallows
is still recorded, and the autouse fixture :func:`_no_network_attempts` fails the test that
made it.

Subprocesses do not inherit a monkeypatch. Tests that run the command use
:func:`offline_env`, which puts ``tests/offline_site`` first on ``PYTHONPATH`` so the child
Python imports the same guard as ``sitecustomize``; :func:`run_cli` does this and fails the
test when the child reported a blocked attempt on stderr. (The environment of the test
process itself is left alone, so tools that legitimately install packages, such as a real
``pre-commit`` run, are not affected.)
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parent
OFFLINE_SITE = TESTS / "offline_site"


def _load_guard() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "_outreach_lint_netguard", OFFLINE_SITE / "sitecustomize.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)  # installs the guard
    return module


netguard = _load_guard()

# Hypothesis: moderate example counts, no per-example deadline (CI machines are shared and
# slow), and a fixed seed under CI so a red build can be reproduced exactly.
settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


@pytest.fixture(autouse=True)
def _no_network_attempts() -> Iterator[None]:
    """Fail any test during which something tried to reach the network (even if it was caught)."""
    netguard.ATTEMPTS.clear()
    yield
    attempts = list(netguard.ATTEMPTS)
    netguard.ATTEMPTS.clear()
    if attempts:
        pytest.fail("network access attempted during the test:\n" + "\n".join(attempts), pytrace=False)


def offline_env(
    extra: Mapping[str, str] | None = None, *, pythonpath: Sequence[os.PathLike[str] | str] = ()
) -> dict[str, str]:
    """The environment for a subprocess: this one, with the offline guard (and ``pythonpath``) first."""
    env = dict(os.environ)
    parts = [str(OFFLINE_SITE), *(str(p) for p in pythonpath)]
    if env.get("PYTHONPATH"):
        parts.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(parts)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONSTARTUP", None)
    env.update(extra or {})
    return env


def run_cli(
    *args: str | os.PathLike[str],
    cwd: os.PathLike[str] | str | None = None,
    env: Mapping[str, str] | None = None,
    pythonpath: Sequence[os.PathLike[str] | str] = (),
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m outreach_lint ARGS`` offline, with no stdin, and return the finished process."""
    proc = subprocess.run(
        [sys.executable, "-m", "outreach_lint", *map(os.fspath, args)],
        cwd=cwd,
        env=offline_env(env, pythonpath=pythonpath),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )
    assert netguard.MARKER not in proc.stderr, f"the command tried to reach the network:\n{proc.stderr}"
    return proc


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """:func:`run_cli`: ``cli("--version")`` runs ``python -m outreach_lint --version`` offline."""
    return run_cli


@pytest.fixture
def subprocess_env() -> Callable[..., dict[str, str]]:
    """:func:`offline_env`: the environment for any other subprocess that must stay offline."""
    return offline_env


def make_distribution(
    site: Path, name: str, modules: Mapping[str, str], entry_points: Mapping[str, str], version: str = "1.0"
) -> Path:
    """Write an installed distribution into the folder ``site``, as pip would.

    ``modules`` maps module file names (``acme_rules.py``) to source; ``entry_points`` maps
    plugin names to ``module[:attr]`` under the ``outreach_lint`` group. Put ``site`` on
    ``sys.path`` (library) or ``PYTHONPATH`` (command) and ``importlib.metadata`` finds it.
    """
    site.mkdir(parents=True, exist_ok=True)
    for filename, source in modules.items():
        (site / filename).write_text(source, encoding="utf-8")
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = ["[outreach_lint]", *(f"{ep} = {target}" for ep, target in entry_points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return site


@pytest.fixture
def fake_distribution() -> Callable[..., Path]:
    """:func:`make_distribution`: a plugin package "installed" in a folder of the test's choosing."""
    return make_distribution


@pytest.fixture
def netguard_module() -> ModuleType:
    """The installed offline guard (its ``ATTEMPTS`` list, ``MARKER`` and error class)."""
    return netguard

"""Linting files in worker processes (``--jobs N``), with results in input order.

Each worker builds its own :class:`Linter` once, from the same :class:`Config`, and lints
chunks of paths; ``Pool.imap`` hands reports back in the order of the paths, one at a
time, so output streams and matches ``--jobs 1`` exactly.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ._config import Config
from ._io import iter_files
from ._linter import Linter
from ._models import FileReport


@dataclass(frozen=True)
class LinterSpec:
    """What a worker needs to build the same linter as the main process (picklable)."""

    config: Config
    config_dir: Path
    plugin_modules: tuple[str, ...] = ()
    reading_grade: bool = True

    def build(self) -> Linter:
        """A linter for this spec; ``-p MODULE`` plugins are imported by name."""
        plugins = [(name, importlib.import_module(name)) for name in self.plugin_modules]
        return Linter(
            self.config, config_dir=self.config_dir, plugins=plugins, reading_grade=self.reading_grade
        )


_WORKER: Linter | None = None
_WORKER_ERROR: BaseException | None = None


def _init_worker(spec: LinterSpec) -> None:
    global _WORKER, _WORKER_ERROR
    try:
        _WORKER = spec.build()
    except BaseException as exc:  # raising here would make the pool respawn workers forever
        _WORKER_ERROR = exc


def _lint_one(target: tuple[str, bool]) -> list[FileReport]:
    if _WORKER is None:
        raise RuntimeError(f"worker could not build a linter: {_WORKER_ERROR}")
    path, is_sequence = target
    return list(_WORKER.lint_paths([path])) if is_sequence else [_WORKER.lint_file(path)]


def iter_lint_targets(linter: Linter, paths: Sequence[str]) -> list[tuple[str, bool]]:
    """``(path, is_sequence)`` for what :meth:`Linter.lint_paths` would lint, in the same order."""
    exclude = [*linter.config.exclude, *linter.config.extend_exclude]
    try:
        from ._sequence import iter_targets
    except ImportError:  # an engine without sequence support: plain files only
        return [(p, False) for p in iter_files(paths, linter.config.include, exclude)]
    return list(iter_targets(paths, linter.config.include, exclude))


def job_count(value: str) -> int:
    """``--jobs`` value: a positive number, or ``0``/``auto`` for the number of CPUs."""
    if value.strip().lower() in {"0", "auto"}:
        return os.cpu_count() or 1
    n = int(value)
    if n < 0:
        raise ValueError("must be a positive number, 0 or auto")
    return n


def lint_parallel(spec: LinterSpec, targets: Sequence[tuple[str, bool]], jobs: int) -> Iterator[FileReport]:
    """Reports for ``targets`` linted in ``jobs`` processes, in the order of ``targets``."""
    workers = max(1, min(jobs, len(targets)))
    chunk = max(1, min(32, len(targets) // (workers * 4)))
    with multiprocessing.get_context().Pool(workers, initializer=_init_worker, initargs=(spec,)) as pool:
        for reports in pool.imap(_lint_one, targets, chunksize=chunk):
            yield from reports

"""Reading files and finding the files to lint.

Nothing here writes: the linter never changes a user's files.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ._errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Files larger than this are reported instead of read (an email is never this big)."""

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, path: str) -> str:
    """Decode file bytes: a BOM decides, else UTF-8, else Windows-1252; binary is an error."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                message = f"invalid {codec} after byte-order mark at byte {exc.start}"
                raise InputError(message, path=path) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not an email", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Legacy exports are often Windows-1252; decoding never fails for the bytes it maps.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 or Windows-1252 text (byte {exc.start})", path=path) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read and decode one file; raise :class:`InputError` with a one-line reason."""
    label = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError("no such file or directory", path=label) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=label) from None
    except PermissionError:
        raise InputError("permission denied", path=label) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=label) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", path=label)
    return decode(data, label)


def matches_any(path: Path, patterns: Iterable[str]) -> bool:
    """True when the file name or any path part matches one of the globs."""
    return _globs(tuple(patterns)).matches(path.parts, path.as_posix())


class _Globs:
    """Globs compiled once: ``name/part`` globs against any path part, ``a/b`` globs against the path."""

    __slots__ = ("_part", "_path")

    def __init__(self, patterns: tuple[str, ...]) -> None:
        def rx(globs: list[str]) -> re.Pattern[str] | None:
            if not globs:
                return None
            return re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(g))})" for g in globs))

        self._part = rx([p for p in patterns if "/" not in p])
        self._path = rx([q for p in patterns if "/" in p for q in (p, "*/" + p)])

    def matches(self, parts: Sequence[str], posix: str | None = None) -> bool:
        """Like ``fnmatch.fnmatch`` on each part, or for ``a/b`` globs on the path (``posix``; default
        the parts joined with ``/``, right for relative paths)."""
        part = self._part
        if part is not None:
            for name in parts:
                if part.match(os.path.normcase(name)):
                    return True
        if self._path is not None:
            joined = posix if posix is not None else "/".join(parts)
            return self._path.match(os.path.normcase(joined)) is not None
        return False

    def matches_name(self, name: str) -> bool:
        """``fnmatch.fnmatch(name, glob)`` for some ``name/part`` glob."""
        return self._part is not None and self._part.match(os.path.normcase(name)) is not None


@functools.lru_cache(maxsize=64)
def _globs(patterns: tuple[str, ...]) -> _Globs:
    return _Globs(patterns)


def iter_files(
    paths: Sequence[str | os.PathLike[str]], include: Sequence[str], exclude: Sequence[str]
) -> Iterator[str]:
    """Files under ``paths`` matching ``include`` and not ``exclude``, sorted, each once.

    Files named directly are always yielded (even if they match no include pattern),
    like flake8. Directories are walked without following symlinked directories, so
    symlink loops cannot hang the walk. Missing paths are yielded as given, so the
    caller reports them.
    """
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for found in _walk(p, include, exclude):
                key = os.path.normpath(found)
                if key not in seen:
                    seen.add(key)
                    yield found
        else:
            key = os.path.normpath(p)
            if key not in seen:
                seen.add(key)
                yield os.fspath(raw)


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    excluded = _globs(tuple(exclude))
    included = _globs(tuple(include))
    out = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not excluded.matches((d,)))
        rel = here.relative_to(root) if here.is_relative_to(root) else here
        rel_parts = rel.parts
        prefix = "" if os.fspath(here) == "." else os.fspath(here) + os.sep  # what ``here / name`` gives
        for name in filenames:
            if excluded.matches((*rel_parts, name)):
                continue
            if included.matches_name(name):
                out.append(prefix + name)
    yield from sorted(out)

"""Reading files and finding the files to lint.

Nothing here writes: the linter never changes a user's files.
"""

from __future__ import annotations

import fnmatch
import os
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
    parts = path.parts
    posix = path.as_posix()
    for pat in patterns:
        if "/" in pat:
            if fnmatch.fnmatch(posix, pat) or fnmatch.fnmatch(posix, "*/" + pat):
                return True
        elif any(fnmatch.fnmatch(part, pat) for part in parts):
            return True
    return False


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
    out = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not matches_any(Path(d), exclude))
        for name in filenames:
            fp = here / name
            rel = fp.relative_to(root) if fp.is_relative_to(root) else fp
            if matches_any(rel, exclude):
                continue
            if any(fnmatch.fnmatch(name, pat) for pat in include):
                out.append(os.fspath(fp))
    yield from sorted(out)

"""Front matter and header blocks at the top of a template: where the subject line lives.

Two front-matter flavours are read, and a plain header block as a fallback:

- YAML-style, between ``---`` lines: only the simple ``key: value`` subset (one line per
  key, optional single or double quotes, ``#`` comment lines). Nested values and lists
  are skipped, so no YAML library is needed.
- TOML, between ``+++`` lines, parsed with :mod:`tomllib`.
- RFC 822 style headers (``Subject: ...`` then a blank line), as in plain-text emails.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

import regex

from .._errors import InputError
from .._source import EmailSource, SourceMap
from ._build import checked_subject_start
from .text import parse_headers

_FENCE_LINE = regex.compile(r"(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_YAML_LINE = regex.compile(r"[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*(?:\r\n|\r|\n|$)")
_TOML_STRING = regex.compile(r'^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*"([^"\\\r\n]*)"', regex.M)


@dataclass
class Meta:
    """Values found before the body, their source offsets, and where the body starts."""

    values: dict[str, str] = field(default_factory=dict)
    offsets: dict[str, int] = field(default_factory=dict)
    body_start: int = 0
    kind: str = "none"

    def int_value(self, key: str) -> int | None:
        """A positive integer value (``step: 2``), else ``None``."""
        raw = self.values.get(key, "").strip()
        return int(raw) if raw.isdigit() and int(raw) >= 1 else None


def read_meta(source: str, path: str, *, headers: bool = True) -> Meta:
    """Front matter if the text starts with ``---`` or ``+++``, else a header block."""
    m = _FENCE_LINE.match(source)
    if m:
        return _yaml(source, m.end(), path) if m.group(1) == "---" else _toml(source, m.end(), path)
    if headers:
        values, offsets, body_start = parse_headers(source)
        if values:
            return Meta(values, offsets, body_start, "headers")
    return Meta()


def _closing(source: str, start: int, fence: str, path: str) -> tuple[int, int]:
    closer = regex.compile(rf"^(?:{regex.escape(fence)}|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)", regex.M)
    m = closer.search(source, start)
    if m is None:
        raise InputError(f"front matter opened with {fence} on line 1 is never closed", path=path)
    return m.start(), m.end()


def _yaml(source: str, start: int, path: str) -> Meta:
    end, body_start = _closing(source, start, "---", path)
    meta = Meta(body_start=body_start, kind="yaml")
    pos = start
    while pos < end:
        nl = source.find("\n", pos, end)
        line_end = end if nl == -1 else nl + 1
        m = _YAML_LINE.match(source, pos, line_end)
        if m and not source[pos:line_end].lstrip().startswith("#") and source[pos] not in " \t":
            key, value, vstart = m.group(1).lower(), m.group(2), m.start(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value, vstart = value[1:-1], vstart + 1
            elif " #" in value:
                value = value.split(" #", 1)[0].rstrip()
            meta.values[key] = value
            meta.offsets[key] = vstart
        pos = line_end
    return meta


def _toml(source: str, start: int, path: str) -> Meta:
    end, body_start = _closing(source, start, "+++", path)
    try:
        data = tomllib.loads(source[start:end].replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML front matter: {exc}", path=path) from None
    meta = Meta(body_start=body_start, kind="toml")
    for key, value in data.items():
        if isinstance(value, (str, int, float, bool)):
            meta.values[key.lower()] = str(value).lower() if isinstance(value, bool) else str(value)
    for m in _TOML_STRING.finditer(source, start, end):
        key = m.group(1).lower()
        if meta.values.get(key) == m.group(2):
            meta.offsets[key] = m.start(2)
    return meta


def email_from(
    meta: Meta,
    source: str,
    view: str,
    smap: SourceMap,
    *,
    path: str,
    format: str,
    preheader: str | None = None,
    fallback_subject: tuple[str, int | None] | None = None,
) -> EmailSource:
    """An :class:`EmailSource` whose subject, preheader and step come from ``meta``.

    ``fallback_subject`` (text, source offset) is used when ``meta`` names no subject,
    e.g. an HTML ``<title>``.
    """
    subject = meta.values.get("subject")
    start = meta.offsets.get("subject") if subject is not None else None
    if subject is None and fallback_subject is not None:
        subject, start = fallback_subject
    return EmailSource(
        source=source,
        view=view,
        map=smap,
        path=path,
        format=format,
        subject=subject,
        subject_start=checked_subject_start(source, subject, start),
        preheader=meta.values.get("preheader") or preheader,
        headers=dict(meta.values),
        step=meta.int_value("step"),
    )

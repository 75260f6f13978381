"""The rule engine: load plugins once, then lint any number of emails.

A :class:`Linter` is built once (plugins loaded, packs compiled, rules selected and
configured) and is safe to share across threads: linting keeps no state on the linter.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from ._config import Config
from ._document import Document
from ._errors import ConfigError, InputError, OutreachLintError, PluginError, RuleError
from ._io import matches_any, read_text
from ._metrics import compute as compute_metrics
from ._models import SCHEMA_VERSION, FileError, FileReport, Finding, RuleInfo, SequenceReport, Severity, prevalidated
from ._packs import load_pack
from ._plugins import Registry, load_registry, validate_rule
from ._reader import Reader
from ._rule import Hit, Rule
from ._selection import Selector, check_prefix
from ._source import EmailSource

log = logging.getLogger("outreach_lint")


class Linter:
    """Lints emails with the rules that a :class:`Config` selects.

    >>> linter = Linter()
    >>> text = "Hi Dana,\\n\\nJust following up on my last email.\\n"
    >>> report = linter.lint_text(text, subject="Following up")
    >>> sorted({f.category for f in report.findings})
    ['customer-goal', 'volume-over-value']

    ``reading_grade=False`` skips the Flesch-Kincaid grade (the costliest metric; it
    loads textstat) unless a selected rule needs it: ``metrics.reading_grade`` is then
    ``None``. The command line uses it when its output shows no metrics.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        plugins: Iterable[tuple[str, object]] = (),
        entry_points: bool = True,
        config_dir: str | os.PathLike[str] | None = None,
        reading_grade: bool = True,
    ) -> None:
        self.config = config or Config()
        self.registry: Registry = load_registry(
            self.config.disable_plugins, entry_points=entry_points, extra_plugins=plugins
        )
        base = Path(config_dir) if config_dir is not None else Path.cwd()
        self._load_packs(base)
        self.plugin_errors: list[PluginError] = list(self.registry.errors)
        self.all_rules: list[tuple[Rule, str]] = list(self.registry.rules)
        known = [r.code for r, _ in self.all_rules]
        self.selector = Selector(
            self.config.select, self.config.ignore, self.config.extend_select, self.config.extend_ignore
        )
        self.selector.validate(known)
        for prefixes in self.config.per_file_ignores.values():
            for item in prefixes:
                check_prefix(item, known, "per-file-ignores")
        for item in self.config.severity:
            check_prefix(item, known, "severity")
        self._check_options()
        self.rules: list[tuple[Rule, str]] = [
            (rule.configured(self.config.options), plugin)
            for rule, plugin in self.all_rules
            if self.selector.is_selected(rule.code, rule.enabled_by_default)
        ]
        self._severity = {r.code: self._severity_for(r) for r, _ in self.rules}
        # The grade loads textstat and is the costliest metric: skip it when asked to,
        # unless a selected rule needs it anyway (then it is computed and reported).
        self.reading_grade = reading_grade or any(r.needs_reading_grade for r, _ in self.rules)
        self.readers: dict[str, Reader] = {}
        for reader, _plugin in self.registry.readers:
            for ext in reader.extensions:
                self.readers[ext.lower()] = reader

    # -- setup -----------------------------------------------------------------------

    def _load_packs(self, base: Path) -> None:
        packs: list[tuple[Path, str, bool]] = [(p, plugin, True) for p, plugin in self.registry.packs]
        for item in self.config.rule_packs:
            path = Path(item)
            packs.append((path if path.is_absolute() else base / path, "config", False))
        for path, plugin, trusted in packs:
            for rule in load_pack(path, trusted=trusted):
                owner = plugin if trusted and plugin.startswith("outreach_lint.") else f"{plugin}:{path.name}"
                if validate_rule(self.registry, rule, owner):
                    self.registry.rules.append((rule, owner))

    def _check_options(self) -> None:
        allowed = {o.name for r, _ in self.all_rules for o in r.options}
        for key in self.config.options:
            if key not in allowed:
                raise ConfigError(
                    f"unknown rule option {key!r}; allowed: {', '.join(sorted(allowed)) or 'none'}",
                    source="options",
                )

    def _severity_for(self, rule: Rule) -> Severity:
        best, sev = -1, rule.severity
        for prefix, value in self.config.severity.items():
            n = 0 if prefix == "ALL" else len(prefix)
            if (prefix == "ALL" or rule.code.startswith(prefix)) and n > best:
                best, sev = n, value
        return sev

    # -- introspection ---------------------------------------------------------------

    def rule_infos(self, *, all_rules: bool = True) -> list[RuleInfo]:
        """Metadata of every registered rule (or only the selected ones), sorted by code."""
        source = self.all_rules if all_rules else self.rules
        return sorted((r.info(p) for r, p in source), key=lambda i: i.code)

    def reader_for(self, path: str, default: str = ".txt") -> Reader:
        """The reader registered for the file's extension, else the plain-text reader."""
        ext = os.path.splitext(path)[1].lower()
        reader = self.readers.get(ext) or self.readers.get(default)
        if reader is None:
            kind = ext or "files without extension"
            raise OutreachLintError(f"no reader for {kind} and no plain-text reader")
        return reader

    # -- linting ---------------------------------------------------------------------

    def lint_text(
        self,
        text: str,
        *,
        subject: str | None = None,
        path: str = "<text>",
        format: str | None = None,
        step: int | None = None,
    ) -> FileReport:
        """Lint one email given as text. ``format`` is an extension (``.html``) or reader name."""
        try:
            email = self.read(text, path=path, format=format)
        except InputError as exc:
            return _failed(path, "parse", str(exc))
        if subject is not None:
            email = _replace(email, subject=subject, subject_start=None, subject_map=None)
        if step is not None:
            email = _replace(email, step=step)
        return self.lint_email(email)

    def read(self, text: str, *, path: str = "<text>", format: str | None = None) -> EmailSource:
        """Parse text into an :class:`EmailSource` with the reader for ``format`` or ``path``."""
        if format is not None:
            by_name = {r.name: r for r in self.readers.values()}
            ext = format if format.startswith(".") else "." + format
            reader = by_name.get(format) or self.readers.get(ext.lower())
            if reader is None:
                raise OutreachLintError(f"unknown format {format!r}; known: {', '.join(sorted(by_name))}")
        else:
            reader = self.reader_for(path)
        try:
            return reader.read(text, path)
        except InputError:
            raise
        except Exception as exc:  # a reader's bug fails its file, not the run
            log.debug("reader %s failed on %s", reader.name, path, exc_info=True)
            raise InputError(f"reader {reader.name!r} failed: {type(exc).__name__}: {exc}", path=path) from exc

    def lint_file(self, path: str | os.PathLike[str]) -> FileReport:
        """Lint one file; read and parse errors come back as a report with ``errors``."""
        label = os.fspath(path)
        try:
            text = read_text(path)
        except InputError as exc:
            return _failed(label, "read", str(exc))
        try:
            email = self.read(text, path=label)
        except InputError as exc:  # the same report as lint_text gives for the same text
            return _failed(label, "parse", str(exc))
        return self.lint_email(email)

    def lint_paths(self, paths: Sequence[str | os.PathLike[str]]) -> Iterator[FileReport]:
        """Lint files and folders (recursively, with the configured include/exclude), in path order."""
        from ._sequence import iter_targets, lint_sequence_with, sequence_file_reports

        exclude = [*self.config.exclude, *self.config.extend_exclude]
        for path, is_sequence in iter_targets(paths, self.config.include, exclude):
            if is_sequence:  # each step's report, sequence findings included, in step order
                yield from sequence_file_reports(lint_sequence_with(self, path))
            else:
                yield self.lint_file(path)

    def lint_sequence(self, source: str | os.PathLike[str] | Sequence[Any]) -> SequenceReport:
        """Lint a sequence folder, sequence file, or list of steps (``Step`` or str) as a whole."""
        from ._sequence import lint_sequence_with

        return lint_sequence_with(self, source)

    def lint_email(self, email: EmailSource) -> FileReport:
        """Run every selected rule on one parsed email."""
        from ._suppress import hide_directives

        try:
            doc = Document.parse(hide_directives(email), lint_quoted=self.config.lint_quoted)
        except Exception as exc:  # one email must not take the run down
            log.debug("parsing %s failed", email.path, exc_info=True)
            return _failed(email.path, "parse", f"{email.path}: cannot parse: {type(exc).__name__}: {exc}")
        ignored = self._ignored_for(email.path)
        findings: list[Finding] = []
        errors: list[FileError] = []
        for rule, plugin in self.rules:
            if rule.code in ignored:
                continue
            try:
                hits = list(rule.check(doc))
                for hit in hits:
                    findings.append(self._finding(rule, hit, email, doc))
            except TimeoutError:
                errors.append(
                    FileError(
                        kind="timeout",
                        message=f"rule {rule.code} ({plugin}) ran out of time on {email.path}",
                        code=rule.code,
                        plugin=plugin,
                    )
                )
            except Exception as exc:  # one rule must not take the run down
                log.debug("rule %s (%s) failed on %s", rule.code, plugin, email.path, exc_info=True)
                why = f"{type(exc).__name__}: {exc}"
                err = RuleError(why, code=rule.code, plugin=plugin, path=email.path)
                errors.append(FileError(kind="rule", message=str(err), code=rule.code, plugin=plugin))
        findings = self._postprocess(email, findings)
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        metrics = compute_metrics(doc, findings, with_grade=self.reading_grade)
        # Built from validated rules and computed positions: skip re-validation (hot path).
        return prevalidated(
            FileReport,
            schema_version=SCHEMA_VERSION,
            path=email.path,
            format=email.format,
            subject=email.subject,
            step=email.step,
            findings=findings,
            metrics=metrics,
            errors=errors,
        )

    def _postprocess(self, email: EmailSource, findings: list[Finding]) -> list[Finding]:
        from ._suppress import apply_suppressions, unused_policy

        report_unused, severity = unused_policy(self, email.path)
        return apply_suppressions(email, findings, report_unused=report_unused, unused_severity=severity)

    def _ignored_for(self, path: str) -> set[str]:
        if not self.config.per_file_ignores or path == "<text>":
            return set()
        p = Path(path)
        out: set[str] = set()
        for pattern, prefixes in self.config.per_file_ignores.items():
            if matches_any(p, [pattern]):
                for rule, _ in self.rules:
                    if any(p == "ALL" or rule.code.startswith(p) for p in prefixes):
                        out.add(rule.code)
        return out

    def _finding(self, rule: Rule, hit: Any, email: EmailSource, doc: Document) -> Finding:
        if not isinstance(hit, Hit):
            raise TypeError(f"check() must yield Hit objects, got {type(hit).__name__}")
        if not (isinstance(hit.start, int) and isinstance(hit.end, int) and 0 <= hit.start <= hit.end):
            raise ValueError(f"invalid span {hit.start!r}..{hit.end!r}")
        if not all(v is None or isinstance(v, str) for v in (hit.message, hit.hint)):
            raise TypeError("Hit.message and Hit.hint must be strings or None")  # Finding is not re-validated
        part: Literal["source", "subject"] = "source"
        if hit.part == "subject":
            subject = email.subject or ""
            if hit.end > len(subject):
                raise ValueError(f"subject span {hit.start}..{hit.end} outside the subject")
            if email.subject_map is not None:
                start = email.subject_map.to_source(hit.start)
                end = max(start, email.subject_map.to_source_end(hit.end))
                excerpt = email.source[start:end]
            elif email.subject_start is not None:
                start, end = email.subject_start + hit.start, email.subject_start + hit.end
                excerpt = email.source[start:end]
            else:
                part = "subject"
                start, end = hit.start, hit.end
                excerpt = subject[start:end]
        else:
            if hit.end > len(doc.view):
                raise ValueError(f"span {hit.start}..{hit.end} outside the text ({len(doc.view)} characters)")
            start = email.map.to_source(hit.start)
            end = max(start, email.map.to_source_end(hit.end))
            excerpt = email.source[start:end]
        if part == "subject":
            line, col, end_line, end_col = 1, start + 1, 1, end + 1
        else:
            line, col = email.map.line_col(start)
            end_line, end_col = email.map.line_col(end)
        return prevalidated(
            Finding,
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=self._severity[rule.code],
            message=hit.message or rule.message,
            hint=hit.hint if hit.hint is not None else rule.hint,
            path=email.path,
            part=part,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            start=start,
            end=end,
            excerpt=excerpt,
            step=email.step,
        )


def _replace(email: EmailSource, **changes: Any) -> EmailSource:
    import dataclasses

    return dataclasses.replace(email, **changes)


def _failed(path: str, kind: str, message: str) -> FileReport:
    return FileReport(path=path, errors=[FileError(kind=kind, message=message)])  # type: ignore[arg-type]


def lint_text(
    text: str, *, subject: str | None = None, path: str = "<text>", format: str | None = None
) -> FileReport:
    """Lint one email with the default configuration (the linter is built once and cached)."""
    return default_linter().lint_text(text, subject=subject, path=path, format=format)


def lint_file(path: str | os.PathLike[str]) -> FileReport:
    """Lint one file with the default configuration."""
    return default_linter().lint_file(path)


_DEFAULT: Linter | None = None
_DEFAULT_LOCK = threading.Lock()


def default_linter() -> Linter:
    """A shared :class:`Linter` with the default configuration (built once, even across threads)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Linter()
        return _DEFAULT

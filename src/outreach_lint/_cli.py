"""The ``outreach-lint`` command: flake8-style paths, options, output formats and exit codes.

Exit codes: 0 when no finding is at or above ``--fail-on``; 1 when one is; 2 for a
usage, configuration or input error, a plugin that failed to load or a rule that
crashed (the run still lints everything it can). Errors are one line on stderr.

How a run is put together (so batch inputs and new flags slot in):

1. :func:`build_parser` declares every flag, in groups, including one flag per rule
   option the registered plugins declare;
2. :func:`resolve_config` reads the configuration file and lays the flags over it;
3. :func:`iter_reports` turns the inputs into :class:`FileReport` objects, in order;
4. :func:`run_lint` feeds them to the formatter and computes the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import _batch
from ._cli_info import explain, list_rules, version_text
from ._config import Config
from ._config_files import (
    ConfigFile,
    coerce_option,
    config_values,
    discovery_start,
    find_config_file,
    merge,
    read_config_file,
)
from ._errors import ConfigError, InputError, OutreachLintError, PluginError
from ._formatter import Formatter
from ._io import decode, read_text
from ._linter import Linter
from ._models import FileReport, RuleOption, Severity
from ._parallel import (
    AUTO,
    AUTO_MIN_FILES,
    LinterSpec,
    iter_lint_targets,
    job_count,
    lint_parallel,
    lint_target,
    workers_for,
)
from ._plugins import load_registry

PROG = "outreach-lint"
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
OPTION_DEST = "rule_option:"
"""Prefix of the argparse ``dest`` of rule-option flags (``rule_option:max-words``)."""

log = logging.getLogger("outreach_lint")


class UsageError(Exception):
    """Bad command-line usage; printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _globs(value: str) -> list[str]:
    return [g.strip() for g in value.split(",") if g.strip()]


def parse_per_file_ignores(value: str) -> dict[str, list[str]]:
    """flake8 syntax: ``glob:CODE,CODE glob2:CODE`` (whitespace or newlines between pairs)."""
    out: dict[str, list[str]] = {}
    for item in value.split():
        glob, sep, codes = item.rpartition(":")
        if not sep or not glob or not codes:
            raise argparse.ArgumentTypeError(f"expected GLOB:CODE[,CODE...], got {item!r}")
        out.setdefault(glob, []).extend(_codes(codes))
    return out


def _severity_pair(value: str) -> tuple[str, str]:
    code, sep, level = value.partition("=")
    if not sep or level.strip().lower() not in {s.value for s in Severity}:
        raise argparse.ArgumentTypeError(f"expected CODE=info|warning|error, got {value!r}")
    return code.strip().upper(), level.strip().lower()


def _jobs(value: str) -> int:
    try:
        return job_count(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of processes, 0 or auto, got {value!r}"
        ) from None


# -- the parser -------------------------------------------------------------------


def build_parser(rule_options: Sequence[RuleOption] = ()) -> argparse.ArgumentParser:
    """The argument parser, with one ``--NAME`` flag per rule option given."""
    p = _Parser(
        prog=PROG,
        allow_abbrev=False,
        description="Lint sales outreach emails and templates, like flake8 lints code.",
        epilog="Run 'outreach-lint rule CODE' to read a rule's documentation. Exit codes: 0 clean, "
        "1 findings at or above --fail-on, 2 usage, configuration, input or plugin error.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files and folders to lint ('-' reads stdin; default: .)"
    )
    _add_input_options(p)
    _batch.add_arguments(p)
    _add_selection_options(p)
    _add_output_options(p)
    _add_config_options(p)
    _add_info_options(p)
    _add_rule_options(p, rule_options)
    return p


def _add_input_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("input")
    g.add_argument("--stdin-filename", metavar="NAME", help="name shown (and reader chosen) for '-'")
    g.add_argument(
        "--include", type=_globs, metavar="GLOBS", help="file globs to lint in folders (replaces the default)"
    )
    g.add_argument(
        "--exclude", type=_globs, metavar="GLOBS", help="names/globs to skip (replaces the default)"
    )
    g.add_argument(
        "--extend-exclude", type=_globs, metavar="GLOBS", help="names/globs to skip, added to exclude"
    )
    g.add_argument("--lint-quoted", action=argparse.BooleanOptionalAction, help="also lint quoted reply text")
    g.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=AUTO,
        metavar="N",
        help=f"processes to lint with (default auto: one per CPU from {AUTO_MIN_FILES} files on)",
    )


def _add_selection_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("rule selection (codes or prefixes, comma-separated; longest prefix wins)")
    g.add_argument("--select", type=_codes, metavar="CODES", help="rules to run (ALL for every rule)")
    g.add_argument(
        "--ignore", type=_codes, metavar="CODES", help="rules not to run (replaces the configured list)"
    )
    g.add_argument("--extend-select", type=_codes, metavar="CODES", help="rules to run, added to select")
    g.add_argument("--extend-ignore", type=_codes, metavar="CODES", help="rules not to run, added to ignore")
    g.add_argument(
        "--per-file-ignores",
        type=parse_per_file_ignores,
        metavar="MAP",
        help="'GLOB:CODES GLOB2:CODES' ignores per file",
    )
    g.add_argument(
        "--severity",
        type=_severity_pair,
        action="append",
        metavar="CODE=LEVEL",
        help="report CODE at LEVEL (repeatable)",
    )
    g.add_argument(
        "--fail-on", choices=[s.value for s in Severity], help="lowest severity that fails (default warning)"
    )
    g.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    g.add_argument(
        "--report-unused-suppressions",
        action=argparse.BooleanOptionalAction,
        help="report suppression comments that suppress nothing (OL901)",
    )


def _add_output_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("output")
    g.add_argument(
        "--format",
        default="default",
        metavar="FORMAT",
        help="default, json, json-lines, sarif, github, junit, or one a plugin adds",
    )
    g.add_argument("--output-file", metavar="PATH", help="write the findings there instead of stdout")
    g.add_argument(
        "--show-source", action="store_true", help="print the source line with a caret under each finding"
    )
    g.add_argument("--statistics", action="store_true", help="count findings per code")
    g.add_argument("--count", action="store_true", help="print the total number of findings")
    g.add_argument(
        "-v", "--verbose", action="store_true", help="debug logging; tracebacks on internal errors"
    )


def _add_config_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("configuration and plugins")
    g.add_argument("--config", metavar="PATH", help="configuration file to use (no discovery)")
    g.add_argument("--isolated", action="store_true", help="ignore configuration files")
    g.add_argument("--rule-pack", action="append", metavar="PATH", help="extra TOML rule pack (repeatable)")
    g.add_argument(
        "-p",
        dest="plugin_args",
        action="append",
        metavar="NAME",
        help="load plugin module NAME, or block a plugin with no:NAME (repeatable)",
    )
    g.add_argument("--disable-plugin", action="append", metavar="NAME", help="block a plugin (repeatable)")


def _add_info_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("information")
    g.add_argument("--version", action="store_true", help="print the version and the installed plugins")
    g.add_argument("--list-rules", action="store_true", help="list every rule (with --format json: as JSON)")
    g.add_argument(
        "--explain", metavar="CODE", help="print a rule's documentation (also: outreach-lint rule CODE)"
    )


def _add_rule_options(p: argparse.ArgumentParser, options: Sequence[RuleOption]) -> None:
    if not options:
        return
    g = p.add_argument_group("rule options (thresholds declared by rules)")
    for opt in options:

        def convert(value: str, opt: RuleOption = opt) -> Any:
            try:
                return coerce_option(opt, value)
            except ValueError as exc:
                raise argparse.ArgumentTypeError(str(exc)) from None

        convert.__name__ = opt.name
        try:
            g.add_argument(
                f"--{opt.name}",
                dest=OPTION_DEST + opt.name,
                type=convert,
                metavar="VALUE",
                help=f"{opt.help} (default: {opt.default})",
            )
        except argparse.ArgumentError:
            log.warning(
                "rule option %s clashes with a command-line flag; set it in the configuration", opt.name
            )


def _split_plugin_args(values: Sequence[str] | None) -> tuple[list[str], list[str]]:
    blocked: list[str] = []
    loaded: list[str] = []
    for v in values or ():
        (blocked if v.startswith("no:") else loaded).append(v.removeprefix("no:"))
    return blocked, loaded


def _pre_parse(argv: Sequence[str]) -> argparse.Namespace:
    pre = _Parser(add_help=False, allow_abbrev=False)
    pre.add_argument("-p", dest="plugin_args", action="append")
    pre.add_argument("--disable-plugin", action="append")
    pre.add_argument("--version", action="store_true")
    pre.add_argument("-v", "--verbose", action="store_true")
    return pre.parse_known_args(argv)[0]


def registered_options(blocked: Sequence[str], plugins: Sequence[tuple[str, object]]) -> list[RuleOption]:
    """The rule options that the plugins (minus the blocked ones) declare, one per name."""
    try:
        registry = load_registry(blocked, extra_plugins=plugins)
    except OutreachLintError:  # reported when the linter is built
        return []
    seen: dict[str, RuleOption] = {}
    for rule, _plugin in registry.rules:
        for opt in getattr(rule, "options", ()):
            seen.setdefault(opt.name, opt)
    return sorted(seen.values(), key=lambda o: o.name)


def _import_plugins(names: Sequence[str]) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for name in names:
        try:
            out.append((name, importlib.import_module(name)))
        except Exception as exc:
            raise ConfigError(
                f"cannot import plugin module {name!r}: {type(exc).__name__}: {exc}", source="-p"
            ) from exc
    return out


# -- configuration ----------------------------------------------------------------


def find_config(args: argparse.Namespace) -> ConfigFile:
    """The configuration file for a run (``--config``, discovery, or none with ``--isolated``)."""
    if args.isolated:
        return ConfigFile(None)
    if args.config:
        return read_config_file(args.config)
    paths = args.paths or ["."]
    return find_config_file(discovery_start(paths, args.stdin_filename)) or ConfigFile(None)


def resolve_config(args: argparse.Namespace, options: Sequence[RuleOption]) -> tuple[Config, Path]:
    """The configuration for a run (file, then flags on top) and the folder packs resolve against."""
    cfg = find_config(args)
    log.debug("configuration: %s", cfg.label)
    values = config_values(cfg, {o.name: o for o in options})
    return merge(values, cli_overrides(args)), cfg.directory


def build_linter(
    args: argparse.Namespace,
    options: Sequence[RuleOption],
    plugins: Sequence[tuple[str, object]],
    **kwargs: Any,
) -> tuple[Linter, Config, Path]:
    """The linter for a run. An error caused by the configuration file (a code that matches no
    rule, a missing rule pack) names the file, like the file's own key and value errors do."""
    config, config_dir = resolve_config(args, options)
    try:
        return Linter(config, config_dir=config_dir, plugins=plugins, **kwargs), config, config_dir
    except OutreachLintError as exc:
        cfg = find_config(args)
        if cfg.path is None or not cfg.table or isinstance(exc, PluginError):
            raise
        try:  # does the file alone give the same error?
            Linter(
                merge(config_values(cfg, {o.name: o for o in options}), {}),
                config_dir=config_dir,
                plugins=plugins,
                **kwargs,
            )
        except OutreachLintError as again:
            if str(again) == str(exc):
                raise ConfigError(str(exc), source=cfg.label) from exc
        raise


def cli_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The :class:`Config` values given on the command line (only those given)."""
    out: dict[str, Any] = {}
    for key in (
        "select",
        "ignore",
        "extend_select",
        "extend_ignore",
        "per_file_ignores",
        "fail_on",
        "include",
        "exclude",
        "extend_exclude",
        "lint_quoted",
        "report_unused_suppressions",
    ):
        value = getattr(args, key, None)
        if value is not None:
            out[key] = value
    if args.severity:
        out["severity"] = dict(args.severity)
    if args.rule_pack:
        out["rule_packs"] = [str(Path(p).resolve()) for p in args.rule_pack]
    blocked, _ = _split_plugin_args(args.plugin_args)
    if blocked or args.disable_plugin:
        out["disable_plugins"] = [*blocked, *(args.disable_plugin or ())]
    opts = {
        k.removeprefix(OPTION_DEST): v
        for k, v in vars(args).items()
        if k.startswith(OPTION_DEST) and v is not None
    }
    if opts:
        out["options"] = opts
    return out


# -- linting ----------------------------------------------------------------------


def iter_reports(
    args: argparse.Namespace, linter: Linter, spec: LinterSpec
) -> Iterator[tuple[FileReport, str | None]]:
    """Reports for the inputs, in order, each with its source text when already at hand.

    ``-`` reads stdin; runs of other paths are walked with the configured include and
    exclude and linted in ``--jobs`` processes.
    """
    paths = list(args.paths or ["."])
    i = 0
    while i < len(paths):
        if paths[i] == "-":
            yield _lint_stdin(linter, args.stdin_filename)
            i += 1
            continue
        j = i
        while j < len(paths) and paths[j] != "-":
            j += 1
        group = paths[i:j]
        i = j
        if args.jobs != 1:
            targets = iter_lint_targets(linter, group)
            workers = workers_for(args.jobs, len(targets))
            if workers > 1:
                yield from ((r, None) for r in lint_parallel(spec, targets, workers, linter))
            else:
                for path, is_sequence in targets:
                    yield from ((r, None) for r in lint_target(linter, path, is_sequence))
            continue
        yield from ((r, None) for r in linter.lint_paths(group))


def _lint_stdin(linter: Linter, name: str | None) -> tuple[FileReport, str | None]:
    label = name or "stdin"
    try:
        text = decode(sys.stdin.buffer.read(), label)
    except InputError as exc:
        return FileReport(path=label, errors=[{"kind": "read", "message": str(exc)}]), None  # type: ignore[list-item]
    return linter.lint_text(text, path=label), text


def _source_of(report: FileReport) -> str | None:
    try:
        return read_text(report.path)
    except InputError:
        return None


def run_lint(args: argparse.Namespace, linter: Linter, spec: LinterSpec, out: TextIO) -> int:
    """Lint, write the findings, print errors and summaries; return the exit code."""
    formatter_cls = _formatter_class(linter, args.format)
    structured = bool(getattr(formatter_cls, "structured", False))
    show_source = args.show_source and not structured
    formatter = formatter_cls(out, rules=linter.rule_infos(), show_source=show_source)
    failing, errors = 0, 0
    stats: dict[str, list[Any]] = {}
    formatter.start()
    for report, source in iter_reports(args, linter, spec):
        if show_source and report.findings and source is None:
            source = _source_of(report)
        formatter.handle(report, source)
        for f in report.findings:
            failing += f.severity.rank >= linter.config.fail_on.rank
            stats.setdefault(f.code, [0, f.message])[0] += 1
        for err in report.errors:
            errors += 1
            message = err.message if report.path in err.message else f"{report.path}: {err.message}"
            _stderr(message)
    formatter.finish()
    summary = sys.stderr if structured else out
    if args.statistics:
        for code in sorted(stats):
            summary.write(f"{stats[code][0]:<5} {code} {stats[code][1]}\n")
    if args.count:
        summary.write(f"{sum(n for n, _ in stats.values())}\n")
    if errors or linter.plugin_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_OK


def _formatter_class(linter: Linter, name: str) -> type[Formatter]:
    formatters: dict[str, type[Formatter]] = {cls.name: cls for cls, _ in linter.registry.formatters}
    if name not in formatters:
        raise UsageError(
            f"argument --format: unknown format {name!r} (choose from {', '.join(sorted(formatters))})"
        )
    return formatters[name]


def _stderr(message: str) -> None:
    sys.stderr.write(f"{PROG}: {' '.join(message.split())}\n")


# -- entry point ------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit code (never raises, never prints a traceback unless -v)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    verbose = any(a in {"-v", "--verbose"} for a in args_list)
    try:
        return _main(args_list)
    except UsageError as exc:
        _stderr(f"error: {exc} (see outreach-lint --help)")
    except OutreachLintError as exc:
        _stderr(f"error: {exc}")
    except KeyboardInterrupt:
        _stderr("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into head & co.: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except Exception as exc:
        _stderr(
            f"internal error: {type(exc).__name__}: {exc}"
            + ("" if verbose else " (use --verbose for details)")
        )
        if verbose:
            traceback.print_exc()
    return EXIT_ERROR


def _rule_subcommand(args: argparse.Namespace, *, first: bool) -> None:
    """``outreach-lint rule CODE`` is ``--explain CODE`` (unless a file named ``rule`` is meant)."""
    if args.paths[:1] != ["rule"] or args.explain is not None or (not first and Path("rule").exists()):
        return
    if len(args.paths) != 2:
        raise UsageError("usage: outreach-lint rule CODE")
    args.explain = args.paths.pop()
    args.paths.clear()


def _main(argv: list[str]) -> int:
    pre = _pre_parse(argv)
    logging.basicConfig(
        level=logging.DEBUG if pre.verbose else logging.WARNING, format=f"{PROG}: %(message)s"
    )
    blocked, to_load = _split_plugin_args(pre.plugin_args)
    blocked += pre.disable_plugin or []
    plugins = _import_plugins(to_load)
    if pre.version:
        print(f"{PROG} {version_text(plugins, blocked)}")
        return EXIT_OK
    options = registered_options(blocked, plugins)
    args = build_parser(options).parse_args(argv)
    _rule_subcommand(args, first=argv[:1] == ["rule"])
    # Only batch output shows metrics; skipping the reading grade spares textstat (~0.1 s a run).
    grade = args.input_format is not None
    linter, config, config_dir = build_linter(args, options, plugins, reading_grade=grade)
    for err in linter.plugin_errors:
        _stderr(f"error: {err}")
    if args.list_rules:
        list_rules(linter, args.format, sys.stdout)
        return EXIT_ERROR if linter.plugin_errors else EXIT_OK
    if args.explain is not None:
        explain(linter, args.explain, args.format, sys.stdout)
        return EXIT_OK
    spec = LinterSpec(config, config_dir, tuple(to_load), reading_grade=grade)
    with ExitStack() as stack:
        out: TextIO = sys.stdout
        if args.output_file:
            try:
                out = stack.enter_context(open(args.output_file, "w", encoding="utf-8"))
            except OSError as exc:
                raise ConfigError(f"cannot write: {exc.strerror or exc}", source=args.output_file) from None
        if args.input_format is not None:
            code = _batch.run(args, linter, out, sys.stderr, spec)
            return EXIT_ERROR if linter.plugin_errors else code
        return run_lint(args, linter, spec, out)

"""Configuration files: find them, read them, validate them into a :class:`Config`.

Where settings come from, lowest precedence first:

1. the defaults of :class:`~outreach_lint.Config`;
2. one configuration file: ``--config PATH``, else the closest of ``.outreach-lint.toml``,
   ``outreach-lint.toml`` and ``pyproject.toml`` (with a ``[tool.outreach-lint]`` table),
   searched from the first linted path's folder (or the working folder) upward; in one
   folder the names are tried in that order; ``--isolated`` skips files altogether;
3. command-line options.

Keys are the :class:`Config` fields in kebab-case. Rule thresholds go in an ``options``
table or, as a shortcut, at top level under the option's own name (``max-words = 150``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._config import Config, OptionValue
from ._errors import ConfigError
from ._models import RuleOption

CONFIG_NAMES: tuple[str, ...] = (".outreach-lint.toml", "outreach-lint.toml", "pyproject.toml")
"""File names searched in each folder, in this order."""

TOOL_TABLE = "outreach-lint"
"""The table name under ``[tool]`` in ``pyproject.toml``."""


@dataclass(frozen=True)
class ConfigFile:
    """A configuration file's table, as read (not yet validated)."""

    path: Path | None
    table: Mapping[str, Any] = field(default_factory=dict)

    @property
    def directory(self) -> Path:
        """The folder that relative paths in the file (rule packs) resolve against."""
        return self.path.parent if self.path is not None else Path.cwd()

    @property
    def label(self) -> str:
        """How error messages name the file."""
        if self.path is None:
            return "configuration"
        if self.path.name == "pyproject.toml":
            return f"{self.path} [tool.{TOOL_TABLE}]"
        return str(self.path)


def config_keys() -> dict[str, str]:
    """Every accepted key (kebab-case) mapped to its :class:`Config` field name."""
    return {name.replace("_", "-"): name for name in Config.model_fields}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError("file not found", source=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", source=str(path)) from None


def _pyproject_table(data: Mapping[str, Any]) -> dict[str, Any] | None:
    tool = data.get("tool")
    if isinstance(tool, dict):
        table = tool.get(TOOL_TABLE)
        if isinstance(table, dict):
            return table
    return None


def read_config_file(path: str | os.PathLike[str]) -> ConfigFile:
    """Read one configuration file named by the user (``--config``).

    A ``pyproject.toml`` without a ``[tool.outreach-lint]`` table gives an empty table.
    """
    p = Path(path)
    data = _read_toml(p)
    if p.name == "pyproject.toml":
        return ConfigFile(p, _pyproject_table(data) or {})
    return ConfigFile(p, data)


def find_config_file(start: str | os.PathLike[str]) -> ConfigFile | None:
    """The closest configuration file in ``start`` or its parents, read; ``None`` if none."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return ConfigFile(candidate, _read_toml(candidate))
            table = _pyproject_table(_read_toml(candidate))
            if table is not None:
                return ConfigFile(candidate, table)
    return None


def discovery_start(paths: Sequence[str], stdin_filename: str | None = None) -> Path:
    """Where discovery starts: the first path's folder (a folder itself), else the working folder."""
    for raw in paths:
        name = stdin_filename if raw == "-" else raw
        if not name:
            continue
        p = Path(name)
        return p if p.is_dir() else (p.parent if str(p.parent) else Path.cwd())
    return Path.cwd()


def config_values(cfg: ConfigFile, options: Mapping[str, RuleOption] | None = None) -> dict[str, Any]:
    """The file's settings as :class:`Config` keyword arguments (snake_case), validated.

    ``options`` are the rule options registered by the loaded plugins; when given, option
    names and values are checked against them, and top-level keys that are option names
    go into ``options``. Raises :class:`ConfigError` naming the file, the key and what is
    allowed.
    """
    keys = config_keys()
    values: dict[str, Any] = {}
    opts: dict[str, OptionValue] = {}
    for key, value in cfg.table.items():
        if key == "options":
            if not isinstance(value, dict):
                raise ConfigError(
                    f"key 'options' must be a table, got {type(value).__name__}", source=cfg.label
                )
            for name, item in value.items():
                opts[name] = _option_value(cfg, name, item, options, key=f"options.{name}")
        elif key in keys:
            values[keys[key]] = _normalize(key, value)
        elif options is not None and key in options:
            opts[key] = _option_value(cfg, key, value, options, key=key)
        else:
            allowed = f"allowed: {', '.join(sorted(keys))}"
            if options:
                allowed += f"; rule options: {', '.join(sorted(options))}"
            raise ConfigError(f"unknown key {key!r}; {allowed}", source=cfg.label)
    if opts:
        values["options"] = opts
    return _validated(cfg, values)


def _normalize(key: str, value: Any) -> Any:
    """Accept a comma-separated string where a list of codes is expected."""
    if key in {"select", "ignore", "extend-select", "extend-ignore"} and isinstance(value, str):
        return [c.strip() for c in value.split(",") if c.strip()]
    if key == "per-file-ignores" and isinstance(value, dict):
        return {
            g: ([c.strip() for c in v.split(",") if c.strip()] if isinstance(v, str) else v)
            for g, v in value.items()
        }
    return value


def _option_value(
    cfg: ConfigFile, name: str, value: Any, options: Mapping[str, RuleOption] | None, *, key: str
) -> OptionValue:
    if options is None:
        if not isinstance(value, (int, float, bool, str)):
            raise ConfigError(f"key {key!r}: expected a number, boolean or string", source=cfg.label)
        return value
    if name not in options:
        allowed = ", ".join(sorted(options)) or "none (no rule declares options)"
        raise ConfigError(f"unknown rule option {key!r}; allowed: {allowed}", source=cfg.label)
    try:
        return coerce_option(options[name], value)
    except ValueError as exc:
        raise ConfigError(f"key {key!r}: {exc}", source=cfg.label) from None


def coerce_option(option: RuleOption, value: Any) -> OptionValue:
    """``value`` converted to the type of the option's default; ``ValueError`` if it cannot be."""
    like = option.default
    kind = type(like).__name__
    if isinstance(like, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {
            "1",
            "true",
            "yes",
            "on",
            "0",
            "false",
            "no",
            "off",
        }:
            return value.strip().lower() in {"1", "true", "yes", "on"}
    elif isinstance(like, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            return int(value)
    elif isinstance(like, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
    elif isinstance(value, str):
        return value
    raise ValueError(f"expected {_KIND_NAMES.get(kind, kind)} for {option.name}, got {value!r}")


_KIND_NAMES = {"bool": "true or false", "int": "an integer", "float": "a number", "str": "a string"}


def _validated(cfg: ConfigFile, values: dict[str, Any]) -> dict[str, Any]:
    try:
        Config(**values)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(p) for p in err["loc"]]
        key = loc[0].replace("_", "-") if loc else "?"
        where = ".".join([key, *loc[1:]])
        raise ConfigError(
            f"key {where!r}: {err['msg']} (got {err.get('input')!r})", source=cfg.label
        ) from exc
    return values


MERGED_TABLES = frozenset({"options", "per_file_ignores", "severity"})
EXTENDED_LISTS = frozenset(
    {"extend_select", "extend_ignore", "extend_exclude", "rule_packs", "disable_plugins"}
)


def merge(file_values: Mapping[str, Any], overrides: Mapping[str, Any]) -> Config:
    """A :class:`Config` from file values with command-line ``overrides`` on top.

    ``options``, ``per-file-ignores`` and ``severity`` merge key by key; the ``extend-*``
    lists, ``rule-packs`` and ``disable-plugins`` add to the file's; every other override
    replaces the file's value.
    """
    values = dict(file_values)
    for key, value in overrides.items():
        if key in MERGED_TABLES:
            values[key] = {**values.get(key, {}), **value}
        elif key in EXTENDED_LISTS:
            values[key] = [*values.get(key, []), *value]
        else:
            values[key] = value
    try:
        return Config(**values)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]).replace("_", "-")
        raise ConfigError(f"{where}: {err['msg']} (got {err.get('input')!r})", source="command line") from exc

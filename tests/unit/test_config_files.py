"""Configuration files: discovery, validation and precedence (no subprocess)."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach_lint import Config, ConfigError, RuleOption, Severity
from outreach_lint._config_files import (
    ConfigFile,
    coerce_option,
    config_values,
    discovery_start,
    find_config_file,
    merge,
    read_config_file,
)

OPTIONS = {
    "max-words": RuleOption(name="max-words", default=120, help="words"),
    "max-share": RuleOption(name="max-share", default=0.5, help="share"),
    "strict": RuleOption(name="strict", default=False, help="flag"),
    "tone": RuleOption(name="tone", default="plain", help="text"),
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_closest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.outreach-lint]\nfail-on = "error"\n')
    write(tmp_path / "a" / "outreach-lint.toml", 'fail-on = "info"\n')
    (tmp_path / "a" / "b").mkdir()
    found = find_config_file(tmp_path / "a" / "b")
    assert found is not None and found.path == (tmp_path / "a" / "outreach-lint.toml").resolve()
    assert found.table == {"fail-on": "info"}
    top = find_config_file(tmp_path)
    assert top is not None and top.path is not None and top.path.name == "pyproject.toml"


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / ".outreach-lint.toml", "ignore = ['OL1']\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 1\n")
    found = find_config_file(tmp_path / "sub")
    assert found is not None and found.path is not None and found.path.name == ".outreach-lint.toml"


def test_names_in_one_folder_in_order(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.outreach-lint]\nignore = ['OL3']\n")
    write(tmp_path / "outreach-lint.toml", "ignore = ['OL2']\n")
    write(tmp_path / ".outreach-lint.toml", "ignore = ['OL1']\n")
    found = find_config_file(tmp_path)
    assert found is not None and found.table == {"ignore": ["OL1"]}


def test_discovery_starts_at_file_folder(tmp_path: Path) -> None:
    f = write(tmp_path / "x" / "mail.txt", "hi")
    assert discovery_start([str(f)]) == f.parent
    assert discovery_start([str(tmp_path)]) == tmp_path
    assert discovery_start(["-"], stdin_filename=str(f)) == f.parent
    assert discovery_start([]) == Path.cwd()


def test_values_and_options(tmp_path: Path) -> None:
    cfg = ConfigFile(
        tmp_path / "outreach-lint.toml",
        {
            "select": "OL1, OL2",
            "per-file-ignores": {"drafts/*": "OL101,OL2"},
            "severity": {"OL1": "error"},
            "max-words": 150,
            "options": {"max-share": 1, "strict": "yes"},
            "report-unused-suppressions": True,
        },
    )
    values = config_values(cfg, OPTIONS)
    config = Config(**values)
    assert config.select == ["OL1", "OL2"]
    assert config.per_file_ignores == {"drafts/*": ["OL101", "OL2"]}
    assert config.severity == {"OL1": Severity.ERROR}
    assert config.options == {"max-words": 150, "max-share": 1.0, "strict": True}
    assert config.report_unused_suppressions is True


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"bogus": 1}, ["unknown key 'bogus'", "fail-on", "max-words"]),
        ({"fail_on": "error"}, ["unknown key 'fail_on'", "fail-on"]),
        ({"fail-on": "loud"}, ["'fail-on'", "'info', 'warning' or 'error'", "loud"]),
        ({"lint-quoted": "sometimes"}, ["'lint-quoted'", "sometimes"]),
        ({"max-words": "many"}, ["'max-words'", "integer", "many"]),
        ({"options": {"max-wordz": 1}}, ["options.max-wordz", "max-words"]),
        ({"options": 3}, ["'options' must be a table"]),
        ({"severity": {"OL1": "fatal"}}, ["severity.OL1", "fatal"]),
    ],
)
def test_errors_name_file_key_and_allowed(
    tmp_path: Path, table: dict[str, object], expected: list[str]
) -> None:
    cfg = ConfigFile(tmp_path / "outreach-lint.toml", table)
    with pytest.raises(ConfigError) as info:
        config_values(cfg, OPTIONS)
    message = str(info.value)
    assert message.startswith(str(tmp_path / "outreach-lint.toml"))
    for part in expected:
        assert part in message


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    f = write(tmp_path / "outreach-lint.toml", 'select = ["OL1"]\nfail-on = \n')
    with pytest.raises(ConfigError) as info:
        read_config_file(f)
    assert str(f) in str(info.value) and "line 2" in str(info.value)
    with pytest.raises(ConfigError, match="file not found"):
        read_config_file(tmp_path / "missing.toml")


def test_pyproject_label_names_the_table(tmp_path: Path) -> None:
    f = write(tmp_path / "pyproject.toml", "[tool.outreach-lint]\nnope = 1\n")
    cfg = read_config_file(f)
    with pytest.raises(ConfigError, match=r"pyproject\.toml \[tool\.outreach-lint\]: unknown key 'nope'"):
        config_values(cfg, OPTIONS)


def test_command_line_overrides_file() -> None:
    file_values = {
        "fail_on": "error",
        "ignore": ["OL1"],
        "extend_ignore": ["OL2"],
        "options": {"max-words": 100, "strict": True},
        "per_file_ignores": {"a/*": ["OL1"]},
    }
    config = merge(
        file_values,
        {
            "fail_on": "info",
            "ignore": ["OL3"],
            "extend_ignore": ["OL4"],
            "options": {"max-words": 50},
            "per_file_ignores": {"b/*": ["OL2"]},
        },
    )
    assert config.fail_on is Severity.INFO
    assert config.ignore == ["OL3"]
    assert config.extend_ignore == ["OL2", "OL4"]
    assert config.options == {"max-words": 50, "strict": True}
    assert config.per_file_ignores == {"a/*": ["OL1"], "b/*": ["OL2"]}


@pytest.mark.parametrize(
    ("option", "raw", "value"),
    [
        ("max-words", "12", 12),
        ("max-share", "0.25", 0.25),
        ("max-share", 1, 1.0),
        ("strict", "off", False),
        ("strict", True, True),
        ("tone", "warm", "warm"),
    ],
)
def test_coerce_option(option: str, raw: object, value: object) -> None:
    result = coerce_option(OPTIONS[option], raw)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize(
    ("option", "raw"),
    [("max-words", "1.5"), ("max-words", True), ("strict", "maybe"), ("max-share", "x"), ("tone", 3)],
)
def test_coerce_option_rejects(option: str, raw: object) -> None:
    with pytest.raises(ValueError, match=option):
        coerce_option(OPTIONS[option], raw)

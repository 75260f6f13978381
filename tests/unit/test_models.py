"""The models that cross the library boundary: frozen, no extra fields, every field described,
the four families named exactly, severities ordered."""

from __future__ import annotations

import inspect

import pydantic
import pytest

from outreach_lint import _models
from outreach_lint._models import Category, Finding, Metrics, Severity

MODELS = sorted(
    (
        cls
        for _, cls in inspect.getmembers(_models, inspect.isclass)
        if issubclass(cls, pydantic.BaseModel)
        and cls.__module__ == _models.__name__
        and not cls.__name__.startswith("_")
    ),
    key=lambda c: c.__name__,
)

FINDING = dict(
    code="ZZ101",
    name="test-rule",
    category="testing",
    severity="warning",
    message="m",
    line=1,
    column=1,
    end_line=1,
    end_column=5,
    start=0,
    end=4,
    excerpt="FLAG",
)


def test_the_expected_models_exist() -> None:
    names = {m.__name__ for m in MODELS}
    assert {
        "Finding",
        "RuleInfo",
        "RuleOption",
        "RuleExample",
        "Metrics",
        "FileError",
        "FileReport",
        "SequenceReport",
        "RunReport",
    } <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_description(model: type[pydantic.BaseModel]) -> None:
    missing = [name for name, field in model.model_fields.items() if not (field.description or "").strip()]
    assert not missing, f"{model.__name__} fields without a description: {missing}"
    assert model.__doc__ and model.__doc__.strip()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_models_are_frozen_and_forbid_extras(model: type[pydantic.BaseModel]) -> None:
    assert model.model_config.get("frozen") is True
    assert model.model_config.get("extra") == "forbid"


def test_finding_is_frozen_and_rejects_unknown_fields() -> None:
    finding = Finding(**FINDING)  # type: ignore[arg-type]
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        finding.code = "ZZ102"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError, match="Extra inputs are not permitted"):
        Finding(**FINDING, colour="red")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "zz101"}, "code"),
        ({"category": "Not Kebab"}, "category"),
        ({"line": 0}, "line"),
        ({"start": -1}, "start"),
        ({"severity": "fatal"}, "severity"),
        ({"part": "body"}, "part"),
    ],
)
def test_finding_validates(change: dict[str, object], field: str) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        Finding(**{**FINDING, **change})  # type: ignore[arg-type]
    assert info.value.errors()[0]["loc"][0] == field


def test_the_four_families() -> None:
    assert [c.value for c in list(Category)[:4]] == [
        "seller-centric",
        "scripted-pitch",
        "customer-goal",
        "volume-over-value",
    ]
    from outreach_lint._metrics import FAMILIES

    assert FAMILIES == ("seller-centric", "scripted-pitch", "customer-goal", "volume-over-value")


def test_severity_order_and_values() -> None:
    assert [s.value for s in sorted(Severity, key=lambda s: s.rank)] == ["info", "warning", "error"]
    assert Severity("error").rank > Severity("warning").rank > Severity("info").rank
    assert str(Severity.WARNING) == "warning"


def test_metrics_bounds() -> None:
    values = dict(
        words=1,
        sentences=1,
        paragraphs=1,
        questions=0,
        reader_references=0,
        seller_references=0,
        links=0,
        calls_to_action=0,
        merge_fields=0,
        customer_centricity=100,
    )
    assert Metrics(**values).customer_centricity == 100  # type: ignore[arg-type]
    with pytest.raises(pydantic.ValidationError):
        Metrics(**{**values, "customer_centricity": 101})  # type: ignore[arg-type]


def test_json_round_trip() -> None:
    finding = Finding(**FINDING)  # type: ignore[arg-type]
    assert Finding.model_validate_json(finding.model_dump_json()) == finding
    assert finding.model_dump(mode="json")["severity"] == "warning"

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


def _state(model: pydantic.BaseModel, *, fields_set: bool = True) -> tuple[object, ...]:
    """Everything an instance carries: field values in order, fields set, extra and private slots.

    ``fields_set=False`` leaves out which fields were given (validation records only
    those passed; construction from every value records all).
    """
    return (
        list(model.__dict__.items()),
        model.model_fields_set if fields_set else None,
        model.__pydantic_extra__,
        model.__pydantic_private__,
        repr(model),
        model.model_dump_json(),
    )


def test_prevalidated_builds_what_model_construct_builds() -> None:
    finding = Finding(**FINDING)  # type: ignore[arg-type]
    values = dict(finding.__dict__)
    fast = _models.prevalidated(Finding, **values)
    assert _state(fast) == _state(Finding.model_construct(**values))
    assert _state(fast, fields_set=False) == _state(finding, fields_set=False)
    assert fast == finding and hash(fast) == hash(finding)


def test_linter_reports_equal_their_validated_copies() -> None:
    """The hot path's reports, findings and metrics are the models validation would build."""
    from outreach_lint import Linter

    text = "Hi Dana,\n\nJust following up on my last email. We are the leading platform.\n"
    report = Linter().lint_text(text, subject="Following up")
    assert report.findings and report.metrics is not None
    for model in [report, report.metrics, *report.findings]:
        copy = type(model).model_validate(model.model_dump())
        assert _state(model, fields_set=False) == _state(copy, fields_set=False)
        assert model.model_fields_set == set(type(model).model_fields)  # as model_construct sets it


def test_prevalidated_falls_back_when_a_field_is_missing_or_out_of_order() -> None:
    values = dict(Finding(**FINDING).__dict__)  # type: ignore[arg-type]
    del values["step"]  # has a default: model_construct fills it in
    assert _models.prevalidated(Finding, **values).step is None
    reordered = dict(reversed(list(Finding(**FINDING).__dict__.items())))  # type: ignore[arg-type]
    fast = _models.prevalidated(Finding, **reordered)
    assert _state(fast) == _state(Finding.model_construct(**reordered))
    assert list(fast.__dict__) == list(Finding.model_fields)  # field order, as model_construct keeps it

"""Jinja, Liquid and Handlebars readers: logic removed, branches kept, positions in the template."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_helpers import assert_points_at, lint_file

from outreach_lint import Linter

JINJA = """Subject: Reno, {{ first_name }}

Hi {{ first_name | default("there") }},
{# circle back: internal note #}
{% if depot %}
Your {{ depot }} opening looks busy; can we circle back?{% else %}Congrats. Let's circle back.
{% endif %}
{% raw %}Literal {{ x }} and circle back{% endraw %}
"""

LIQUID = """---
subject: Night shifts
---
Hi {{ first_name }},
{% comment %}circle back in a comment{% endcomment %}
{% if company %}Saw {{ company | escape }}'s news.{% else %}Saw your news.{% endif %} Can we circle back?
"""

HBS = """Subject: Hello

Hi {{first_name}},
{{!-- circle back in a comment --}}
{{#if company}}
{{company}} could circle back.
{{else}}
Your team could circle back.
{{/if}}
{{> footer}}
"""


@pytest.mark.parametrize(
    ("name", "text", "count"),
    [("a.j2", JINJA, 3), ("b.liquid", LIQUID, 1), ("c.hbs", HBS, 2), ("d.mustache", HBS, 2)],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_findings_point_at_template_source(
    tmp_path: Path, name: str, text: str, count: int, newline: str
) -> None:
    report, source = lint_file(tmp_path, name, text, newline=newline)
    assert report.ok
    assert len(report.findings) == count  # every branch, no comments
    for f in report.findings:
        assert_points_at(f, source, "circle back")


def test_control_tags_leave_no_glued_words() -> None:
    email = Linter(entry_points=False).read(JINJA, path="a.jinja")
    assert "busy; can we circle back? Congrats." in email.view
    assert "{% " not in email.view and "internal note" not in email.view
    assert "{{ depot }}" in email.view and "Literal {{ x }}" in email.view
    assert email.subject == "Reno, {{ first_name }}"


def test_liquid_front_matter_subject() -> None:
    email = Linter(entry_points=False).read(LIQUID, path="b.liquid")
    assert email.subject == "Night shifts"
    assert "Saw {{ company | escape }}'s news. Saw your news. Can we" in email.view


def test_double_extension_reads_inner_html(tmp_path: Path) -> None:
    text = "<title>T</title><p>{% if x %}Hi &amp; hello{% endif %}</p><p>Let's circle back</p>"
    report, source = lint_file(tmp_path, "intro.html.j2", text)
    assert report.format == "jinja+html"
    (finding,) = report.findings
    assert_points_at(finding, source, "circle back")
    email = Linter(entry_points=False).read(text, path="intro.html.j2")
    assert email.view.startswith("Hi & hello\n\nLet's circle back") and email.subject == "T"


def test_double_extension_reads_inner_markdown(tmp_path: Path) -> None:
    text = "{% if x %}**Hi**{% endif %} [circle back](https://e.com) please\n"
    report, source = lint_file(tmp_path, "intro.md.liquid", text)
    (finding,) = report.findings
    assert_points_at(finding, source, "circle back")

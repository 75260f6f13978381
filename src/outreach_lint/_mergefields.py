"""Merge fields (personalization tokens) of the common sending platforms.

Recognized syntaxes, each a named group of one compiled pattern:

==============  =========================================  ===============================
syntax          example                                    platforms
==============  =========================================  ===============================
``handlebars3``  ``{{{Recipient.FirstName}}}``              Salesforce (Marketing Cloud)
``curly``        ``{{first_name}}``, ``{{ contact.firstname }}``, ``{{lead.First Name:default=there}}``,
                 ``{{ name | default: "there" }}``          HubSpot, Marketo, Apollo, Outreach,
                                                            lemlist, Liquid, Jinja, Handlebars
``salesforce``   ``{!Contact.FirstName}``                   Salesforce classic
``mailchimp``    ``*|FNAME|*``                              Mailchimp
``pardot``       ``%%first_name%%``                         Pardot
``percent``      ``%FIRSTNAME%``                            ActiveCampaign
``mautic``       ``{contactfield=firstname|there}``         Mautic
``single``       ``{firstName}``                            Many sequencers
==============  =========================================  ===============================

Placeholders that a person was meant to replace (``[First Name]``, ``[[MISSING TOKEN]]``,
``<insert company>``, ``XXX``) and malformed fields (``{{first_name}``, ``*|FNAME|``) are
recognized as well, so the template rules can flag them and no other rule reads them as
prose. Spintax (``{Hi|Hello|Hey}``) is not a merge field.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_PATTERN = r"""
  (?P<handlebars3>\{\{\{\s*[^{}\n]{1,80}?\s*\}\}\})
| (?P<jinja_tag>\{%-?\s*[^%\n]{0,200}?-?%\})
| (?P<jinja_comment>\{\#[^#]{0,500}?\#\})
| (?P<curly>\{\{(?![{!#/>^])\s*[^{}\n]{1,120}?\s*\}\})
| (?P<hbs_block>\{\{[#/^>!][^{}\n]{0,120}\}\})
| (?P<salesforce>\{![A-Za-z_][\w.]{0,80}(?:\s*,\s*[^{}\n]{0,60})?\})
| (?P<mailchimp>\*\|[A-Z0-9_:\- ]{1,40}\|\*)
| (?P<pardot>%%[A-Za-z_][\w.]{0,60}%%)
| (?P<percent>(?<![\w%])%[A-Z][A-Z0-9_]{1,40}%(?![\w%]))
| (?P<mautic>\{contactfield=[\w]{1,60}(?:\|[^{}\n]{0,60})?\})
| (?P<single>\{[A-Za-z_][A-Za-z0-9_.]{0,60}\})
| (?P<placeholder_double>\[\[[^\[\]\n]{1,80}\]\])
| (?P<placeholder_bracket>\[(?:[A-Z][A-Za-z']*|your|their|insert|INSERT)(?:[ _][A-Za-z'/]+){0,4}\](?![(:]))
| (?P<placeholder_angle><(?:insert|INSERT|Insert|add|ADD|Add)\b[^<>\n]{1,60}>)
| (?P<placeholder_x>(?<![\w])(?:XXX+|xxx+|TBD|TK)(?![\w]))
| (?P<broken_curly>\{\{[^{}\n]{1,80}\}(?!\}))
| (?P<broken_curly_open>(?<!\{)\{[^{}\n]{1,80}\}\}(?!\}))
| (?P<broken_mailchimp>\*\|[A-Z0-9_:\- ]{1,40}\|(?!\*)|(?<!\*)\|[A-Z0-9_]{1,40}\|\*)
"""

MERGE_FIELD_RE = regex.compile(_PATTERN, regex.VERBOSE)

PLACEHOLDER_KINDS = frozenset(
    {"placeholder_double", "placeholder_bracket", "placeholder_angle", "placeholder_x"}
)
MALFORMED_KINDS = frozenset({"broken_curly", "broken_curly_open", "broken_mailchimp"})
CONTROL_KINDS = frozenset({"jinja_tag", "jinja_comment", "hbs_block"})

# Which family a well-formed syntax belongs to, for the mixed-syntax rule.
FAMILY = {
    "handlebars3": "handlebars",
    "curly": "curly",
    "salesforce": "salesforce",
    "mailchimp": "mailchimp",
    "pardot": "pardot",
    "percent": "activecampaign",
    "mautic": "mautic",
    "single": "single-brace",
}

_FALLBACK_RE = regex.compile(r"""default\s*[:=(]|\|\s*\w|\bor\b|\|\||,\s*["']|:default=|\?\?""", regex.I)
_NAME_RE = regex.compile(r"[A-Za-z_][\w.\- ]*")


@dataclass(frozen=True, slots=True)
class MergeField:
    """One merge field, placeholder or template tag in a text, with its span in that text."""

    start: int
    end: int
    kind: str
    text: str

    @property
    def is_placeholder(self) -> bool:
        """True for text a person was meant to replace by hand, e.g. ``[First Name]``."""
        return self.kind in PLACEHOLDER_KINDS

    @property
    def is_malformed(self) -> bool:
        """True for a field whose delimiters do not match, e.g. ``{{first_name}``."""
        return self.kind in MALFORMED_KINDS

    @property
    def is_control(self) -> bool:
        """True for template logic (``{% if %}``, ``{{#if}}``, comments), not output."""
        return self.kind in CONTROL_KINDS

    @property
    def has_fallback(self) -> bool:
        """True when the field names a default for empty values."""
        inner = self.text.strip("{}*|%![]<> ")
        return bool(_FALLBACK_RE.search(inner)) or (self.kind == "mautic" and "|" in inner)

    @property
    def field_name(self) -> str:
        """The data field referenced, lower-cased, without object prefixes: ``firstname``."""
        inner = self.text.strip("{}*|%![]<> #/^")
        if self.kind == "mautic":  # {contactfield=firstname|there}
            inner = inner.partition("=")[2]
        m = _NAME_RE.match(inner.strip())
        name = m.group(0) if m else inner
        name = name.split(":")[0].split("=")[-1].strip()
        return name.rsplit(".", 1)[-1].replace(" ", "").replace("_", "").lower()


def find_merge_fields(text: str) -> list[MergeField]:
    """Every merge field, placeholder and template tag in ``text``, in order."""
    out = []
    for m in MERGE_FIELD_RE.finditer(text):
        kind = m.lastgroup or "curly"
        if kind == "placeholder_bracket" and _looks_like_prose_bracket(m.group(0)):
            continue
        out.append(MergeField(m.start(), m.end(), kind, m.group(0)))
    return out


_BRACKET_PROSE = frozenset({"[sic]", "[edit]", "[link]", "[pdf]", "[PDF]", "[1]", "[2]", "[3]"})


def _looks_like_prose_bracket(token: str) -> bool:
    return token in _BRACKET_PROSE

"""Deterministic synthetic outreach emails for the benchmark.

Every email is built from the phrase material below with a seeded ``random.Random``, so
the same ``(count, seed)`` always gives byte-identical files. The mix is meant to look
like a real outbox: seller-centric pitches, stock openers, chasing follow-ups and
reader-specific emails that a good rep would send, with merge fields of several
platforms, plain text with ``Subject:`` headers and some HTML table layouts.

Usage (the benchmark calls the functions directly)::

    python benchmarks/generate.py files OUT_DIR 2000
    python benchmarks/generate.py big OUT_FILE 1000000
    python benchmarks/generate.py rows OUT_FILE.csv 100000
"""

from __future__ import annotations

import csv
import html
import json
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path

FIRST_NAMES = (
    "Dana",
    "Priya",
    "Marcus",
    "Lena",
    "Tomás",
    "Aiko",
    "Jordan",
    "Femi",
    "Ingrid",
    "Rahul",
    "Chloé",
    "Devon",
    "Mateo",
    "Yusuf",
    "Harper",
    "Noor",
    "Elliot",
    "Sanne",
    "Kwame",
    "Bea",
)
COMPANIES = (
    "Northwind",
    "Brightline Freight",
    "Juniper Health",
    "Keel & Co",
    "Orchard Analytics",
    "Larkspur Bank",
    "Tessellate",
    "Bluefin Logistics",
    "Quarry Labs",
    "Mosaic Retail",
    "Halcyon Energy",
    "Pinecrest Schools",
    "Copperleaf",
    "Riverbend Foods",
    "Stratus Mobility",
)
SENDERS = ("Sam", "Alex Rivera", "Morgan", "Chris Okafor", "Jamie", "Taylor Brooks")
SELLER_COMPANIES = ("Acme Cloud", "Ledgerly", "PipeStream", "Cadence AI", "Beacon HQ")

# Merge fields as different sending platforms write them (first name, company).
MERGE_STYLES = (
    ("{{first_name}}", "{{company}}"),
    ("{{ contact.firstname }}", "{{ company.name }}"),
    ("{!Contact.FirstName}", "{!Account.Name}"),
    ("*|FNAME|*", "*|COMPANY|*"),
    ("%FIRSTNAME%", "%COMPANY%"),
    ("{firstName}", "{companyName}"),
    ("{{lead.First Name:default=there}}", "{{lead.Company}}"),
    ("%%first_name%%", "%%company%%"),
)

GREETINGS = ("Hi {name},", "Hello {name},", "Hey {name},", "Dear {name},", "{name},", "Good morning {name},")
SIGNOFFS = ("Best,", "Thanks,", "Cheers,", "Kind regards,", "Talk soon,", "All the best,", "Warmly,")

SELLER_OPENERS = (
    "My name is {sender} and I'm the account lead at {seller}.",
    "I'm reaching out because {seller} is the leading platform for revenue teams.",
    "We are an award-winning, best-in-class provider of pipeline software.",
    "I wanted to introduce myself and {seller}, a fast-growing startup backed by top investors.",
    "Allow me to introduce our company: {seller} helps businesses like yours grow.",
    "I am writing to tell you about our revolutionary new solution.",
)
STOCK_OPENERS = (
    "I hope this email finds you well.",
    "Hope you're having a great week!",
    "I hope all is well with you and the team.",
    "I know you're busy, so I'll keep this short.",
    "Quick question for you.",
    "I came across your profile and thought I'd reach out.",
)
PITCH_LINES = (
    "Our platform leverages cutting-edge AI to deliver seamless, end-to-end synergy.",
    "We have helped hundreds of companies increase revenue by up to 300%.",
    "Our solution is trusted by Fortune 500 companies across every industry.",
    "We offer a robust, scalable, world-class suite of tools that will revolutionize your workflow.",
    "Our award-winning team has decades of combined experience in digital transformation.",
    "This is a limited time offer, and we're giving early adopters a special discount.",
    "We are the only vendor that offers a true game-changer for modern sales teams.",
    "I'd love to show you how our product can be a perfect fit for your needs.",
)
CHASERS = (
    "Just following up on my last email.",
    "I wanted to circle back on the note I sent last week.",
    "Bumping this to the top of your inbox.",
    "Did you get a chance to read my previous emails?",
    "I haven't heard back, so I'm checking in again.",
    "Just touching base to see if you had any thoughts.",
    "Following up again in case this got buried.",
)
PUSHY_ASKS = (
    "Can you hop on a 30-minute call tomorrow at 2pm?",
    "Let me know what time works for a quick demo this week.",
    "Please book a meeting on my calendar here: https://cal.example.com/{slug}",
    "Are you the right person to talk to about this? If not, who is?",
    "Can I get 15 minutes of your time this week?",
)
OBSERVATIONS = (
    "I read your post about moving {company}'s dispatch team to four-day weeks.",
    "Congrats on opening the Leeds warehouse; the photos of the new loading bays looked great.",
    "Your job listing mentions that new planners spend their first month reconciling spreadsheets.",
    "You mentioned on the podcast that onboarding clinics takes your team almost a quarter.",
    "Your team at {company} is hiring three account executives this quarter.",
    "I saw that {company} just launched self-serve returns in two new regions.",
)
READER_PROBLEMS = (
    "When a team grows that fast, the people who know the process end up answering the same questions "
    "all week.",
    "Teams in that spot usually find that handoffs, not headcount, are what slows the first month down.",
    "That often means your best planners are cleaning data instead of planning routes.",
    "In a lot of cases the delay comes from approvals that nobody owns rather than from the work itself.",
    "Your customers probably notice the gap first, in slower answers and missed delivery windows.",
)
READER_OFFERS = (
    "Would it help if I sent the two-page checklist other ops leads have used to shorten that first month?",
    "If it's useful, I can share how a similar team cut its reconciliation time from days to hours.",
    "Happy to send over a short teardown of what we saw work for teams your size, no call needed.",
    "If the timing is wrong, just say so and I won't follow up.",
    "What does onboarding look like for your new hires today?",
    "Is this something your team is already working on, or is it further down the list?",
)
FILLER = (
    "The numbers vary by team, but the pattern is the same: the work piles up where nobody owns the handoff.",
    "None of this needs a new tool on day one; most of it is agreeing who decides what.",
    "A few of the teams we talked to started with one region and a single weekly review.",
    "It is worth looking at where questions land today before changing anything.",
    "Some leaders track it with a simple count of tickets reopened in the first week.",
)
SUBJECTS = (
    "Quick question",
    "Following up",
    "Re: our conversation",
    "{name}, 15 minutes?",
    "Partnership opportunity",
    "Idea for {company}",
    "Onboarding at {company}",
    "checklist for new planners",
    "Touching base",
    "Your post on four-day weeks",
    "URGENT: limited time offer",
    "Checking in again",
    "{first}, quick idea",
)
QUOTED_REPLY = "\n\nOn Tue, Mar 4, 2025 at 9:12 AM Dana <dana@example.com> wrote:\n> Thanks, not right now.\n"
TD = '<td style="padding:0 0 16px 0;font-family:Arial,sans-serif">'
SIGNATURES = (
    "{sender}\nAccount Executive, {seller}\n+1 (415) 555-0143\nhttps://www.example.com",
    "{sender} | {seller}\nsam@example.com",
    "-- \n{sender}\n{seller}",
    "{sender}",
)


class EmailMaker:
    """Builds one email at a time from a seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, seq: tuple[str, ...]) -> str:
        return self.rng.choice(seq)

    def _fill(self, text: str, ctx: dict[str, str]) -> str:
        return text.format(**ctx)

    def context(self) -> dict[str, str]:
        r = self.rng
        merge_first, merge_company = r.choice(MERGE_STYLES)
        literal = r.random() < 0.5
        name = r.choice(FIRST_NAMES) if literal else merge_first
        company = r.choice(COMPANIES) if literal else merge_company
        return {
            "name": name,
            "first": name,
            "company": company,
            "sender": r.choice(SENDERS),
            "seller": r.choice(SELLER_COMPANIES),
            "slug": f"{r.choice(SENDERS).split()[0].lower()}-{r.randrange(1000)}",
        }

    def paragraphs(self, kind: str, ctx: dict[str, str]) -> list[str]:
        r = self.rng
        if kind == "seller":
            paras = [
                " ".join([self.pick(STOCK_OPENERS), self.pick(SELLER_OPENERS)]),
                " ".join(r.sample(PITCH_LINES, k=r.randint(2, 4))),
                self.pick(PUSHY_ASKS),
            ]
        elif kind == "chaser":
            paras = [
                " ".join(r.sample(CHASERS, k=2)),
                " ".join(r.sample(PITCH_LINES, k=r.randint(1, 2))),
                self.pick(PUSHY_ASKS),
            ]
        elif kind == "stock":
            paras = [
                self.pick(STOCK_OPENERS) + " " + self.pick(SELLER_OPENERS),
                " ".join([self.pick(OBSERVATIONS), self.pick(PITCH_LINES)]),
                self.pick(PUSHY_ASKS),
            ]
        else:  # reader-specific, the kind a careful rep writes
            paras = [
                " ".join([self.pick(OBSERVATIONS), self.pick(READER_PROBLEMS)]),
                " ".join(r.sample(FILLER, k=r.randint(1, 2))),
                " ".join(r.sample(READER_OFFERS, k=2)),
            ]
        if r.random() < 0.3:
            paras.insert(2, " ".join(r.sample(FILLER, k=2)))
        if r.random() < 0.15:
            paras.append("- " + "\n- ".join(r.sample(FILLER, k=3)))
        return [self._fill(p, ctx) for p in paras]

    def email(self) -> tuple[str, str, list[str], str, str]:
        """(kind, subject, paragraphs, greeting, closing) of one email."""
        kind = self.rng.choices(("seller", "chaser", "stock", "reader"), weights=(3, 2, 2, 3))[0]
        ctx = self.context()
        subject = self._fill(self.pick(SUBJECTS), ctx)
        greeting = self._fill(self.pick(GREETINGS), ctx)
        closing = self.pick(SIGNOFFS) + "\n" + self._fill(self.pick(SIGNATURES), ctx)
        return kind, subject, self.paragraphs(kind, ctx), greeting, closing

    def text_email(self) -> str:
        _kind, subject, paras, greeting, closing = self.email()
        body = "\n\n".join([greeting, *paras, closing])
        if self.rng.random() < 0.1:
            body += QUOTED_REPLY
        return f"Subject: {subject}\n\n{body}\n"

    def html_email(self) -> str:
        _kind, subject, paras, greeting, closing = self.email()
        rows = "\n".join(
            f"      <tr>{TD}{html.escape(p)}</td></tr>"
            for p in [greeting, *paras]
        )
        sig = "<br>".join(html.escape(line) for line in closing.splitlines())
        return (
            '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8">'
            f"<title>{html.escape(subject)}</title></head>\n<body>\n"
            '  <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0">\n'
            f"{rows}\n      <tr><td>{sig}</td></tr>\n  </table>\n</body>\n</html>\n"
        )


def iter_files(count: int, seed: int = 1, html_share: float = 0.2) -> Iterator[tuple[str, str]]:
    """(relative path, content) for ``count`` emails; about ``html_share`` of them HTML."""
    maker = EmailMaker(seed)
    for i in range(count):
        folder = f"batch{i // 1000:03d}"
        if maker.rng.random() < html_share:
            yield f"{folder}/email{i:06d}.html", maker.html_email()
        else:
            yield f"{folder}/email{i:06d}.txt", maker.text_email()


def write_files(out: str | os.PathLike[str], count: int, seed: int = 1) -> int:
    """Write ``count`` emails under ``out`` (1,000 per sub-folder); return bytes written."""
    total = 0
    for rel, text in iter_files(count, seed):
        path = Path(out, rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def write_big(out: str | os.PathLike[str], size: int, seed: int = 2) -> int:
    """One plain-text email of about ``size`` bytes: a subject, then many paragraphs."""
    maker = EmailMaker(seed)
    parts = ["Subject: A very long note\n\nHi Dana,\n"]
    total = len(parts[0])
    while total < size:
        kind = maker.rng.choice(("seller", "chaser", "stock", "reader"))
        for para in maker.paragraphs(kind, maker.context()):
            chunk = "\n" + para + "\n"
            parts.append(chunk)
            total += len(chunk.encode("utf-8"))
    parts.append("\nBest,\nSam\n")
    data = "".join(parts).encode("utf-8")
    Path(out).write_bytes(data)
    return len(data)


def iter_rows(count: int, seed: int = 3) -> Iterator[dict[str, str]]:
    """Rows of a sent-email export: id, subject, body (plain text)."""
    maker = EmailMaker(seed)
    for i in range(count):
        _kind, subject, paras, greeting, closing = maker.email()
        yield {"id": f"msg-{i:07d}", "subject": subject, "body": "\n\n".join([greeting, *paras, closing])}


def write_rows(out: str | os.PathLike[str], count: int, seed: int = 3) -> int:
    """Write rows as CSV or JSON Lines, by the file's extension; return bytes written."""
    path = Path(out)
    with path.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix == ".csv":
            writer = csv.DictWriter(fh, fieldnames=["id", "subject", "body"])
            writer.writeheader()
            writer.writerows(iter_rows(count, seed))
        else:
            for row in iter_rows(count, seed):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path.stat().st_size


def floor_phrases(count: int = 500) -> list[str]:
    """About ``count`` distinct phrases for the bare-regex floor, drawn from the material above."""
    seen: dict[str, None] = {}
    pools = (SELLER_OPENERS, STOCK_OPENERS, PITCH_LINES, CHASERS, PUSHY_ASKS, SUBJECTS)
    for pool in pools:
        for line in pool:
            words = [w.strip(".,!?:;()") for w in line.split() if "{" not in w and "http" not in w]
            words = [w.lower() for w in words if w]
            for n in (2, 3, 4):
                for i in range(len(words) - n + 1):
                    seen.setdefault(" ".join(words[i : i + n]), None)
    phrases = list(seen)
    random.Random(4).shuffle(phrases)
    return phrases[:count]


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in {"files", "big", "rows"}:
        print(__doc__, file=sys.stderr)
        return 2
    what, out, n = argv[0], argv[1], int(argv[2])
    written = {"files": write_files, "big": write_big, "rows": write_rows}[what](out, n)
    print(f"wrote {written:,} bytes to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

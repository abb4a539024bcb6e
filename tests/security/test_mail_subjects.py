"""No mail subject carries text a user wrote (issue 14, the mail cannon).

A subject is what a phishing mail needs: "Gemeente Enschede – uw uitkering wordt
stopgezet" as an organisation name or a meeting title would reach any inbox under our
name. So every subject names only the kind of mail; titles, names and links go in the
body, where the mail says who wrote them. This reads the subject block of every mail
template, so a new mail is covered without touching this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import nodes

from meedoen.mail.templates import mail_environment, render_mail

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# What a subject may use: the translation functions, a count of items and the kind of a
# notification (the platform's own vocabulary, never typed by anyone).
ALLOWED = {"_", "gettext", "ngettext", "items", "kind"}


def subject_templates() -> list[str]:
    return sorted(
        path.relative_to(TEMPLATES).as_posix()
        for path in TEMPLATES.rglob("*.txt")
        if "block subject" in path.read_text(encoding="utf-8")
    )


def names_in_subject(template: str) -> set[str]:
    env = mail_environment()
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    tree = env.parse(source)
    (block,) = [b for b in tree.find_all(nodes.Block) if b.name == "subject"]
    return {name.name for name in block.find_all(nodes.Name)}


@pytest.mark.engine_independent
def test_there_are_mails_to_check():
    assert len(subject_templates()) > 15


@pytest.mark.engine_independent
@pytest.mark.parametrize("template", subject_templates())
def test_a_subject_names_the_kind_of_mail_only(template):
    assert names_in_subject(template) <= ALLOWED, template


@pytest.mark.engine_independent
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_meeting_title_and_organisation_stay_out_of_the_subjects(language):
    bait = "Gemeente Enschede: uw uitkering stopt, bevestig via http://evil.example"
    context = {
        "title": bait,
        "organisation": bait,
        "organiser": bait,
        "name": "Fenna",
        "when": "zaterdag 10 oktober, 10:00",
        "place": "De Magneet",
        "directions": "",
        "mine": "https://meedoen.example/activiteiten/aanmelding/x",
        "ics": "https://meedoen.example/activiteiten/x/agenda.ics",
        "organisations": [],
        "action": "",
        "kans_title": bait,
        "kans_link": "https://meedoen.example/kansen/x",
        "message": "",
        "note": "",
        "link": "https://meedoen.example/x",
        "unsubscribe": "https://meedoen.example/afmelden/x",
    }
    meeting_mails = [t for t in subject_templates() if t.startswith("mail/meeting_")]
    assert len(meeting_mails) >= 6
    for template in meeting_mails:
        mail = render_mail(template.removesuffix(".txt"), context, language)
        assert "evil" not in mail.subject and "Gemeente" not in mail.subject, template
        assert mail.subject.strip(), template

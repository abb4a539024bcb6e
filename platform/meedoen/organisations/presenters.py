"""What an organisation's dashboard shows per posting: where it stands, in words that are
true for this organisation, and the one thing to do next.

A posting of an organisation that is not verified yet is published but nobody can see
it, so it does not say "Gepubliceerd". Each posting gets one primary action; the rest
go in a menu, and closing (which residents notice) asks for confirmation first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from meedoen.formatting import day
from meedoen.i18n import gettext

DASHBOARD = "/organisatie"


@dataclass(frozen=True)
class Action:
    label: str
    href: str
    # "post" actions are a small form with these hidden fields (no JavaScript needed).
    method: str = "get"
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PostingView:
    posting: Mapping[str, Any]
    status: str  # the badge's words
    tone: str  # success | warning | danger | neutral
    explanation: str  # one sentence: what this means and what happens next
    primary: Action
    more: list[Action] = field(default_factory=list)
    destructive: list[Action] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return str(self.posting["ref"])


def is_expired(posting: Mapping[str, Any], today: dt.date) -> bool:
    end = posting.get("end_date")
    return isinstance(end, dt.date) and end < today


def standing(
    posting: Mapping[str, Any], organisation: Mapping[str, Any], today: dt.date
) -> tuple[str, str, str]:
    """(badge, tone, explanation) for a posting, as residents will experience it."""
    status = posting["status"]
    if status == "concept":
        return (
            gettext("Concept"),
            "neutral",
            gettext("Alleen jullie zien deze kans. Publiceer hem als hij klaar is."),
        )
    if status == "gesloten":
        return (
            gettext("Gesloten"),
            "neutral",
            gettext("Bewoners kunnen niet meer reageren. Je kunt hem opnieuw publiceren."),
        )
    if organisation.get("blocked"):
        return (
            gettext("Niet zichtbaar: je organisatie is geblokkeerd"),
            "danger",
            gettext("Bewoners zien je kansen niet. Neem contact op met de gemeente."),
        )
    if not organisation.get("verified"):
        return (
            gettext("Nog niet zichtbaar: we controleren je organisatie"),
            "warning",
            gettext(
                "Bewoners zien deze kans zodra een beheerder je organisatie heeft gecontroleerd."
            ),
        )
    if is_expired(posting, today):
        return (
            gettext("Verlopen"),
            "neutral",
            gettext(
                "De einddatum (%(date)s) is voorbij: bewoners zien hem niet meer. "
                "Verander de einddatum om hem weer te laten zien.",
                date=day(posting["end_date"]),
            ),
        )
    if posting.get("end_date"):
        explanation = gettext(
            "Bewoners kunnen deze kans vinden en erop reageren, tot en met %(date)s.",
            date=day(posting["end_date"]),
        )
    else:
        explanation = gettext("Bewoners kunnen deze kans vinden en erop reageren.")
    return gettext("Gepubliceerd"), "success", explanation


def posting_view(
    posting: Mapping[str, Any], organisation: Mapping[str, Any], today: dt.date
) -> PostingView:
    badge, tone, explanation = standing(posting, organisation, today)
    base = f"{DASHBOARD}/kansen/{posting['ref']}"
    status = posting["status"]
    visible = tone == "success"
    edit = Action(gettext("Bewerken"), base)
    preview = Action(gettext("Bekijken zoals bewoners hem zien"), f"{base}/voorbeeld")
    responses = Action(
        gettext("Reacties op deze kans"), f"{DASHBOARD}/reacties?kans={posting['ref']}"
    )
    candidates = Action(gettext("Kandidaten zoeken"), f"{base}/kandidaten")
    copy = Action(gettext("Kopie maken"), f"{base}/kopie", "post")
    publish = Action(gettext("Publiceren"), f"{base}/status", "post", (("status", "open"),))
    reopen = Action(gettext("Opnieuw publiceren"), f"{base}/status", "post", (("status", "open"),))
    close = Action(gettext("Kans sluiten…"), f"{base}/sluiten")

    if status == "concept":
        primary, more = publish, [edit, preview, copy]
    elif status == "gesloten":
        primary, more = reopen, [edit, responses, copy]
    elif tone == "neutral":  # open, but its end date has passed
        primary, more = edit, [responses, preview, copy]
    elif visible:
        see_responses = Action(gettext("Reacties bekijken"), responses.href)
        primary, more = see_responses, [edit, candidates, preview, copy]
    else:  # open, but the organisation is not verified (or is blocked)
        primary, more = preview, [edit, responses, copy]
    destructive = [close] if status == "open" else []
    return PostingView(posting, badge, tone, explanation, primary, more, destructive)


def dashboard_postings(
    postings: list[dict[str, Any]], organisation: Mapping[str, Any], today: dt.date | None = None
) -> list[PostingView]:
    today = today or dt.date.today()
    return [posting_view(p, organisation, today) for p in postings]

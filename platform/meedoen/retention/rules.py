"""The registry of retention rules, and the rules of the domains that exist today.

A rule says, for the moment ``now``, which records are due for which step (warn,
delete …), and carries out a step. Steps are named by a Dutch msgid ending in
``: %(count)s`` (right for any count) for the administrators' report; ``privacy`` is the
sentence on the privacy page, with the periods from the settings filled in by ``periods``.

To add a rule (a future meetings domain, say: sign-ups without an account deleted 90
days after the meeting): write its ``due``/``carry_out`` with the domain's service
functions, add its period to ``settings.RetentionPeriods``, and ``register`` it here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from meedoen.i18n import N_
from meedoen.settings import RetentionPeriods, Settings

Due = dict[str, Sequence[Any]]  # step (a Dutch msgid) -> the records due for it


@dataclass(frozen=True)
class Rule:
    name: str
    title: str
    """Dutch msgid: what is kept, as the report's heading."""
    privacy: str
    """Dutch msgid for the privacy page, with %(…)s for the periods."""
    periods: Callable[[RetentionPeriods], dict[str, Any]]
    due: Callable[[dt.datetime, Settings], Awaitable[Due]]
    carry_out: Callable[[str, Sequence[Any], dt.datetime, Settings], Awaitable[None]]


RULES: list[Rule] = []


def register(rule: Rule) -> Rule:
    if any(existing.name == rule.name for existing in RULES):
        raise ValueError(f"a retention rule named {rule.name!r} is already registered")
    RULES.append(rule)
    return rule


# --- resident accounts nobody uses -----------------------------------------------------

WARN = N_("Bewoners die een e-mail krijgen dat hun account wordt verwijderd: %(count)s")
DELETE_ACCOUNT = N_("Accounts van bewoners die worden verwijderd, met al hun gegevens: %(count)s")


def _account_periods(periods: RetentionPeriods) -> tuple[dt.timedelta, dt.timedelta]:
    return (
        dt.timedelta(days=periods.inactive_account_days),
        dt.timedelta(days=periods.deletion_notice_days),
    )


async def _inactive_accounts_due(now: dt.datetime, settings: Settings) -> Due:
    from meedoen.accounts import inactivity

    inactive_for, notice = _account_periods(settings.retention)
    return {
        WARN: await inactivity.to_warn(now, inactive_for),
        DELETE_ACCOUNT: await inactivity.to_delete(now, inactive_for, notice),
    }


async def _inactive_accounts_carry_out(
    step: str, accounts: Sequence[Any], now: dt.datetime, settings: Settings
) -> None:
    from meedoen.accounts import inactivity
    from meedoen.privacy.deletion import delete_resident_account

    _, notice = _account_periods(settings.retention)
    for account in accounts:
        if step == WARN:
            await inactivity.warn(settings, account, now, notice)
        elif step == DELETE_ACCOUNT and await inactivity.still_due_for_deletion(account):
            # The same deletion as "delete my account": every table, file and index.
            await delete_resident_account(settings.data_dir, account.id)


register(
    Rule(
        name="inactive-resident-accounts",
        title=N_("Accounts van bewoners die niet meer inloggen"),
        privacy=N_(
            "Log je %(years)s jaar niet in? Dan sturen wij je een e-mail. Log je daarna "
            "binnen %(days)s dagen niet in? Dan verwijderen wij je account en al je "
            "gegevens. Log je wel in? Dan blijft alles zoals het is."
        ),
        periods=lambda p: {
            "years": round(p.inactive_account_days / 365, 1)
            if p.inactive_account_days % 365
            else p.inactive_account_days // 365,
            "days": p.deletion_notice_days,
        },
        due=_inactive_accounts_due,
        carry_out=_inactive_accounts_carry_out,
    )
)


# --- sent e-mail -----------------------------------------------------------------------

DELETE_MAIL = N_("Verstuurde e-mails die worden verwijderd: %(count)s")


async def _sent_mail_due(now: dt.datetime, settings: Settings) -> Due:
    from meedoen.mail.outbox import sent_before

    return {
        DELETE_MAIL: await sent_before(now - dt.timedelta(days=settings.retention.sent_mail_days))
    }


async def _sent_mail_carry_out(
    step: str, ids: Sequence[Any], now: dt.datetime, settings: Settings
) -> None:
    from meedoen.mail.outbox import forget_sent

    if step == DELETE_MAIL:
        await forget_sent(list(ids))


register(
    Rule(
        name="sent-mail",
        title=N_("Verstuurde e-mails"),
        privacy=N_(
            "E-mails die wij je sturen, bewaren wij %(days)s dagen. Daarna verwijderen wij ze."
        ),
        periods=lambda p: {"days": p.sent_mail_days},
        due=_sent_mail_due,
        carry_out=_sent_mail_carry_out,
    )
)


# --- mail held back by a limit ----------------------------------------------------------

DELETE_PARKED_MAIL = N_("Tegengehouden e-mails die worden verwijderd: %(count)s")


async def _parked_mail_due(now: dt.datetime, settings: Settings) -> Due:
    from meedoen.mail.outbox import parked_before

    cutoff = now - dt.timedelta(days=settings.retention.parked_mail_days)
    return {DELETE_PARKED_MAIL: await parked_before(cutoff)}


async def _parked_mail_carry_out(
    step: str, ids: Sequence[Any], now: dt.datetime, settings: Settings
) -> None:
    from meedoen.mail.outbox import forget_parked

    if step == DELETE_PARKED_MAIL:
        await forget_parked(list(ids))


register(
    Rule(
        name="parked-mail",
        title=N_("Tegengehouden e-mails"),
        privacy=N_(
            "Houdt een grens een e-mail tegen (bijvoorbeeld omdat iemand heel veel "
            "uitnodigingen stuurt)? Dan kijkt een beheerder ernaar. Na %(days)s dagen "
            "verwijderen wij zo'n e-mail, ook als niemand ernaar keek."
        ),
        periods=lambda p: {"days": p.parked_mail_days},
        due=_parked_mail_due,
        carry_out=_parked_mail_carry_out,
    )
)


# --- sign-ups for meetings without an account ------------------------------------------

ERASE_MEETING_GUESTS = N_(
    "%(count)s aanmeldingen zonder account voor een activiteit worden gewist (naam, e-mail, telefoon)"
)


async def _meeting_guests_due(now: dt.datetime, settings: Settings) -> Due:
    from meedoen.events.jobs import guests_due

    return {ERASE_MEETING_GUESTS: await guests_due(now.date())}


async def _meeting_guests_carry_out(
    step: str, ids: Sequence[Any], now: dt.datetime, settings: Settings
) -> None:
    from meedoen.events.jobs import erase_guests

    if step == ERASE_MEETING_GUESTS:
        await erase_guests(list(ids))


def _meeting_guest_periods(periods: RetentionPeriods) -> dict[str, Any]:
    from meedoen.events.signups import RETENTION_DAYS

    return {"days": RETENTION_DAYS}


register(
    Rule(
        name="meeting-guests",
        title=N_("Aanmeldingen voor activiteiten zonder account"),
        privacy=N_(
            "Meld je je zonder account aan voor een activiteit? Dan bewaren wij alleen je "
            "naam en je e-mailadres of telefoonnummer, en wissen wij die %(days)s dagen na de "
            "activiteit. Maak je in die tijd een account met hetzelfde e-mailadres, dan komt "
            "de aanmelding bij je account."
        ),
        periods=_meeting_guest_periods,
        due=_meeting_guests_due,
        carry_out=_meeting_guests_carry_out,
    )
)


# --- agreements on a resident's path ----------------------------------------------------

DELETE_DONE_AGREEMENTS = N_("Afspraken die al een jaar klaar zijn en worden verwijderd: %(count)s")


async def _agreements_due(now: dt.datetime, settings: Settings) -> Due:
    from meedoen.traject.service import done_agreements_due

    return {DELETE_DONE_AGREEMENTS: await done_agreements_due(now)}


async def _agreements_carry_out(
    step: str, ids: Sequence[Any], now: dt.datetime, settings: Settings
) -> None:
    from meedoen.traject.service import delete_agreements

    if step == DELETE_DONE_AGREEMENTS:
        await delete_agreements(list(ids))


def _agreement_periods(periods: RetentionPeriods) -> dict[str, Any]:
    from meedoen.traject.service import DONE_AGREEMENT_DAYS

    return {"days": DONE_AGREEMENT_DAYS}


register(
    Rule(
        name="traject-agreements",
        title=N_("Afspraken tussen bewoner en coach"),
        privacy=N_(
            "Afspraken met je coach bewaren wij tot %(days)s dagen nadat ze klaar zijn. "
            "Je uren en je bewijzen van meedoen bewaren wij zolang je account bestaat; "
            "verwijder je je account, dan geldt de link van je bewijs niet meer."
        ),
        periods=_agreement_periods,
        due=_agreements_due,
        carry_out=_agreements_carry_out,
    )
)


# --- responses of residents under 16 that a parent never confirmed ----------------------

DELETE_UNANSWERED_CONSENTS = N_(
    "Reacties en aanmeldingen van bewoners onder 16 waarop geen ouder ‘ja’ zei en die worden "
    "gewist: %(count)s"
)


async def _consents_due(now: dt.datetime, settings: Settings) -> Due:
    from meedoen.responses.guardian import unanswered_consents_due

    return {DELETE_UNANSWERED_CONSENTS: await unanswered_consents_due(now)}


async def _consents_carry_out(
    step: str, ids: Sequence[Any], now: dt.datetime, settings: Settings
) -> None:
    from meedoen.responses.guardian import delete_consents

    if step == DELETE_UNANSWERED_CONSENTS:
        await delete_consents(list(ids))


def _consent_periods(periods: RetentionPeriods) -> dict[str, Any]:
    from meedoen.responses.guardian import LINK_LIFETIME

    return {"days": LINK_LIFETIME.days}


register(
    Rule(
        name="guardian-consents",
        title=N_("Reacties en aanmeldingen die wachten op een ouder of verzorger"),
        privacy=N_(
            "Ben je jonger dan 16 en reageer je op een kans, of meld je je aan voor een "
            "activiteit? Dan bewaren wij je reactie of aanmelding en het e-mailadres van je "
            "ouder of verzorger tot die ‘ja’ zegt. Zegt niemand binnen %(days)s dagen ‘ja’, "
            "dan wissen wij de reactie of aanmelding en dat e-mailadres."
        ),
        periods=_consent_periods,
        due=_consents_due,
        carry_out=_consents_carry_out,
    )
)


# --- anonymous counts of searches that found little (insight) ----------------------------

DELETE_OLD_SEARCH_COUNTS = N_(
    "Maanden met tellingen van zoekvragen die niets of weinig vonden, die worden gewist: %(count)s"
)


async def _search_counts_due(now: dt.datetime, settings: Settings) -> Due:
    from meedoen.insight.demand import months_due

    return {DELETE_OLD_SEARCH_COUNTS: await months_due(now.date())}


async def _search_counts_carry_out(
    step: str, months: Sequence[Any], now: dt.datetime, settings: Settings
) -> None:
    from meedoen.insight.demand import forget_months

    if step == DELETE_OLD_SEARCH_COUNTS:
        await forget_months(list(months))


def _search_count_periods(periods: RetentionPeriods) -> dict[str, Any]:
    from meedoen.insight.demand import RETENTION_MONTHS

    return {"months": RETENTION_MONTHS}


register(
    Rule(
        name="search-demand",
        title=N_("Tellingen van zoekvragen die niets of weinig vonden (zonder wie zocht)"),
        privacy=N_(
            "Tellingen van zoekvragen die niets of weinig vonden bewaren wij %(months)s "
            "maanden. Er staat niet in wie zocht."
        ),
        periods=_search_count_periods,
        due=_search_counts_due,
        carry_out=_search_counts_carry_out,
    )
)

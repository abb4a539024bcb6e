"""The audit log in words: what happened, and to what, as an administrator (or the
person it is about) reads it. The stored codes stay as they are; only the view changes."""

from __future__ import annotations

from meedoen.i18n import N_, gettext

ACTIONS = {
    "account.deactivated": N_("Account gedeactiveerd"),
    "account.role_changed": N_("Rol van een account veranderd"),
    "audit.exported": N_("Auditlog gedownload"),
    "candidate.proposed": N_("Kans voorgesteld aan een bewoner"),
    "caseload.exported": N_("Caseload gedownload"),
    "caseload.intake": N_("Bewoner ingeschreven na intake"),
    "caseload.transferred": N_("Bewoner overgedragen aan een andere coach"),
    "organisation.blocked": N_("Organisatie geblokkeerd"),
    "organisation.details_changed": N_("Gegevens van een organisatie veranderd"),
    "organisation.unblocked": N_("Blokkade van een organisatie opgeheven"),
    "organisation.unverified": N_("Controle van een organisatie ingetrokken"),
    "organisation.verified": N_("Organisatie gecontroleerd en goedgekeurd"),
    "organisation.refused": N_("Organisatie afgewezen"),
    "hours.confirmed": N_("Uren bevestigd"),
    "hours.viewed": N_("Uren van een bewoner bekeken"),
    "placement.viewed": N_("Plaatsing bekeken"),
    "programme.created": N_("Programma gemaakt"),
    "programme.submitted": N_("Programma ingediend voor publicatie"),
    "programme.published": N_("Programma gepubliceerd"),
    "programme.returned": N_("Programma teruggestuurd als concept"),
    "programme.ended": N_("Programma beëindigd"),
    "programme.member_accepted": N_("Organisatie geaccepteerd in een programma"),
    "programme.member_declined": N_("Aanvraag voor een programma afgewezen"),
    "proof.issued": N_("Bewijs van meedoen gemaakt"),
    "proof.viewed": N_("Gevraagd bewijs van meedoen bekeken"),
    "resident.cv_downloaded": N_("Cv van een bewoner gedownload"),
    "resident.file_viewed": N_("Dossier van een bewoner bekeken"),
    "resident.path_viewed": N_("Traject van een bewoner bekeken"),
    "resident.matches_viewed": N_("Passende kansen voor een bewoner bekeken"),
    "resident.shown_as_candidate": N_("Bewoner getoond als kandidaat"),
    "response.status": N_("Status van een reactie veranderd"),
    "response.viewed": N_("Reactie met gedeelde gegevens bekeken"),
}
SUBJECTS = {
    "organisation": N_("organisatie"),
    "resident": N_("bewoner"),
    "response": N_("reactie"),
    "account": N_("account"),
    "audit": N_("auditlog"),
    "placement": N_("plaatsing"),
    "opportunity": N_("kans"),
    "hours": N_("uren"),
    "programme": N_("programma"),
}


def action_words(code: str) -> str:
    """ "organisation.verified" → "Organisatie gecontroleerd en goedgekeurd"; an unknown code
    stays readable as itself."""
    return gettext(ACTIONS[code]) if code in ACTIONS else code


def subject_words(kind: str, ref: str, name: str = "") -> str:
    """ "organisation", "org-aeef…" → "organisatie Bakkerij Ter Ux (org-aeef…)"."""
    word = gettext(SUBJECTS[kind]) if kind in SUBJECTS else kind
    if name:
        return f"{word} {name} ({ref})" if ref else f"{word} {name}"
    return f"{word} {ref}".strip()


def action_choices() -> list[tuple[str, str]]:
    """The "Actie" filter: every action in words, alphabetically in the reader's language."""
    return sorted(((code, gettext(label)) for code, label in ACTIONS.items()), key=lambda c: c[1])


def collapse(events: list[dict[str, object]]) -> list[dict[str, object]]:
    """Repeated events in a row (a coach opening the same placement five times) become one
    row with a count and the time of the first; the newest stays on top."""
    rows: list[dict[str, object]] = []
    for event in events:
        key = (
            event["actor_label"],
            event["action"],
            event["subject_type"],
            event["subject_ref"],
            event["details"],
        )
        if rows and rows[-1]["key"] == key:
            rows[-1]["count"] = int(str(rows[-1]["count"])) + 1
            rows[-1]["first_at"] = event["at"]
            continue
        rows.append({**event, "key": key, "count": 1, "first_at": event["at"]})
    return rows

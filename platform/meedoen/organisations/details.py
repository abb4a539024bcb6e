"""An organisation's own details, as its owners keep them: read from the form with an
error per field in plain Dutch, and saved with an audit entry.

Whether an organisation is verified (or blocked) is not among them: only an
administrator decides that. Nor is its type (Wijkgilde, POWER, …), which residents
filter on. The name is shown in the search documents of its postings, so changing it
re-indexes them through the outbox, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.forms import email_error, text
from meedoen.audit.service import record_audit
from meedoen.db import write_transaction
from meedoen.i18n import gettext
from meedoen.indexing.outbox import record_change
from meedoen.input_rules import (
    POSTCODE_PROBLEM,
    free_text_errors,
    link_problem,
    postcode,
    read_kvk_number,
    read_website,
)
from meedoen.organisations.tables import Organisation
from meedoen.vocabulary import SECTORS, WIJKEN

FIELDS = (
    "name",
    "kvk_number",
    "description",
    "sector",
    "wijk",
    "postcode",
    "website",
    "contact_email",
    "contact_phone",
    "leerbedrijf_id",
)
OPTIONAL = ("kvk_number", "website", "contact_email", "contact_phone", "leerbedrijf_id")
IN_SEARCH_DOCUMENTS = ("name",)
MAX_DESCRIPTION = 4000
PHONE = re.compile(r"^\+?[0-9 ()-]+$")
# SBB's leerbedrijf-ID is a number; people copy it with spaces or dots.
LEERBEDRIJF_ID = re.compile(r"[0-9]{5,12}")
_ID_SEPARATORS = re.compile(r"[\s.\-]")


def values_from_row(row: Mapping[str, Any]) -> dict[str, str]:
    """A stored organisation as form values."""
    return {name: row.get(name) or "" for name in FIELDS}


def read_form(
    form: Mapping[str, object], organisation_type: str = ""
) -> tuple[dict[str, str], dict[str, str]]:
    """Values to store (or show again) and the problems, each by its field."""
    values = {name: text(form, name) for name in FIELDS}
    errors: dict[str, str] = {}
    values["kvk_number"], kvk_problem = read_kvk_number(values["kvk_number"], organisation_type)
    if kvk_problem:
        errors["kvk_number"] = kvk_problem
    if not values["name"]:
        errors["name"] = gettext("Vul de naam van je organisatie in.")
    elif len(values["name"]) > 200:
        errors["name"] = gettext("Vul een naam in van hoogstens 200 tekens.")
    elif problem := link_problem(values["name"]):
        errors["name"] = gettext(problem)
    if len(values["description"]) > MAX_DESCRIPTION:
        errors["description"] = gettext(
            "Schrijf hoogstens %(count)s tekens. Nu zijn het er %(now)s.",
            count=MAX_DESCRIPTION,
            now=len(values["description"]),
        )
    if values["sector"] not in SECTORS:
        errors["sector"] = gettext("Kies de sector van je organisatie.")
    if values["wijk"] not in WIJKEN:
        errors["wijk"] = gettext("Kies de wijk waar je organisatie zit.")
    if written := postcode(values["postcode"]):
        values["postcode"] = written
    else:
        errors["postcode"] = gettext(POSTCODE_PROBLEM)
    values["website"], website_problem = read_website(values["website"])
    if website_problem:
        errors["website"] = website_problem
    if values["contact_email"] and (problem := email_error(values["contact_email"])):
        errors["contact_email"] = problem
    if values["contact_phone"] and not _is_phone_number(values["contact_phone"]):
        errors["contact_phone"] = gettext(
            "Vul een telefoonnummer in met alleen cijfers, zoals 053 481 00 00."
        )
    leerbedrijf_id = _ID_SEPARATORS.sub("", values["leerbedrijf_id"])
    if LEERBEDRIJF_ID.fullmatch(leerbedrijf_id):
        values["leerbedrijf_id"] = leerbedrijf_id
    elif values["leerbedrijf_id"]:  # kept as typed, to be corrected
        errors["leerbedrijf_id"] = gettext(
            "Vul het leerbedrijf-ID van SBB in: alleen cijfers, zoals 100012345. "
            "Is je organisatie geen erkend leerbedrijf? Laat het vak dan leeg."
        )
    for name, problem in free_text_errors(values, ("name", "description")).items():
        errors.setdefault(name, problem)
    return values, errors


def _is_phone_number(number: str) -> bool:
    digits = sum(c.isdigit() for c in number)
    return len(number) <= 30 and bool(PHONE.match(number)) and 9 <= digits <= 15


async def save_details(
    actor: CurrentUser, organisation_id: int, values: Mapping[str, str]
) -> list[str]:
    """Store checked ``values``; returns the fields that changed (none: nothing written)."""
    async with write_transaction():
        row = await Organisation.select().where(Organisation.id == organisation_id).first().run()
        if row is None:
            return []
        new = {
            name: (values[name] or None) if name in OPTIONAL else values[name] for name in FIELDS
        }
        changed = [name for name in FIELDS if (row[name] or None) != (new[name] or None)]
        if not changed:
            return []
        updates: dict[Any, Any] = {getattr(Organisation, name): new[name] for name in changed}
        updates[Organisation.updated_at] = dt.datetime.now(dt.UTC)
        if row["refused_at"] and not row["verified"]:
            # Changed after a refusal: back in the administrators' queue.
            updates[Organisation.refused_at] = None
        recognition_lapses = "leerbedrijf_id" in changed and row["leerbedrijf_confirmed_at"]
        if recognition_lapses:
            # A new ID is not the one an administrator checked: confirm it again.
            updates[Organisation.leerbedrijf_confirmed_at] = None
        await Organisation.update(updates).where(Organisation.id == organisation_id).run()
        if set(changed) & set(IN_SEARCH_DOCUMENTS) or recognition_lapses:
            await record_change("organisation", row["ref"])
        await record_audit(
            actor,
            "organisation.details_changed",
            "organisation",
            row["ref"],
            _audit(row, new, changed),
        )
    return changed


def _audit(old: Mapping[str, Any], new: Mapping[str, Any], changed: list[str]) -> str:
    # Which fields changed; for the name also from what to what, so an administrator can
    # see when a verified organisation presents itself under another name.
    parts = [f"name: {old['name']} -> {new['name']}" if n == "name" else n for n in changed]
    return "; ".join(parts)

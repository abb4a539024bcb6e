"""An organisation's own details, as its owners keep them: their formats checked (the
form itself is ``forms.DetailsForm``), and saved with an audit entry.

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
from meedoen.audit.service import record_audit
from meedoen.db import write_transaction
from meedoen.i18n import gettext
from meedoen.indexing.outbox import record_change
from meedoen.input_rules import POSTCODE_PROBLEM, postcode, read_kvk_number, read_website
from meedoen.organisations.forms import DetailsForm
from meedoen.organisations.tables import Organisation

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


def details_problems(fields: Mapping[str, Any], organisation_type: str = "") -> dict[str, str]:
    """The formats of the details that are right as text (translated, by field): the KvK
    number (a business must give it), the description's length, the postcode, the
    website, the phone number and the leerbedrijf-ID."""
    problems: dict[str, str] = {}
    if "kvk_number" in fields:
        problem = read_kvk_number(fields["kvk_number"], organisation_type)[1]
        if problem:
            problems["kvk_number"] = problem
    description = fields.get("description", "")
    if len(description) > MAX_DESCRIPTION:
        problems["description"] = gettext(
            "Schrijf hoogstens %(count)s tekens. Nu zijn het er %(now)s.",
            count=MAX_DESCRIPTION,
            now=len(description),
        )
    if "postcode" in fields and postcode(fields["postcode"]) is None:
        problems["postcode"] = gettext(POSTCODE_PROBLEM)
    if "website" in fields and (problem := read_website(fields["website"])[1]):
        problems["website"] = problem
    phone = fields.get("contact_phone", "")
    if phone and not _is_phone_number(phone):
        problems["contact_phone"] = gettext(
            "Vul een telefoonnummer in met alleen cijfers, zoals 053 481 00 00."
        )
    written = fields.get("leerbedrijf_id", "")
    if written and not LEERBEDRIJF_ID.fullmatch(_ID_SEPARATORS.sub("", written)):
        problems["leerbedrijf_id"] = gettext(
            "Vul het leerbedrijf-ID van SBB in: alleen cijfers, zoals 100012345. "
            "Is je organisatie geen erkend leerbedrijf? Laat het vak dan leeg."
        )
    return problems


def details_values(form: DetailsForm, organisation_type: str = "") -> dict[str, str]:
    """Checked details as the values to store, written the standard way (postcode
    "7511 AB", KvK number and leerbedrijf-ID in digits, website with https://)."""
    return {
        "name": form.name,
        "kvk_number": read_kvk_number(form.kvk_number, organisation_type)[0],
        "description": form.description,
        "sector": form.sector,
        "wijk": form.wijk,
        "postcode": postcode(form.postcode) or form.postcode,
        "website": read_website(form.website)[0],
        "contact_email": form.contact_email,
        "contact_phone": form.contact_phone,
        "leerbedrijf_id": _ID_SEPARATORS.sub("", form.leerbedrijf_id),
    }


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

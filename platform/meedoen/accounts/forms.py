"""Reading and checking the account forms: values to show again, and errors per field.

Errors are translated sentences keyed by field name, ready for the form macros. The
password is never put back in ``values``: a page must not send it to the browser again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

from meedoen.accounts.passwords import password_problem
from meedoen.i18n import gettext
from meedoen.input_rules import (
    POSTCODE_PROBLEM,
    free_text_errors,
    link_problem,
    postcode,
    read_kvk_number,
    read_website,
)
from meedoen.vocabulary import ORGANISATION_TYPES, SECTORS, WIJKEN

RESIDENT = "bewoner"
ORGANISATION_MEMBER = "organisatie"
ACCOUNT_TYPES = (RESIDENT, ORGANISATION_MEMBER)
REGISTRATION_FIELDS = (
    "account_type",
    "display_name",
    "email",
    "organisation_name",
    "organisation_type",
    "sector",
    "wijk",
    "postcode",
    "kvk_number",
    "website",
)
MAX_PASSWORD_LENGTH = 1000  # Argon2 takes any length; this only stops absurd requests


@dataclass
class FormResult:
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def text(form: Mapping[str, object], name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def password(form: Mapping[str, object], name: str) -> str:
    # Passwords are taken exactly as typed: spaces may be part of them.
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def email_error(email: str) -> str | None:
    if not email:
        return gettext("Vul je e-mailadres in.")
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return gettext("Vul een goed e-mailadres in, zoals naam@voorbeeld.nl.")
    return None


def new_password_error(value: str) -> str | None:
    if not value:
        return gettext("Kies een wachtwoord.")
    if len(value) > MAX_PASSWORD_LENGTH:
        return gettext("Kies een wachtwoord van hoogstens 1000 tekens.")
    problem = password_problem(value)
    return gettext(problem) if problem else None


def sign_in_form(form: Mapping[str, object]) -> FormResult:
    result = FormResult(values={"email": text(form, "email")})
    if not result.values["email"]:
        result.errors["email"] = gettext("Vul je e-mailadres in.")
    if not password(form, "password"):
        result.errors["password"] = gettext("Vul je wachtwoord in.")
    return result


def registration_form(form: Mapping[str, object]) -> FormResult:
    names = REGISTRATION_FIELDS
    result = FormResult(values={name: text(form, name) for name in names})
    values, errors = result.values, result.errors
    if values["account_type"] not in ACCOUNT_TYPES:
        errors["account_type"] = gettext(
            "Kies of je je aanmeldt als bewoner of voor een organisatie."
        )
    if not values["display_name"]:
        errors["display_name"] = gettext("Vul je naam in.")
    elif len(values["display_name"]) > 120:
        errors["display_name"] = gettext("Vul een naam in van hoogstens 120 tekens.")
    if problem := email_error(values["email"]):
        errors["email"] = problem
    if problem := new_password_error(password(form, "password")):
        errors["password"] = problem
    if values["account_type"] == ORGANISATION_MEMBER:
        _check_organisation(values, errors)
    for name, problem in free_text_errors(values, ("display_name", "organisation_name")).items():
        errors.setdefault(name, problem)
    return result


def _check_organisation(values: dict[str, str], errors: dict[str, str]) -> None:
    """The organisation's fields, checked in the order the form shows them."""
    if not values["organisation_name"]:
        errors["organisation_name"] = gettext("Vul de naam van je organisatie in.")
    elif len(values["organisation_name"]) > 200:
        errors["organisation_name"] = gettext("Vul een naam in van hoogstens 200 tekens.")
    elif problem := link_problem(values["organisation_name"]):
        errors["organisation_name"] = gettext(problem)
    if values["organisation_type"] not in ORGANISATION_TYPES:
        errors["organisation_type"] = gettext("Kies wat voor organisatie het is.")
    values["kvk_number"], problem = read_kvk_number(
        values["kvk_number"], values["organisation_type"]
    )
    if problem:
        errors["kvk_number"] = problem
    if values["sector"] not in SECTORS:
        errors["sector"] = gettext("Kies de sector van je organisatie.")
    if values["wijk"] not in WIJKEN:
        errors["wijk"] = gettext("Kies de wijk waar je organisatie zit.")
    if written := postcode(values["postcode"]):
        values["postcode"] = written
    else:
        errors["postcode"] = gettext(POSTCODE_PROBLEM)
    values["website"], problem = read_website(values["website"])
    if problem:
        errors["website"] = problem


def forgot_password_form(form: Mapping[str, object]) -> FormResult:
    result = FormResult(values={"email": text(form, "email")})
    if problem := email_error(result.values["email"]):
        result.errors["email"] = problem
    return result


def new_password_form(form: Mapping[str, object]) -> FormResult:
    result = FormResult()
    if problem := new_password_error(password(form, "new_password")):
        result.errors["new_password"] = problem
    return result


def change_password_form(form: Mapping[str, object]) -> FormResult:
    result = new_password_form(form)
    if not password(form, "current_password"):
        result.errors["current_password"] = gettext("Vul je huidige wachtwoord in.")
    return result


def change_email_form(form: Mapping[str, object], current_email: str) -> FormResult:
    result = FormResult(values={"new_email": text(form, "new_email")})
    new_email = result.values["new_email"]
    if problem := email_error(new_email):
        result.errors["new_email"] = problem
    elif new_email.lower() == current_email.lower():
        result.errors["new_email"] = gettext("Dit is al je e-mailadres. Vul een ander adres in.")
    if not password(form, "email_password"):
        result.errors["email_password"] = gettext("Vul je huidige wachtwoord in.")
    return result

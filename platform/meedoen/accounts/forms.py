"""The account forms as types (see ``meedoen.web.forms``). A password field is
``SECRET``: taken exactly as typed (spaces may be part of it) and never shown again.
Rules over several fields (an organisation's details only for an organisation, its KvK
number only required for a business) are in ``accounts.service``."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import Meta

from meedoen.i18n import N_
from meedoen.vocabulary import OrganisationType, Sector, Wijk
from meedoen.web.forms import FREE_TEXT, NAME, SECRET, Email, Form, Say

RESIDENT = "bewoner"
ORGANISATION_MEMBER = "organisatie"
AccountType = Literal["bewoner", "organisatie"]
MAX_PASSWORD_LENGTH = 1000  # Argon2 takes any length; this only stops absurd requests

Password = Annotated[str, Meta(min_length=1, max_length=100_000), SECRET]
NewPassword = Annotated[str, Meta(min_length=1, max_length=MAX_PASSWORD_LENGTH), SECRET]
RequiredEmail = Annotated[Email, Meta(min_length=1)]
NextPath = Annotated[str, Meta(max_length=2000)]
NEW_PASSWORD = Say(
    missing=N_("Kies een wachtwoord."),
    too_long=N_("Kies een wachtwoord van hoogstens 1000 tekens."),
)
CURRENT_PASSWORD = Say(missing=N_("Vul je huidige wachtwoord in."))


class SignInForm(Form, kw_only=True):
    email: Annotated[str, Meta(min_length=1, max_length=320)]
    password: Password
    next: NextPath = ""

    messages: ClassVar[dict[str, Say]] = {
        "email": Say(missing=N_("Vul je e-mailadres in.")),
        "password": Say(missing=N_("Vul je wachtwoord in.")),
    }


class RegistrationForm(Form, kw_only=True):
    account_type: AccountType
    display_name: Annotated[str, Meta(min_length=1, max_length=120), FREE_TEXT]
    email: RequiredEmail
    password: NewPassword
    organisation_name: Annotated[str, Meta(max_length=200), NAME] = ""
    organisation_type: OrganisationType | None = None
    sector: Sector | None = None
    wijk: Wijk | None = None
    postcode: Annotated[str, Meta(max_length=20)] = ""
    kvk_number: Annotated[str, Meta(max_length=40)] = ""
    website: Annotated[str, Meta(max_length=300)] = ""
    next: NextPath = ""

    messages: ClassVar[dict[str, Say]] = {
        "account_type": Say(
            missing=N_("Kies of je je aanmeldt als bewoner of voor een organisatie."),
            invalid=N_("Kies of je je aanmeldt als bewoner of voor een organisatie."),
        ),
        "display_name": Say(
            missing=N_("Vul je naam in."),
            too_long=N_("Vul een naam in van hoogstens 120 tekens."),
        ),
        "password": NEW_PASSWORD,
        "organisation_name": Say(too_long=N_("Vul een naam in van hoogstens 200 tekens.")),
        "organisation_type": Say(invalid=N_("Kies wat voor organisatie het is.")),
        "sector": Say(invalid=N_("Kies de sector van je organisatie.")),
        "wijk": Say(invalid=N_("Kies de wijk waar je organisatie zit.")),
    }


class ForgotPasswordForm(Form):
    email: RequiredEmail


class NewPasswordForm(Form):
    new_password: NewPassword

    messages: ClassVar[dict[str, Say]] = {"new_password": NEW_PASSWORD}


class ChangePasswordForm(Form):
    current_password: Password
    new_password: NewPassword

    messages: ClassVar[dict[str, Say]] = {
        "current_password": CURRENT_PASSWORD,
        "new_password": NEW_PASSWORD,
    }


class ChangeEmailForm(Form):
    new_email: RequiredEmail
    email_password: Password

    messages: ClassVar[dict[str, Say]] = {"email_password": CURRENT_PASSWORD}

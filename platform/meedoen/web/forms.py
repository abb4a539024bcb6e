"""Forms as types: the one way a handler reads a form.

A form is a msgspec Struct that subclasses :class:`Form`. Its fields say what each input
takes, with the same types the JSON API uses:

* ``str`` with ``Meta(max_length=…)`` (``min_length=1`` for a required text), stripped of
  spaces around it — except a :data:`SECRET` field (a password), taken exactly as typed
  and never shown again;
* a ``Literal`` vocabulary (``meedoen.vocabulary``, the API's own types);
* ``int`` (only the digits 0-9, see ``form_data.whole_number``) with ``ge``/``le``;
* ``dt.date``, as a date field sends it or as people type it (12-03-2027);
* ``bool`` for a checkbox: ticked when it is sent at all;
* ``list[…]`` for an input that sends several values (checkboxes with one name);
* ``… | None`` when an empty input means "not given".

:func:`read_form` decodes the request's form — already cleaned of control and hidden
characters by :class:`~meedoen.web.form_data.CleanInputRequest` — field by field, so every
field with a problem gets its own message, and returns a :class:`FormInput`: the Struct
when everything is right, and always the values to show again and the errors per field.
Bad input never becomes a 400 or 500 page: the handler renders the same form with them.

The Dutch messages are in one place: the generic ones below, and per form the class
variable ``messages`` (field name → :class:`Say`) where a field needs its own words.
Rules that weigh several fields together (an end after the start, a minimum below a
maximum) belong to the domain's service, not here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, ClassVar, Generic, TypeVar

import msgspec
import msgspec.inspect as mi
from email_validator import EmailNotValidError, validate_email
from litestar.datastructures import FormMultiDict

from meedoen.i18n import N_, gettext
from meedoen.input_rules import BSN_PROBLEM, LINK_PROBLEM, contains_bsn, link_problem
from meedoen.web.form_data import whole_number

SECRET = msgspec.Meta(extra={"secret": True})
"""A password: taken exactly as typed, never put back in the page."""
FREE_TEXT = msgspec.Meta(extra={"free_text": True})
"""Text anyone may read: a citizen service number (BSN) in it is refused."""
NAME = msgspec.Meta(extra={"free_text": True, "name": True})
"""A name shown in pages and mails: no BSN and no web address in it."""
EMAIL = msgspec.Meta(extra={"email": True})
Email = Annotated[str, msgspec.Meta(max_length=320), EMAIL]
"""An e-mail address (written like one; whether it exists is not checked)."""

MISSING = N_("Vul dit veld in.")
TOO_LONG = N_("Maak dit korter: hoogstens %(max)s tekens.")
NOT_A_CHOICE = N_("Kies een van de mogelijkheden uit de lijst.")
NOT_A_NUMBER = N_("Vul een heel getal in, bijvoorbeeld 40.")
NOT_A_DATE = N_("Vul een datum in, bijvoorbeeld 12-03-2027.")
NOT_A_TIME = N_("Vul een tijd in, zoals 10:00.")
NOT_RIGHT = N_("Dit klopt niet. Kijk het na en vul het opnieuw in.")
EMAIL_MISSING = N_("Vul je e-mailadres in.")
EMAIL_INVALID = N_("Vul een goed e-mailadres in, zoals naam@voorbeeld.nl.")

DATE_PATTERNS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y")
MAX_DATE_CHARS = 20


@dataclass(frozen=True)
class Say:
    """A field's own messages (Dutch msgids, marked with ``N_``); None: the generic one."""

    missing: str | None = None
    too_long: str | None = None
    invalid: str | None = None


class Form(msgspec.Struct, kw_only=True):
    """The base of every form type; ``messages`` holds the fields' own words, filled in
    with ``message_args()`` (for a limit that depends on today, say)."""

    messages: ClassVar[Mapping[str, Say]] = {}

    @classmethod
    def message_args(cls) -> Mapping[str, object]:
        return {}


F = TypeVar("F", bound=Form)


@dataclass
class FormInput(Generic[F]):
    """A decoded form: ``data`` when every field is right, else None; ``values`` to show
    again (as typed; never a secret); ``errors``: a translated message per field."""

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    data: F | None = None
    decoded: dict[str, Any] = field(default_factory=dict)
    """The fields that are right, for a domain's rules over several fields while others
    are still wrong (so the form says everything at once)."""
    partial: F | None = None
    """The fields that are right and the defaults of the others, as the type (None when a
    field without a default is wrong): for a service that checks the whole form."""

    @property
    def ok(self) -> bool:
        return not self.errors and self.data is not None

    def refuse(self, problems: Mapping[str, str]) -> None:
        """Add the domain's (translated) problems; a field keeps its first message."""
        for name, problem in problems.items():
            self.errors.setdefault(name, problem)
        if problems:
            self.data = None


class _Problem(Exception):
    def __init__(self, kind: str, limit: int | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.limit = limit


def parse_date(raw: str) -> dt.date | None:
    """'2027-03-12' (a date field) or '12-03-2027' / '12/3/2027' (typed by hand)."""
    raw = raw.strip()
    for pattern in DATE_PATTERNS:
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


def email_problem(email: str) -> str | None:
    """What is wrong with an e-mail address (translated), or None."""
    if not email:
        return gettext(EMAIL_MISSING)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return gettext(EMAIL_INVALID)
    return None


def blank(form_type: type[F], values: Mapping[str, Any] | None = None) -> FormInput[F]:
    """An empty form (or one filled from ``values``, such as a record being edited)."""
    return FormInput(values=dict(values or {}))


async def read_form(request: Any, form_type: type[F]) -> FormInput[F]:
    """The request's form as ``form_type`` (see the module)."""
    return decode_form(await request.form(), form_type)


async def read_leniently(request: Any, form_type: type[F]) -> F:
    """The request's form as ``form_type`` where every field has a default, for a form
    whose service checks everything itself (a status button, a choice, a message). A
    field that is wrong — only ever sent by hand — counts as not sent."""
    decoded = decode_form(await request.form(), form_type)
    return decoded.partial if decoded.partial is not None else form_type()


def decode_form(
    form: FormMultiDict | Mapping[str, Any], form_type: type[F], prefix: str = ""
) -> FormInput[F]:
    """``form`` (a cleaned form: name → value, or all values) decoded as ``form_type``.
    A group of fields that a form repeats (a meeting's time slots: ``slot_1_day``,
    ``slot_2_day``…) is a type of its own, decoded once per ``prefix``; its values and
    errors keep the names the form sends."""
    result: FormInput[F] = FormInput(values={})
    decoded = result.decoded
    for field_name, info, kind, extra in _fields(form_type):
        name = prefix + field_name
        raw = _raw(form, name, kind, extra)
        if not extra.get("secret"):
            result.values[name] = raw
        try:
            decoded[info.name] = _value(raw, info, kind, extra)
        except _Problem as problem:
            result.errors[name] = _message(form_type, field_name, problem, kind, extra)
            if isinstance(_optional(kind)[0], mi.DateType | mi.TimeType):
                result.values[name] = ""  # a date field cannot hold what was typed
    defaults = all(f.name in decoded or not f.required for _, f, _, _ in _fields(form_type))
    result.partial = form_type(**decoded) if defaults else None
    if not result.errors:
        result.data = result.partial
    return result


@cache
def _fields(
    form_type: type[Form],
) -> tuple[tuple[str, msgspec.structs.FieldInfo, mi.Type, dict[str, Any]], ...]:
    """Each field with the name the form sends (``msgspec.field(name=…)`` when it is not
    a Python name), its type and its markers; worked out once per form type."""
    return tuple(
        (info.encode_name, info, *_unwrapped(mi.type_info(info.type)))
        for info in msgspec.structs.fields(form_type)
    )


def _unwrapped(kind: mi.Type) -> tuple[mi.Type, dict[str, Any]]:
    extra: dict[str, Any] = {}
    while isinstance(kind, mi.Metadata):
        extra.update(kind.extra or {})
        kind = kind.type
    return kind, extra


def _optional(kind: mi.Type) -> tuple[mi.Type, bool]:
    """The type without ``| None``, and whether None was allowed."""
    if isinstance(kind, mi.UnionType):
        others = [t for t in kind.types if not isinstance(t, mi.NoneType)]
        if len(others) == 1 and len(others) < len(kind.types):
            return _unwrapped(others[0])[0], True
    return kind, False


def _raw(form: Any, name: str, kind: mi.Type, extra: Mapping[str, Any]) -> Any:
    if isinstance(_optional(kind)[0], mi.ListType):
        everything = form.getall(name, []) if hasattr(form, "getall") else form.get(name, [])
        if isinstance(everything, str):
            everything = [everything]
        texts = (v.strip() for v in everything if isinstance(v, str))
        return list(dict.fromkeys(t for t in texts if t))
    value = form.get(name, "")
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    if isinstance(_optional(kind)[0], mi.BoolType):
        return isinstance(value, str) and value.strip() != ""
    if not isinstance(value, str):
        return ""
    return value if extra.get("secret") else value.strip()


def _value(
    raw: Any, info: msgspec.structs.FieldInfo, kind: mi.Type, extra: Mapping[str, Any]
) -> Any:
    inner, optional = _optional(kind)
    if isinstance(inner, mi.BoolType):
        return _converted(raw, info.type)
    if isinstance(inner, mi.ListType):
        values = _converted(raw, info.type)
        if extra.get("free_text") and any(contains_bsn(value) for value in raw):
            raise _Problem("bsn")
        return values
    if raw == "":
        if optional:
            return None
        if not isinstance(inner, mi.StrType):
            if not info.required:
                return info.default
            raise _Problem("missing")
    if isinstance(inner, mi.DateType):
        parsed = parse_date(raw[:MAX_DATE_CHARS]) if len(raw) <= MAX_DATE_CHARS else None
        if parsed is None:
            raise _Problem("invalid")
        return parsed
    if isinstance(inner, mi.TimeType):
        try:
            if len(raw) <= MAX_DATE_CHARS:
                return dt.time.fromisoformat(raw)
        except ValueError:
            pass
        raise _Problem("invalid")
    if isinstance(inner, mi.IntType):
        number = whole_number(raw)
        if number is None:
            raise _Problem("invalid")
        return _converted(number, info.type)
    value = _converted(raw, info.type)
    if extra.get("free_text") and contains_bsn(raw):
        raise _Problem("bsn")
    if extra.get("name") and link_problem(raw):
        raise _Problem("link")
    if extra.get("email") and raw and email_problem(raw):
        raise _Problem("email")
    return value


def _converted(value: Any, target: Any) -> Any:
    try:
        return msgspec.convert(value, target)
    except msgspec.ValidationError as error:
        raise _problem_with(value, target) from error


def _problem_with(value: Any, target: Any) -> _Problem:
    """Why msgspec refused ``value`` as ``target``, read from the type (not from the
    wording of msgspec's message): too long (with the limit), missing, or invalid."""
    kind = _optional(_unwrapped(mi.type_info(target))[0])[0]
    if isinstance(kind, mi.StrType | mi.ListType) and _longer(value, kind.max_length):
        return _Problem("too_long", kind.max_length)
    if isinstance(kind, mi.ListType) and isinstance(value, list):
        item = _unwrapped(kind.item_type)[0]
        if isinstance(item, mi.StrType) and any(_longer(v, item.max_length) for v in value):
            return _Problem("too_long", item.max_length)
    if value in ("", []):
        return _Problem("missing")  # only a minimum length refuses an empty value here
    return _Problem("invalid")


def _longer(value: Any, limit: int | None) -> bool:
    return limit is not None and isinstance(value, str | list) and len(value) > limit


def _message(
    form_type: type[Form], name: str, problem: _Problem, kind: mi.Type, extra: Mapping[str, Any]
) -> str:
    own = form_type.messages.get(name, Say())
    args = form_type.message_args()
    if problem.kind == "bsn":
        return gettext(BSN_PROBLEM)
    if problem.kind == "link":
        return gettext(LINK_PROBLEM)
    if problem.kind == "missing":
        if own.missing:
            return gettext(own.missing, **args)
        return gettext(EMAIL_MISSING if extra.get("email") else MISSING)
    if problem.kind == "too_long":
        if own.too_long:
            return gettext(own.too_long, **{"max": problem.limit, **args})
        return gettext(TOO_LONG, max=problem.limit)
    if own.invalid:
        return gettext(own.invalid, **args)
    if problem.kind == "email":
        return gettext(EMAIL_INVALID)
    inner = _optional(kind)[0]
    if isinstance(inner, mi.ListType):
        inner = _unwrapped(inner.item_type)[0]
    if isinstance(inner, mi.LiteralType | mi.BoolType):
        return gettext(NOT_A_CHOICE)
    if isinstance(inner, mi.IntType):
        return gettext(NOT_A_NUMBER)
    if isinstance(inner, mi.DateType):
        return gettext(NOT_A_DATE)
    if isinstance(inner, mi.TimeType):
        return gettext(NOT_A_TIME)
    return gettext(NOT_RIGHT)

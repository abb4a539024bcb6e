"""The school pages' forms as types (see ``meedoen.web.forms``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, ClassVar

from msgspec import Meta

from meedoen.i18n import N_
from meedoen.schools.service import MAX_CLASS, MAX_NAME
from meedoen.web.forms import Form, Say

Code = Annotated[str, Meta(max_length=60)]
CLASS_NAME = N_("Vul de naam van de klas in, zoals ‘3B techniek’.")
SIZE = N_("Vul in met hoeveel leerlingen jullie komen: 2 tot en met %(max)s.")
TEACHER = N_("Vul de naam in van de docent die meegaat.")


class ClassVisitForm(Form, kw_only=True):
    """A class signed up for a company visit: its name, how many pupils, the teacher
    who comes along; no pupil is named."""

    class_name: Annotated[str, Meta(min_length=1, max_length=MAX_NAME)]
    size: Annotated[int, Meta(ge=2, le=MAX_CLASS)]
    teacher: Annotated[str, Meta(min_length=1, max_length=MAX_NAME)]
    slot: Code = ""

    messages: ClassVar[dict[str, Say]] = {
        "class_name": Say(missing=CLASS_NAME, too_long=CLASS_NAME),
        "size": Say(missing=SIZE, invalid=SIZE),
        "teacher": Say(missing=TEACHER, too_long=TEACHER),
    }

    @classmethod
    def message_args(cls) -> Mapping[str, object]:
        return {"max": MAX_CLASS}


class AppointmentForm(Form):
    """A member of the school made coördinator (``role``) for some levels, or no longer."""

    account: Code = ""
    role: Code = ""
    levels: list[Code] = []

"""Every route of the meetings domain, for the app assembly."""

from __future__ import annotations

from typing import Any

from meedoen.events.api import MeetingApi
from meedoen.events.routes_organisation import ContactPages, OrganiserPages
from meedoen.events.routes_people import CoachSignUp, ResidentMeetings
from meedoen.events.routes_public import MeetingPages, all_meetings_ics, organisation_ics

route_handlers: list[Any] = [
    MeetingPages,
    all_meetings_ics,
    organisation_ics,
    OrganiserPages,
    ContactPages,
    ResidentMeetings,
    CoachSignUp,
    MeetingApi,
]

"""What domains add to each other, wired once here so no domain imports the one it extends:
the meeting and traject measures on the goals dashboard and the meetings and the talent scan in a resident's export and
deletion, and the parents' yes for meeting sign-ups of residents under 16. Called by the app factory and by ``meedoen worker``."""

from __future__ import annotations

from meedoen.settings import Settings


def register_extensions(settings: Settings) -> None:
    from meedoen.events.privacy import personal_data
    from meedoen.events.statistics import register_meeting_measures
    from meedoen.events.young_visitors import register as register_young_visitors
    from meedoen.residents.personal_data import register
    from meedoen.talentscan.personal_data import personal_data as talent_scan_data
    from meedoen.traject.statistics import register_traject_measures

    register_meeting_measures()
    register_traject_measures()
    register(personal_data(settings.base_url, settings.secret_key))
    register(talent_scan_data())
    register_young_visitors(settings)

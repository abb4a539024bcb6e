from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.events.tables import Contact, Meeting, MeetingSlot, SignUp, Stand

events_app = APP_CONFIG = AppConfig(
    app_name="events",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Meeting, MeetingSlot, SignUp, Stand, Contact],
    migration_dependencies=[
        "meedoen.organisations.piccolo_app",
        "meedoen.opportunities.piccolo_app",
        "meedoen.accounts.piccolo_app",
        "meedoen.residents.piccolo_app",
    ],
)

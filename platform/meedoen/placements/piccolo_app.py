from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.placements.tables import (
    CaseloadLink,
    CoachNote,
    LadderRecord,
    Placement,
    PlacementEvent,
)

placements_app = APP_CONFIG = AppConfig(
    app_name="placements",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[CaseloadLink, LadderRecord, Placement, PlacementEvent, CoachNote],
    migration_dependencies=[
        "meedoen.residents.piccolo_app",
        "meedoen.opportunities.piccolo_app",
        "meedoen.accounts.piccolo_app",
    ],
)

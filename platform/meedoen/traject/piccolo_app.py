from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.traject.tables import Agreement, HoursEntry, PathSetting, Proof

traject_app = APP_CONFIG = AppConfig(
    app_name="traject",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Agreement, PathSetting, HoursEntry, Proof],
    migration_dependencies=[
        "meedoen.residents.piccolo_app",
        "meedoen.accounts.piccolo_app",
        "meedoen.organisations.piccolo_app",
        "meedoen.placements.piccolo_app",
    ],
)

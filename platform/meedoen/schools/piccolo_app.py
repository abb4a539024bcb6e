from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.schools.tables import Coordinator

schools_app = APP_CONFIG = AppConfig(
    app_name="schools",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Coordinator],
    migration_dependencies=[
        "meedoen.organisations.piccolo_app",
        "meedoen.accounts.piccolo_app",
    ],
)

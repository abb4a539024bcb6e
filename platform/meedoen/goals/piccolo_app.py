from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.goals.tables import Goal

goals_app = APP_CONFIG = AppConfig(
    app_name="goals",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Goal],
    migration_dependencies=["meedoen.accounts.piccolo_app", "meedoen.placements.piccolo_app"],
)

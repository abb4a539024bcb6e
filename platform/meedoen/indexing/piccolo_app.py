from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.indexing.tables import OutboxEvent

indexing_app = APP_CONFIG = AppConfig(
    app_name="indexing",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[OutboxEvent],
)

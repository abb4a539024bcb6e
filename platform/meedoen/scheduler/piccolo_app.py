from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.scheduler.tables import ScheduledJob

scheduler_app = APP_CONFIG = AppConfig(
    app_name="scheduler",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[ScheduledJob],
)

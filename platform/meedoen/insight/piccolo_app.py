from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.insight.tables import SearchDemand

insight_app = APP_CONFIG = AppConfig(
    app_name="insight",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[SearchDemand],
)

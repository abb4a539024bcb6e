from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.opportunities.tables import Opportunity

opportunities_app = APP_CONFIG = AppConfig(
    app_name="opportunities",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Opportunity],
    migration_dependencies=["meedoen.organisations.piccolo_app"],
)

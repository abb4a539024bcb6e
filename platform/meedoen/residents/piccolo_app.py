from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.residents.tables import Resident

residents_app = APP_CONFIG = AppConfig(
    app_name="residents",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Resident],
    migration_dependencies=["meedoen.accounts.piccolo_app"],
)

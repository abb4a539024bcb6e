from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.organisations.tables import Invitation, Organisation

organisations_app = APP_CONFIG = AppConfig(
    app_name="organisations",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Organisation, Invitation],
)

from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.talentscan.tables import TalentScan

talentscan_app = APP_CONFIG = AppConfig(
    app_name="talentscan",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[TalentScan],
    migration_dependencies=["meedoen.residents.piccolo_app"],
)

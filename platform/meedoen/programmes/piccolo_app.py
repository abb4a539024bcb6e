from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.programmes.tables import Programme, ProgrammeItem, ProgrammeMember

programmes_app = APP_CONFIG = AppConfig(
    app_name="programmes",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Programme, ProgrammeMember, ProgrammeItem],
    migration_dependencies=["meedoen.organisations.piccolo_app"],
)

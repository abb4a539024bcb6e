from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.alerts.tables import SavedSearch, SentAlertItem

alerts_app = APP_CONFIG = AppConfig(
    app_name="alerts",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[SavedSearch, SentAlertItem],
    migration_dependencies=["meedoen.accounts.piccolo_app"],
)

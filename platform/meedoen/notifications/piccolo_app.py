from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.notifications.tables import Notification, NotificationPreference

notifications_app = APP_CONFIG = AppConfig(
    app_name="notifications",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Notification, NotificationPreference],
    migration_dependencies=["meedoen.accounts.piccolo_app"],
)

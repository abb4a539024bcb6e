from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.mail.tables import MailCount, OutgoingMail

mail_app = APP_CONFIG = AppConfig(
    app_name="mail",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[OutgoingMail, MailCount],
)

from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.audit.tables import AuditEvent

audit_app = APP_CONFIG = AppConfig(
    app_name="audit",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[AuditEvent],
    migration_dependencies=["meedoen.accounts.piccolo_app"],
)

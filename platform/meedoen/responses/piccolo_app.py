from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.responses.tables import GuardianConsent, Proposal, Response, ResponseMessage

responses_app = APP_CONFIG = AppConfig(
    app_name="responses",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Response, ResponseMessage, Proposal, GuardianConsent],
    migration_dependencies=[
        "meedoen.opportunities.piccolo_app",
        "meedoen.residents.piccolo_app",
        "meedoen.accounts.piccolo_app",
    ],
)

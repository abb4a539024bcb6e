from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.accounts.tables import (
    Account,
    AccountLink,
    AccountSession,
    CoachCard,
    Membership,
    SignInFailure,
)

accounts_app = APP_CONFIG = AppConfig(
    app_name="accounts",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Account, Membership, AccountSession, AccountLink, SignInFailure, CoachCard],
    migration_dependencies=["meedoen.organisations.piccolo_app"],
)

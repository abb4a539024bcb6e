from pathlib import Path

from piccolo.conf.apps import AppConfig

from meedoen.view_budget.tables import BudgetAlert, ResidentSighting

view_budget_app = APP_CONFIG = AppConfig(
    app_name="view_budget",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[ResidentSighting, BudgetAlert],
)

"""Where the project's files live, independent of the working directory."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
TEMPLATES_DIR = PROJECT_DIR / "templates"
SEEDS_DIR = PROJECT_DIR / "seeds"
STATIC_DIR = PACKAGE_DIR / "static"
LOCALE_DIR = PACKAGE_DIR / "locale"

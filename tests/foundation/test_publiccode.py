"""publiccode.yml follows the standard (https://yml.publiccode.tools, version 0.4): every
key the standard requires is there, with a value from its lists where it has one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.engine_independent

REQUIRED = (
    "publiccodeYmlVersion", "name", "url", "releaseDate", "platforms", "categories",
    "developmentStatus", "softwareType", "description", "legal", "maintenance", "localisation",
)  # fmt: skip
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
    "standalone/backend", "standalone/other", "addon", "library", "configurationFiles",
}  # fmt: skip
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
# The categories this file uses, from the standard's list.
KNOWN_CATEGORIES = {
    "talent-management", "applicant-tracking", "digital-citizenship", "data-visualization",
    "data-analytics", "event-management", "hr", "online-community", "survey",
}  # fmt: skip


@pytest.fixture(scope="module")
def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_every_required_key_is_there(publiccode):
    missing = [key for key in REQUIRED if key not in publiccode]

    assert not missing, f"publiccode.yml lacks {missing}"
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert re.fullmatch(r"https://\S+", publiccode["url"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", publiccode["releaseDate"])


def test_values_come_from_the_standards_lists(publiccode):
    assert publiccode["developmentStatus"] in DEVELOPMENT_STATUSES
    assert publiccode["softwareType"] in SOFTWARE_TYPES
    assert publiccode["maintenance"]["type"] in MAINTENANCE_TYPES
    assert set(publiccode["categories"]) <= KNOWN_CATEGORIES
    assert publiccode["platforms"] == ["web"]


def test_descriptions_in_dutch_and_english_within_the_standards_lengths(publiccode):
    assert set(publiccode["description"]) >= {"nl", "en"}
    for language, text in publiccode["description"].items():
        assert 1 <= len(text["shortDescription"]) <= 150, language
        assert 150 <= len(text["longDescription"]) <= 10_000, language
        assert text["features"], language
    assert publiccode["localisation"]["localisationReady"] is True
    assert set(publiccode["localisation"]["availableLanguages"]) == {"nl", "en"}


def test_legal_and_maintenance_match_the_project(publiccode):
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    assert f'license = "{publiccode["legal"]["license"]}"' in pyproject
    # Internal or contracted maintenance must name whom to contact.
    contacts = publiccode["maintenance"].get("contacts", [])
    assert contacts and all(contact.get("name") for contact in contacts)

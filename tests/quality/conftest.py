"""The figures of the quality gates, counted while they run, so the README quotes real ones.

At the end of a run that checked anything they are printed and written to
``test-artifacts/quality-figures.json``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import pytest

from support.browser import ARTIFACTS


@dataclass
class Figures:
    axe_pages: int = 0
    axe_violations: int = 0
    html_pages: int = 0
    html_errors: int = 0
    journeys: int = 0
    screenshots: int = 0
    keyboard_stops: int = 0

    def axe(self, violations: list[Any]) -> None:
        self.axe_pages += 1
        self.axe_violations += len(violations)

    def html(self, pages: int, errors: list[Any]) -> None:
        self.html_pages += pages
        self.html_errors += len(errors)

    def journey(self, trip: Any) -> None:
        self.journeys += 1
        self.screenshots += len(trip.shots)

    def summary(self) -> str:
        return (
            f"axe: {self.axe_pages} pages, {self.axe_violations} violations; "
            f"vnu: {self.html_pages} pages, {self.html_errors} errors; "
            f"journeys: {self.journeys} runs, {self.screenshots} screenshots; "
            f"keyboard: {self.keyboard_stops} focus stops"
        )


FIGURES = pytest.StashKey[Figures]()


@pytest.fixture(scope="session")
def figures(request: pytest.FixtureRequest) -> Figures:
    return request.config.stash.setdefault(FIGURES, Figures())


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    figures = config.stash.get(FIGURES, None)
    if figures is None or figures == Figures():
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "quality-figures.json"
    path.write_text(json.dumps(asdict(figures), indent=2) + "\n", encoding="utf-8")
    terminalreporter.write_sep("-", "quality figures")
    terminalreporter.write_line(f"{figures.summary()} (in {path})")

"""Every page is valid HTML according to the Nu Html Checker (vnu), with zero errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from support.pages import page_paths

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.skipif(
    not VNU_JAR.exists() or shutil.which("java") is None,
    reason="the Nu Html Checker needs node_modules/vnu-jar (make install) and Java",
)


def validate(files: list[Path]) -> list[dict]:
    """Run vnu once over all files (Java starts slowly) and return its error messages."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") == "error"]


async def test_every_page_is_valid_html(app, client, corpus, indexed, tmp_path):
    await indexed()
    paths = page_paths(app, {"ref": "opp-0001", "language": "nl"})
    paths += ["/kansen?q=magazijn", "/kansen?q=xyzzyx-niets", "/bestaat-niet"]
    files = []
    for number, path in enumerate(paths):
        response = await client.get(path)
        assert response.status_code < 500, path
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        file = tmp_path / f"page{number}.html"
        file.write_text(response.text, encoding="utf-8")
        files.append((path, file))

    errors = validate([file for _, file in files])

    by_file = {str(file): path for path, file in files}
    assert len(files) >= 5, "the walk found too few pages to mean anything"
    assert not errors, "\n".join(
        f"{by_file.get(e.get('url', '').removeprefix('file:'), e.get('url'))}:"
        f"{e.get('lastLine')}: {e.get('message')}"
        for e in errors
    )


def test_the_checker_does_find_errors(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=nl><title>x</title><p><div></p>")

    assert validate([broken]), "vnu reported nothing for a broken page"

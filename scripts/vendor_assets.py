"""Copy the front-end files the app serves from node_modules/ into static/vendor/.

Run after ``npm ci`` (the Makefile does: ``npm ci && python scripts/vendor_assets.py``).
Standard library only. The output folder is gitignored and rebuilt from scratch each run.

Served afterwards (via ``static('vendor/...')``):
    vendor/htmx.min.js
    vendor/utrecht/component-library.css   NL Design System components (Utrecht)
    vendor/utrecht/design-tokens.css       design tokens, scoped to the .utrecht-theme class
    vendor/fonts/noto-sans.css             @font-face rules for "Noto Sans Variable"
    vendor/fonts/files/*.woff2             the font files those rules point at
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "platform" / "meedoen" / "static" / "vendor"

# source (relative to node_modules) -> destination (relative to static/vendor)
FILES: dict[str, str] = {
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "@utrecht/component-library-css/dist/index.css": "utrecht/component-library.css",
    "@utrecht/design-tokens/dist/theme.css": "utrecht/design-tokens.css",
    "@fontsource-variable/noto-sans/index.css": "fonts/noto-sans.css",
}
FONT_CSS = "@fontsource-variable/noto-sans/index.css"
FONT_DIR = "@fontsource-variable/noto-sans/files"


def fail(message: str) -> None:
    print(f"vendor_assets: {message}", file=sys.stderr)
    raise SystemExit(1)


def main() -> int:
    if not NODE_MODULES.is_dir():
        fail("node_modules/ is missing: run npm ci first.")
    missing = [src for src in FILES if not (NODE_MODULES / src).is_file()]
    if missing:
        fail(f"{', '.join(missing)} not found in node_modules/: run npm ci first.")

    if VENDOR.exists():
        shutil.rmtree(VENDOR)

    for src, dest in FILES.items():
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE_MODULES / src, target)

    # Only the font files that the @font-face CSS refers to (./files/NAME.woff2).
    font_css = (NODE_MODULES / FONT_CSS).read_text(encoding="utf-8")
    font_files = sorted(set(re.findall(r"url\(\./files/([^)]+\.woff2)\)", font_css)))
    (VENDOR / "fonts" / "files").mkdir(parents=True, exist_ok=True)
    for name in font_files:
        source = NODE_MODULES / FONT_DIR / name
        if not source.is_file():
            fail(f"font file {name} not found in node_modules/: run npm ci first.")
        shutil.copyfile(source, VENDOR / "fonts" / "files" / name)

    count = len(FILES) + len(font_files)
    print(f"vendor_assets: copied {count} files to {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Copy the front-end files the app serves from node_modules/ into static/vendor/.

Run after ``npm ci`` (the Makefile does: ``npm ci && python scripts/vendor_assets.py``).
Standard library only. The output folder is gitignored and rebuilt from scratch each run.

Served afterwards (via ``static('vendor/...')``):
    vendor/htmx.min.js
    vendor/utrecht/component-library.css   the NL Design System (Utrecht) components our
                                           templates use: a subset of the bundle, see
                                           scripts/css_subset.py
    vendor/utrecht/design-tokens.css       the design tokens that CSS reads, scoped to the
                                           .utrecht-theme class
    vendor/fonts/noto-sans.css             @font-face rules for "Noto Sans Variable"
    vendor/fonts/files/*.woff2             the font files those rules point at
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from css_subset import component_subset, token_subset

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
STATIC = ROOT / "platform" / "meedoen" / "static"
VENDOR = STATIC / "vendor"
COMPONENTS = "utrecht/component-library.css"
TOKENS = "utrecht/design-tokens.css"

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


def our_files() -> list[Path]:
    """Where our markup and styles name NL Design System classes."""
    package = ROOT / "platform" / "meedoen"
    return sorted(
        [
            *(ROOT / "templates").rglob("*.html"),
            *package.rglob("*.py"),
            *(STATIC / "js").rglob("*.js"),
            *(STATIC / "css").rglob("*.css"),
        ]
    )


def keep_what_we_use() -> None:
    """Cut the component bundle and the tokens down to what our pages can use."""
    ours = [path.read_text(encoding="utf-8") for path in our_files()]
    bundle = (VENDOR / COMPONENTS).read_text(encoding="utf-8")
    components = component_subset(bundle, ours)
    (VENDOR / COMPONENTS).write_text(components, encoding="utf-8")
    own_css = [path.read_text(encoding="utf-8") for path in (STATIC / "css").rglob("*.css")]
    tokens_before = (VENDOR / TOKENS).read_text(encoding="utf-8")
    tokens = token_subset(tokens_before, [components, *own_css])
    (VENDOR / TOKENS).write_text(tokens, encoding="utf-8")
    print(
        f"vendor_assets: NL Design System components {len(bundle) // 1024} KB -> "
        f"{len(components) // 1024} KB, design tokens {len(tokens_before) // 1024} KB -> "
        f"{len(tokens) // 1024} KB (only what our templates use)"
    )


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

    keep_what_we_use()
    count = len(FILES) + len(font_files)
    print(f"vendor_assets: copied {count} files to {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

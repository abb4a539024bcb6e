"""Only the NL Design System CSS our pages use (issue 19): the served component CSS is
the bundle without the rules for components we never use, and nothing that might match
one of our elements is left out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from meedoen.paths import STATIC_DIR

pytestmark = pytest.mark.engine_independent
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import css_subset  # noqa: E402
import vendor_assets  # noqa: E402

BUNDLE = """/** @license EUPL-1.2 */
@charset "UTF-8";
.utrecht-button { color: var(--utrecht-button-color); }
.utrecht-button--primary-action:hover { color: red; }
.utrecht-calendar { display: grid; }
.utrecht-calendar, .utrecht-link { color: blue; }
.utrecht-textbox:not(.utrecht-calendar__input) { border: 1px solid; }
.utrecht-rich-text .utrecht-button { margin: 0; }
:where(.utrecht-root) :focus-visible { outline: 2px solid; }
@media (forced-colors: active) { .utrecht-calendar { color: CanvasText; } .utrecht-link { color: LinkText; } }
@media print { .utrecht-drawer { display: none; } }
@keyframes utrecht-backdrop-fade-in { from { opacity: 0; } }
.utrecht-heading-3 { font-weight: bold; }
.utrecht-alert { content: "}{ .utrecht-calendar"; }
"""
TEMPLATE = """<a class="utrecht-link">x</a><button class="utrecht-button utrecht-button--{{ kind }}">
<input class="utrecht-textbox"><h2 class="utrecht-heading-{{ level }}"><div class="utrecht-alert">"""


def test_rules_of_unused_components_go_and_everything_else_stays_in_order():
    subset = css_subset.component_subset(BUNDLE, [TEMPLATE])

    assert ".utrecht-calendar { display: grid; }" not in subset
    assert "utrecht-drawer" not in subset and "@media print" not in subset
    assert "utrecht-rich-text" not in subset
    expected_in_order = [
        "/** @license EUPL-1.2 */",
        '@charset "UTF-8";',
        ".utrecht-button { color: var(--utrecht-button-color); }",
        ".utrecht-button--primary-action:hover { color: red; }",
        # A list with one used component keeps the whole rule.
        ".utrecht-calendar, .utrecht-link { color: blue; }",
        # A class inside :not() or :where() might match: kept.
        ".utrecht-textbox:not(.utrecht-calendar__input) { border: 1px solid; }",
        ":where(.utrecht-root) :focus-visible { outline: 2px solid; }",
        "@media (forced-colors: active) { .utrecht-link { color: LinkText; } }",
        "@keyframes utrecht-backdrop-fade-in { from { opacity: 0; } }",
        # utrecht-heading-{{ level }} stands for every heading level.
        ".utrecht-heading-3 { font-weight: bold; }",
        # Braces in a string are not the end of a rule.
        '.utrecht-alert { content: "}{ .utrecht-calendar"; }',
    ]
    positions = [subset.find(rule) for rule in expected_in_order]
    assert -1 not in positions, [
        r for r, p in zip(expected_in_order, positions, strict=True) if p < 0
    ]
    assert positions == sorted(positions)


def test_a_custom_property_is_not_a_component():
    names, prefixes = css_subset.mentioned_components(
        [".meedoen-x { color: var(--utrecht-calendar-color); }"]
    )

    assert names == set() and prefixes == set()


def test_only_tokens_that_are_read_stay_with_the_tokens_they_read():
    tokens = """.utrecht-theme {
  --utrecht-color-blue-40: #05c;
  --utrecht-color-red-40: #d00;
  --utrecht-button-color: var(--utrecht-color-blue-40);
  --utrecht-calendar-color: var(--utrecht-color-red-40);
}
"""
    kept = css_subset.token_subset(
        tokens, [".utrecht-button { color: var(--utrecht-button-color); }"]
    )

    assert "--utrecht-button-color" in kept and "--utrecht-color-blue-40" in kept
    assert "--utrecht-calendar-color" not in kept and "--utrecht-color-red-40" not in kept
    assert kept.startswith(".utrecht-theme {") and kept.rstrip().endswith("}")


def test_the_served_css_is_built_from_the_current_templates():
    """Fails when a template uses a component the served CSS lacks: run ``make assets``."""
    bundle_path = vendor_assets.NODE_MODULES / "@utrecht/component-library-css/dist/index.css"
    if not bundle_path.is_file():
        pytest.skip("node_modules/ is missing: run make assets")
    ours = [path.read_text(encoding="utf-8") for path in vendor_assets.our_files()]
    served = (STATIC_DIR / "vendor" / vendor_assets.COMPONENTS).read_text(encoding="utf-8")
    bundle = bundle_path.read_text(encoding="utf-8")

    assert served == css_subset.component_subset(bundle, ours), "run make assets"
    assert len(served) < len(bundle) / 2
    for used in ("utrecht-button", "utrecht-form-field", "utrecht-pagination", "utrecht-alert"):
        assert f".{used}" in served
    assert ".utrecht-calendar" not in served

"""Only the NL Design System CSS the pages use: a subset of the component bundle and tokens.

``@utrecht/component-library-css`` styles about a hundred components (407 KB); the pages
use a few dozen. :func:`component_subset` keeps the bundle's rules in their order, byte
for byte, and leaves out only the rules that cannot match anything here: every selector
of the rule names a component (``.utrecht-<component>``, its ``__element`` or
``--modifier``) that no template, Python module or script of ours mentions. Classes
inside ``:not()``, ``:is()`` and the like do not count, so nothing that might match is
ever dropped. :func:`token_subset` then keeps only the design tokens (custom properties)
that the kept CSS reads, directly or through other tokens.

Standard library only; used by ``scripts/vendor_assets.py`` at install time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A class of ours: ``utrecht-`` not preceded by ``-`` (that would be a custom property).
# The component is the name up to its ``__element`` or ``--modifier``; a name that ends in
# ``-`` (``utrecht-heading-{{ level }}``) stands for every component it begins.
MENTIONED_CLASS = re.compile(r"(?<![-\w])utrecht-([a-z0-9-]+)")
SELECTOR_CLASS = re.compile(r"\.utrecht-([a-z0-9]+(?:-[a-z0-9]+)*?)(?=__|--|[^a-z0-9-]|$)")
CUSTOM_PROPERTY = re.compile(r"(--[A-Za-z0-9_-]+)\s*:")
LICENCE_COMMENT = re.compile(r"/\*(?:(?!\*/).)*@license.*?\*/\n?", re.S)
VAR_REFERENCE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
# At-rules whose block holds rules (recursed into); any other block is kept whole.
GROUPING_AT_RULES = ("@media", "@supports", "@container", "@layer", "@document", "@scope")


@dataclass
class Node:
    """A piece of a style sheet: its exact text, its prelude, and its rules if it groups any."""

    text: str
    prelude: str = ""
    children: list[Node] | None = None


def mentioned_components(sources: Iterable[str]) -> tuple[set[str], set[str]]:
    """Component names our files mention, and name prefixes (from dynamic class names)."""
    names: set[str] = set()
    prefixes: set[str] = set()
    for text in sources:
        for match in MENTIONED_CLASS.finditer(text):
            name = match.group(1).split("--")[0]
            if name.endswith("-"):
                prefixes.add(name)
            elif name:
                names.add(name)
    return names, prefixes


def _skip_comment_or_string(css: str, i: int) -> int:
    """The index after a comment or string starting at ``i``, or ``i`` if there is none."""
    if css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end < 0 else end + 2
    if css[i] in "\"'":
        quote, j = css[i], i + 1
        while j < len(css) and css[j] != quote:
            j += 2 if css[j] == "\\" else 1
        return j + 1
    return i


def parse(css: str) -> list[Node]:
    """Split a style sheet into its top-level statements and rules, keeping every byte."""
    nodes: list[Node] = []
    i = start = 0
    depth = 0
    block_start = -1
    while i < len(css):
        after = _skip_comment_or_string(css, i)
        if after != i:
            i = after
            continue
        char = css[i]
        if char == "{":
            if depth == 0:
                block_start = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                nodes.append(_block(css[start:block_start], css[block_start + 1 : i]))
                start = i + 1
        elif char == ";" and depth == 0:
            nodes.append(Node(text=css[start : i + 1]))
            start = i + 1
        i += 1
    if css[start:]:
        nodes.append(Node(text=css[start:]))
    return nodes


def _block(prelude: str, body: str) -> Node:
    text = f"{prelude}{{{body}}}"
    if _without_comments(prelude).strip().startswith(GROUPING_AT_RULES):
        return Node(text=text, prelude=prelude, children=parse(body))
    return Node(text=text, prelude=prelude)


def _without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def _top_level(selector: str) -> str:
    """The selector without anything in parentheses (``:not(...)``, ``:is(...)``)."""
    out, depth = [], 0
    for char in selector:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _used(component: str, names: set[str], prefixes: set[str]) -> bool:
    return component in names or any(component.startswith(prefix) for prefix in prefixes)


def _may_match(selector: str, names: set[str], prefixes: set[str]) -> bool:
    components = SELECTOR_CLASS.findall(_top_level(selector))
    return all(_used(component, names, prefixes) for component in components)


def _keep(nodes: list[Node], names: set[str], prefixes: set[str]) -> str:
    kept: list[str] = []
    for node in nodes:
        if node.children is not None:
            inner = _keep(node.children, names, prefixes)
            if _without_comments(inner).strip():
                kept.append(f"{node.prelude}{{{inner}}}")
            continue
        selectors = _without_comments(node.prelude)
        if not node.prelude or selectors.lstrip().startswith("@"):
            kept.append(node.text)  # statements, @font-face, @keyframes ...
        elif any(_may_match(s, names, prefixes) for s in _split_selectors(selectors)):
            kept.append(node.text)
        else:  # the licence notices stay
            kept.extend(c for c in LICENCE_COMMENT.findall(node.prelude))
    return "".join(kept)


def component_subset(bundle: str, sources: Iterable[str]) -> str:
    """The bundle without the rules for components none of ``sources`` mentions."""
    names, prefixes = mentioned_components(sources)
    return _keep(parse(bundle), names, prefixes)


def token_subset(tokens: str, style_sheets: Iterable[str]) -> str:
    """The design tokens without the custom properties nothing reads, even indirectly.

    ``tokens`` is Utrecht's ``theme.css``: rules whose bodies only declare custom
    properties, one per line.
    """
    definitions: dict[str, list[str]] = {}
    for line in tokens.splitlines():
        match = CUSTOM_PROPERTY.match(line.strip())
        if match:
            definitions.setdefault(match.group(1), []).extend(VAR_REFERENCE.findall(line))
    wanted: set[str] = set()
    todo = [name for sheet in style_sheets for name in VAR_REFERENCE.findall(sheet)]
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(definitions.get(name, []))
    kept = []
    for line in tokens.splitlines(keepends=True):
        match = CUSTOM_PROPERTY.match(line.strip())
        if match is None or match.group(1) in wanted:
            kept.append(line)
    return "".join(kept)

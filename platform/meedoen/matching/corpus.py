"""Load the demo corpus (seeds/corpus) as profiles, for tests, CLI and demos."""

from __future__ import annotations

import json
from pathlib import Path

from meedoen.matching.profiles import OpportunityProfile, ResidentProfile

# platform/meedoen/matching/corpus.py -> repository root is three parents up.
DEFAULT_CORPUS_DIR = Path(__file__).resolve().parents[3] / "seeds" / "corpus"


def _records(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_residents(corpus_dir: Path = DEFAULT_CORPUS_DIR) -> list[ResidentProfile]:
    """All residents from residents.jsonl."""
    return [ResidentProfile.from_corpus(r) for r in _records(corpus_dir / "residents.jsonl")]


def load_opportunities(corpus_dir: Path = DEFAULT_CORPUS_DIR) -> list[OpportunityProfile]:
    """All opportunities (open and closed) from opportunities.jsonl."""
    return [OpportunityProfile.from_corpus(r) for r in _records(corpus_dir / "opportunities.jsonl")]

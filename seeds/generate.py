"""Generate a synthetic district in the corpus format (seeds/corpus/README.md).

Run: ``python seeds/generate.py OUT_DIR [--residents N] [--opportunities M]
[--organisations O] [--seed S]``; load it with ``meedoen import corpus OUT_DIR``.

Every record is a variation on a corpus record of the same kind (its "archetype"), so
titles, descriptions, skills and summaries stay coherent and Dutch; what varies is
drawn from the corpus distributions: ladder rungs, kinds, wijken (the README's
counts), language levels and visibility. The same seed always gives the same files.
Everything is made up: first names come from the corpus, ids are new.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"

# Counts from the corpus README: (wijk, postcode digits, opportunities, residents).
WIJKEN: tuple[tuple[str, str, int, int], ...] = (
    ("Stadsveld", "7545", 81, 30),
    ("'t Zwering", "7545", 28, 16),
    ("Wijk20", "7545", 6, 8),
    ("Pathmos", "7513", 37, 17),
    ("Boswinkel", "7544", 28, 24),
    ("West Boswinkel", "7544", 15, 12),
    ("Ruwenbos", "7544", 24, 21),
    ("Boekelo", "7548", 22, 11),
    ("Usselo", "7548", 19, 8),
    ("Twekkelo", "7547", 22, 3),
    ("Havengebied Twentekanaal", "7547", 55, 0),
    ("Bedrijventerrein Westerval", "7547", 49, 0),
    ("Bedrijvenpark Zuiderval", "7547", 14, 0),
)
BUSINESS_PARKS = {
    "Havengebied Twentekanaal",
    "Bedrijventerrein Westerval",
    "Bedrijvenpark Zuiderval",
}
KIND_COUNTS = {
    "vrijwilligerswerk": 110,
    "stage": 90,
    "leerwerkplek": 40,
    "betaald_werk": 110,
    "dagbesteding": 50,
}
RUNG_COUNTS = {1: 3, 2: 5, 3: 17, 4: 46, 5: 32, 6: 47}
# Not in the corpus (it does not say what residents chose); a guess for a live district.
VISIBILITY_SHARES = {"private": 0.4, "coach": 0.3, "findable": 0.3}
CLOSED_SHARE = 0.05
EXTRA_SKILL_SHARE = 0.2
SWAP_SKILL_SHARE = 0.3


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@dataclass(frozen=True)
class Corpus:
    organisations: list[dict[str, Any]]
    opportunities: list[dict[str, Any]]
    residents: list[dict[str, Any]]

    @classmethod
    def load(cls, directory: Path = CORPUS_DIR) -> Corpus:
        return cls(
            read_jsonl(directory / "organisations.jsonl"),
            read_jsonl(directory / "opportunities.jsonl"),
            read_jsonl(directory / "residents.jsonl"),
        )

    def skills(self) -> list[str]:
        found = {s for r in (*self.opportunities, *self.residents) for s in r["skills"]}
        return sorted(found)


class District:
    """Draws records; ``random.Random(seed)`` makes it deterministic."""

    def __init__(self, corpus: Corpus, seed: int) -> None:
        self.corpus = corpus
        self.rng = random.Random(seed)
        self.skills = corpus.skills()
        self.related = _related_skills()
        self.names = sorted({r["first_name"] for r in corpus.residents})
        self.by_rung: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for resident in corpus.residents:
            self.by_rung[int(resident["ladder_rung"])].append(resident)
        self.by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for opportunity in corpus.opportunities:
            self.by_kind[opportunity["kind"]].append(opportunity)
        self.template_of_org = {o["id"]: n for n, o in enumerate(corpus.organisations)}

    def pick(self, weights: dict[Any, float]) -> Any:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def postcode(self, digits: str) -> str:
        letters = "".join(self.rng.choices(string.ascii_uppercase[:20], k=2))
        return f"{digits} {letters}"

    def wijk(self, for_residents: bool, business: bool | None = None) -> tuple[str, str]:
        column = 3 if for_residents else 2
        rows = [
            w
            for w in WIJKEN
            if w[column] and (business is None or (w[0] in BUSINESS_PARKS) == business)
        ]
        row = self.rng.choices(rows, weights=[w[column] for w in rows])[0]
        return row[0], self.postcode(row[1])

    def organisations(self, count: int) -> Iterator[dict[str, Any]]:
        templates = self.corpus.organisations
        for n in range(count):
            template = templates[n % len(templates)]
            copy = n // len(templates)
            wijk, postcode = (
                (template["wijk"], template["postcode"]) if copy == 0 else self.wijk(False)
            )
            name = template["name"] if copy == 0 else f"{template['name']} {wijk}"
            yield {
                **template,
                "id": f"org-{n + 1:05d}",
                "name": name,
                "wijk": wijk,
                "postcode": postcode,
                "website": None if copy else template.get("website"),
            }

    def opportunities(
        self, count: int, organisations: Sequence[dict[str, Any]]
    ) -> Iterator[dict[str, Any]]:
        by_template: dict[int, list[str]] = defaultdict(list)
        for n, organisation in enumerate(organisations):
            by_template[n % len(self.corpus.organisations)].append(organisation["id"])
        start = date(2026, 1, 1)
        for n in range(count):
            archetype = self.rng.choice(self.by_kind[self.pick(KIND_COUNTS)])
            template = self.template_of_org.get(archetype["organisation_id"], 0)
            owners = by_template.get(template) or [o["id"] for o in organisations]
            business = archetype["wijk"] in BUSINESS_PARKS
            keep_place = self.rng.random() < 0.5
            wijk, postcode = (
                (archetype["wijk"], archetype["postcode"])
                if keep_place
                else self.wijk(False, business)
            )
            low, high = archetype["hours_per_week_min"], archetype["hours_per_week_max"]
            shift = self.rng.choice((0, 0, -2, 2, 4)) if low >= 4 else 0
            yield {
                **archetype,
                "id": f"opp-{n + 1:06d}",
                "organisation_id": self.rng.choice(owners),
                "wijk": wijk,
                "postcode": postcode,
                "skills": self.vary_skills(archetype["skills"]),
                "hours_per_week_min": max(0, low + shift),
                "hours_per_week_max": max(0, low + shift, high + shift),
                "start": (start + timedelta(days=self.rng.randrange(700))).isoformat(),
                "status": "gesloten" if self.rng.random() < CLOSED_SHARE else "open",
            }

    def residents(self, count: int) -> Iterator[dict[str, Any]]:
        for n in range(count):
            archetype = self.rng.choice(self.by_rung[self.pick(RUNG_COUNTS)])
            wijk, _ = self.wijk(True)
            hours = archetype.get("hours_per_week")
            yield {
                **archetype,
                "id": f"res-{n + 1:06d}",
                "first_name": self.rng.choice(self.names),
                "wijk": wijk,
                "birth_year": archetype["birth_year"] + self.rng.randint(-3, 3),
                "skills": self.vary_skills(archetype["skills"]),
                "hours_per_week": None
                if hours is None
                else max(2, hours + self.rng.choice((0, 0, -4, 4))),
                "visibility": self.pick(VISIBILITY_SHARES),
            }

    def vary_skills(self, skills: Sequence[str]) -> list[str]:
        varied = list(skills)
        if varied and self.rng.random() < SWAP_SKILL_SHARE:
            index = self.rng.randrange(len(varied))
            options = sorted(self.related.get(varied[index], ()))
            if options:
                varied[index] = self.rng.choice(options)
        if self.rng.random() < EXTRA_SKILL_SHARE:
            varied.append(self.rng.choice(self.skills))
        return list(dict.fromkeys(varied))


def _related_skills() -> dict[str, set[str]]:
    """Related skills from the matching vocabulary, so a swapped skill stays plausible."""
    path = Path(__file__).resolve().parents[1] / "platform/meedoen/matching/vocabulary.json"
    groups = json.loads(path.read_text(encoding="utf-8"))["related_skill_groups"]
    related: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for skill in group["skills"]:
            related[skill] |= set(group["skills"]) - {skill}
    return related


def write_jsonl(path: Path, records: Iterator[dict[str, Any]] | Sequence[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def generate_district(
    out_dir: Path,
    residents: int = 1000,
    opportunities: int = 500,
    organisations: int = 60,
    seed: int = 2026,
    corpus_dir: Path = CORPUS_DIR,
) -> dict[str, int]:
    """Write organisations.jsonl, opportunities.jsonl and residents.jsonl into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    district = District(Corpus.load(corpus_dir), seed)
    orgs = list(district.organisations(max(1, organisations)))
    return {
        "organisations": write_jsonl(out_dir / "organisations.jsonl", orgs),
        "opportunities": write_jsonl(
            out_dir / "opportunities.jsonl", district.opportunities(opportunities, orgs)
        ),
        "residents": write_jsonl(out_dir / "residents.jsonl", district.residents(residents)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--opportunities", type=int, default=500)
    parser.add_argument("--organisations", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    counts = generate_district(
        args.out_dir, args.residents, args.opportunities, args.organisations, args.seed
    )
    print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How well overlaps are found, measured on a labelled set of real text.

The documents are the seed agreements' action plan measures and Kuopio's action groups, as
the curated data files hold them, plus a few Swedish and English project descriptions; the
queries are project ideas written as paraphrases of one document each, and ideas that
paraphrase nothing (``data/labelled_overlaps.yaml``). Recall counts the paraphrased documents
found at or above the threshold. Precision counts the matches found that are right: the
paraphrased document or, for Kuopio, its measure's action group or an action group's measure
(one subject, so finding it is no false alarm).

The threshold is chosen on half of the queries (every other one) and judged on the other half,
so that the figures reported are not the ones it was fitted to.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from .index import SimilarityIndex

DATA = Path(__file__).resolve().parent.parent / "data" / "labelled_overlaps.yaml"
AGREEMENTS = Path(__file__).resolve().parents[2] / "agreements" / "data"
SEEDS = ("kuopio", "helsinki-espoo-vantaa")
THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 20)]


@dataclass(frozen=True)
class Query:
    text: str
    source: str | None  # the document it paraphrases
    right: frozenset[str]  # the documents it may rightly find


@dataclass(frozen=True)
class Score:
    threshold: float
    found: int  # matches at or above the threshold
    right: int  # of which right
    sources: int  # queries that paraphrase a document
    recalled: int  # of which the document was found

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.sources if self.sources else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class Evaluation:
    documents: int
    queries: int
    chosen: Score  # on the held-out half, at the threshold chosen on the other half
    overall: Score  # on every query, at the same threshold
    curve: list[Score]  # every threshold, on every query


def labelled_set() -> tuple[dict[str, str], list[Query]]:
    """The documents by id, and the queries with the documents each should find."""
    documents: dict[str, str] = {}
    same_subject: dict[str, set[str]] = {}
    for slug in SEEDS:
        data = yaml.safe_load((AGREEMENTS / f"{slug}.yaml").read_text(encoding="utf-8"))
        for area in data["focus_areas"]:
            for group in area.get("action_groups") or []:
                key = f"{slug}:group:{group['number']}"
                documents[key] = f"{group['name']}. {group['core_description']}"
        for position, item in enumerate(data["action_plan"]["items"], start=1):
            key = f"{slug}:item:{position}"
            documents[key] = item["measure"]
            if item.get("action_group"):
                group = f"{slug}:group:{item['action_group']}"
                same_subject.setdefault(key, set()).add(group)
                same_subject.setdefault(group, set()).add(key)
    labelled = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for document in labelled["documents"]:
        documents[document["id"]] = document["text"]
    queries = []
    for query in labelled["queries"]:
        source = query["source"]
        if source is not None and source not in documents:
            raise ValueError(f"Unknown source document {source!r}")
        right = {source, *same_subject.get(source, ())} if source else set()
        queries.append(Query(query["text"], source, frozenset(right)))
    return documents, queries


def _score(index: SimilarityIndex, vectors, queries: list[Query], threshold: float) -> Score:
    found = right = sources = recalled = 0
    for row, query in enumerate(queries):
        matches = index.closest(vectors[row], limit=len(index), floor=threshold - 1e-9)
        keys = {match.key for match in matches}
        found += len(keys)
        right += len(keys & query.right)
        if query.source:
            sources += 1
            recalled += query.source in keys
    return Score(threshold, found, right, sources, recalled)


def evaluate(thresholds: list[float] = THRESHOLDS) -> Evaluation:
    """Precision and recall of the labelled set, at the threshold that best serves the half
    of the queries it was chosen on."""
    documents, queries = labelled_set()
    index = SimilarityIndex.build(documents.items())
    vectors = index.vectors([query.text for query in queries])
    fit, held_out = list(range(0, len(queries), 2)), list(range(1, len(queries), 2))

    def on(rows: list[int], threshold: float) -> Score:
        return _score(index, vectors[rows], [queries[row] for row in rows], threshold)

    # The best F1 on the fitting half; of equals, the higher threshold (fewer false alarms).
    best = max(thresholds, key=lambda t: (round(on(fit, t).f1, 6), t))
    return Evaluation(
        documents=len(documents),
        queries=len(queries),
        chosen=on(held_out, best),
        overall=on(list(range(len(queries))), best),
        curve=[on(list(range(len(queries))), t) for t in thresholds],
    )

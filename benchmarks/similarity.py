"""Benchmark of finding similar and overlapping projects, on a fresh embedded SQLite database.

Generates 100,000 projects over the sixteen agreements (20,000 of them Kuopio's; a tenth of the
others from 2014–2020) whose names are real EURA project names and whose summaries are built
from real Finnish text: clauses of the two seed agreements and EURA project names, three to
six each; one project in fifty is a near copy of an earlier one, so that there are overlaps to
find. Every project gets its history record, as the import gives it.
Then it times, and prints:

- building the index of all 100,000 projects from the database (the lemmatiser's dictionary
  load shown apart);
- the ten closest projects for a new text, through the same function the pages call, for the
  labelled set's 71 queries (median and 95th percentile), against comparing the text with
  every project one by one;
- the pair search among Kuopio's 20,000 projects, against multiplying every vector with every
  other and against comparing every pair one by one (timed on 1,000 projects and scaled by
  the number of pairs, as all 200 million would take hours);
- the overlap report of that portfolio as its page makes it (pairs found, grouped, the
  closest 500 explained), within the portfolio and against all 100,000 projects.

Run with ``make benchmark-similarity``; ``PROJECTS=20000`` makes it smaller.
"""

import csv
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

from fresh_database import fresh_database

SOURCES = Path(__file__).resolve().parent.parent / "src" / "ekosopimus"
SEED_TEXTS = sorted((SOURCES / "agreements" / "tests" / "sources").glob("*.txt"))
EURA_LIST = SOURCES / "portfolio" / "tests" / "data" / "eura2014_projects_2016.csv"
PAIR_PROJECTS = 20_000  # Kuopio's portfolio
NAIVE_PAIR_PROJECTS = 1_000
NAIVE_QUERIES = 5


def fragments() -> tuple[list[str], list[str]]:
    """Clauses of the seed agreements, and the real project names of the EURA 2014 list."""
    text = " ".join(path.read_text(encoding="utf-8") for path in SEED_TEXTS)
    text = re.sub(r"\s+", " ", text.replace("-\n", ""))
    clauses = [
        clause.strip()
        for clause in re.split(r"[.;:,]\s+|\s+ja\s+|\s+sekä\s+", text)
        if len(clause.split()) >= 3
    ]
    with EURA_LIST.open(encoding="utf-8") as stream:
        names = [row["Hankkeen nimi"] for row in csv.DictReader(stream)]
    return clauses, names


def generate(total: int) -> None:
    from simple_history.utils import bulk_create_with_history

    from ekosopimus.agreements.models import Agreement
    from ekosopimus.portfolio.models import Project

    clauses, names = fragments()
    pool = clauses + names
    rng = random.Random(2021)
    agreements = list(Agreement.objects.order_by("slug"))
    kuopio = next(a for a in agreements if a.slug == "kuopio")
    others = [a for a in agreements if a.slug != "kuopio"]
    kuopio_share = min(PAIR_PROJECTS, total // 5)
    texts: list[tuple[str, str]] = []
    batch = []
    for n in range(total):
        if texts and rng.random() < 0.02:
            name, summary = texts[rng.randrange(len(texts))]
            summary = f"{summary} {rng.choice(pool)}."
        else:
            name = rng.choice(names)
            summary = ". ".join(rng.sample(pool, rng.randint(3, 6))) + "."
        texts.append((name, summary))
        batch.append(
            Project(
                agreement=kuopio if n < kuopio_share else others[n % len(others)],
                code=f"B{n:06d}",
                name=name[:500],
                summary=summary,
                status=rng.choice(["idea", "preparation", "ongoing", "granted", "closed"]),
                programme_period="2014-2020" if n >= kuopio_share and n % 10 == 9 else "2021-2027",
            )
        )
        if len(batch) == 5000:
            bulk_create_with_history(batch, Project)
            batch = []
    bulk_create_with_history(batch, Project)


def seconds(started: float) -> float:
    return time.perf_counter() - started


def naive_vectors(index) -> list[dict]:
    """Each text's weights as a dictionary: what comparing texts one by one works with."""
    matrix = index.matrix
    return [
        dict(
            zip(
                matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tolist(),
                matrix.data[matrix.indptr[row] : matrix.indptr[row + 1]].tolist(),
                strict=True,
            )
        )
        for row in range(matrix.shape[0])
    ]


def naive_dot(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def main() -> None:
    total = int(os.environ.get("PROJECTS", "100000"))
    fresh_database()
    from django.db import connection

    from ekosopimus.agreements.models import Agreement
    from ekosopimus.analysis.overlaps import overlap_report
    from ekosopimus.analysis.similar import OVERLAP_THRESHOLD, Draft, similar_projects
    from ekosopimus.analysis.similarity import corpus
    from ekosopimus.analysis.similarity.index import SimilarityIndex
    from ekosopimus.analysis.similarity.quality import labelled_set
    from ekosopimus.analysis.similarity.text import lemma
    from ekosopimus.portfolio.models import Project

    started = time.perf_counter()
    generate(total)
    print(
        f"database: {connection.vendor}; {total:,} projects in "
        f"{Agreement.objects.count()} agreements, generated in {seconds(started):.0f} s"
    )
    print(f"threshold of a likely overlap: {OVERLAP_THRESHOLD:.2f}")

    started = time.perf_counter()
    lemma("kehittäminen", "fi")
    dictionary = seconds(started)
    started = time.perf_counter()
    index = corpus.index_build()
    build = seconds(started)
    print(
        f"index of {len(index):,} projects: built in {build:.1f} s from the database "
        f"(+ {dictionary:.1f} s loading the Finnish dictionary); {index.matrix.nnz:,} weights, "
        f"{len(index.term_names):,} terms"
    )
    from django.core.files.storage import default_storage

    from ekosopimus.analysis.similarity.snapshot import snapshot_stamps

    [stamp] = snapshot_stamps()[:1]
    corpus.index_forget()  # a process that has just started
    started = time.perf_counter()
    loaded = corpus.index_current()
    print(
        f"a new process loads the saved index ({default_storage.size(stamp.name) / 1e6:.1f} MB, "
        f"{len(loaded):,} projects) in {seconds(started):.1f} s instead of building it"
    )

    _documents, queries = labelled_set()
    kuopio = Agreement.objects.get(slug="kuopio")
    similar_projects(draft=Draft(text=queries[0].text, agreement=kuopio), user=None)  # warm
    times, raw = [], []
    for query in queries:
        started = time.perf_counter()
        similar_projects(draft=Draft(text=query.text, agreement=kuopio), user=None, limit=10)
        times.append(seconds(started) * 1000)
        started = time.perf_counter()
        index.closest(index.vectors([query.text]), limit=10)
        raw.append(seconds(started) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"top-10 similar for a new text ({len(queries)} texts): "
        f"median {statistics.median(times):.1f} ms, "
        f"95th percentile {p95:.1f} ms, slowest {times[-1]:.1f} ms "
        f"(the index search alone: median {statistics.median(raw):.1f} ms)"
    )
    vectors = naive_vectors(index)
    started = time.perf_counter()
    for query in queries[:NAIVE_QUERIES]:
        wanted = naive_vectors(SimilarityIndex(index.vectorizer, [0], index.vectors([query.text])))[
            0
        ]
        scores = [naive_dot(wanted, vector) for vector in vectors]
        sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:10]
    naive_query = seconds(started) * 1000 / NAIVE_QUERIES
    print(
        f"  naive, comparing with every project one by one: {naive_query:.0f} ms a text; "
        f"the index search is {naive_query / statistics.median(raw):.0f}× faster"
    )

    own = list(Project.objects.filter(agreement=kuopio).order_by("pk").values_list("pk", flat=True))
    pair_index = index.subset(own)
    started = time.perf_counter()
    pairs = pair_index.pairs(threshold=OVERLAP_THRESHOLD)
    pair_time = seconds(started)
    print(
        f"pair search among Kuopio's {len(pair_index):,} projects: {len(pairs):,} pairs at or "
        f"above {OVERLAP_THRESHOLD:.2f} in {pair_time:.1f} s"
    )
    started = time.perf_counter()
    found = 0
    for start in range(0, len(pair_index), 2000):
        product = (pair_index.matrix[start : start + 2000] @ pair_index.by_term).tocoo()
        keep = (product.data >= OVERLAP_THRESHOLD) & (product.row + start < product.col)
        found += int(keep.sum())
    full = seconds(started)
    print(
        f"  every vector multiplied with every other: {found:,} pairs in {full:.1f} s; "
        f"the pair search is {full / pair_time:.1f}× faster"
    )
    sample = naive_vectors(pair_index)[:NAIVE_PAIR_PROJECTS]
    started = time.perf_counter()
    naive_found = sum(
        1
        for i in range(len(sample))
        for j in range(i + 1, len(sample))
        if naive_dot(sample[i], sample[j]) >= OVERLAP_THRESHOLD
    )
    naive_sample = seconds(started)
    n = len(pair_index)
    scale = (n * (n - 1)) / (len(sample) * (len(sample) - 1))
    print(
        f"  naive, every pair one by one: {naive_sample:.1f} s for {len(sample):,} projects "
        f"({naive_found:,} pairs); for {n:,} about {naive_sample * scale / 60:.0f} min, "
        f"{naive_sample * scale / pair_time:.0f}× the pair search"
    )
    for label, only_within in (("within the portfolio", True), ("against all projects", False)):
        started = time.perf_counter()
        report = overlap_report(agreement=kuopio, user=None, only_within=only_within)
        print(
            f"overlap report of Kuopio's {report.compared:,} projects, {label}: "
            f"{report.total_pairs:,} pairs, the closest {report.pair_count} in "
            f"{len(report.clusters)} groups, {seconds(started):.1f} s"
        )


if __name__ == "__main__":
    sys.exit(main())

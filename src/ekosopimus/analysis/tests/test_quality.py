from ekosopimus.analysis.similar import OVERLAP_THRESHOLD
from ekosopimus.analysis.similarity.quality import evaluate, labelled_set


def test_the_labelled_set_names_only_documents_it_holds():
    documents, queries = labelled_set()
    assert len(documents) == 56 and len(queries) == 71
    assert all(query.source in documents for query in queries if query.source)
    assert sum(1 for query in queries if query.source is None) == 15


def test_overlaps_are_found_with_the_precision_and_recall_the_readme_states():
    evaluation = evaluate()
    # The threshold the app uses is the one the labelled set chooses.
    assert evaluation.chosen.threshold == OVERLAP_THRESHOLD
    held_out = evaluation.chosen
    assert held_out.precision >= 0.90 and held_out.recall >= 0.96
    assert evaluation.overall.precision >= 0.93 and evaluation.overall.recall >= 0.98

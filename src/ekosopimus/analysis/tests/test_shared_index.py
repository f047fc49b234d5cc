"""The similarity index is built once and shared: a new process loads the saved copy and
follows the history from it, and never uses a copy of another database."""

from django.core.files.storage import default_storage

from ekosopimus.analysis.similarity import corpus
from ekosopimus.analysis.similarity.index import SimilarityIndex
from ekosopimus.analysis.similarity.snapshot import snapshot_stamps
from ekosopimus.portfolio.services import project_create, project_update


def test_a_new_process_loads_the_saved_index_and_follows_the_changes_since(
    portfolio, kuopio, kuopio_user, monkeypatch
):
    built = corpus.index_build()
    assert len(snapshot_stamps()) == 1
    corpus.index_forget()  # as a process that has just started

    def refuse(*args, **kwargs):
        raise AssertionError("the index was built, not loaded")

    monkeypatch.setattr(SimilarityIndex, "build", refuse)
    project_create(agreement=kuopio, name="Vetytalouden pilottilaitos", by=kuopio_user)
    index = corpus.index_current()
    assert len(index) == len(built) + 1
    vector = index.vectors(["vetytalouden pilottilaitos"])
    assert index.closest(vector, limit=1)


def test_a_copy_saved_from_another_database_is_not_used(portfolio, kuopio, kuopio_user):
    corpus.index_build()
    [stamp] = snapshot_stamps()
    # The same history id at another moment: a database restored from elsewhere.
    other = stamp.__class__(stamp.history_id, stamp.micros + 1)
    default_storage.save(other.name, default_storage.open(stamp.name))
    default_storage.delete(stamp.name)
    corpus.index_forget()
    project = project_create(agreement=kuopio, name="Vesihuollon digitalisaatio", by=kuopio_user)
    index = corpus.index_current()
    assert project.pk in index.rows  # built from this database, not continued from the copy
    assert corpus._last_change() in snapshot_stamps()  # and saved for the other processes


def test_a_large_change_is_left_to_a_worker_and_the_page_answers_with_the_index_it_has(
    portfolio, kuopio, kuopio_user, monkeypatch, settings
):
    corpus.index_build()
    corpus.index_forget()
    asked = []
    monkeypatch.setattr(corpus, "BUILT_HERE_AT_MOST", 0)
    monkeypatch.setattr(corpus, "_ask_for_rebuild", lambda: asked.append(True))
    before = len(corpus.index_current())
    for number in range(before + 1):
        project = project_create(agreement=kuopio, name=f"Uusi hanke {number}", by=kuopio_user)
    project_update(project=project, summary="Muutettu.", by=kuopio_user)
    assert len(corpus.index_current()) == before  # as it was, until the worker's copy
    assert asked == [True]

"""Two coordinators publish revisions of one agreement at the same moment: one is published,
the other is told why not, and nothing of it is stored."""

import threading

import pytest
import yaml
from django.db import connections

from ekosopimus.agreements.models import AgreementDraft
from ekosopimus.agreements.services.revisions import RevisionError

from .conftest import kuopio_data, record


@pytest.mark.django_db(transaction=True)
def test_of_two_revisions_published_at_once_one_is_refused_with_a_reason(kuopio, kuopio_user):
    from ekosopimus.revisions.services import revision_draft_create, revision_publish

    content = yaml.safe_dump(kuopio_data(), allow_unicode=True, sort_keys=False).encode()
    drafts = [
        revision_draft_create(agreement=kuopio, content=content, filename=f"{n}.yaml", by=None)
        for n in range(2)
    ]
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def publish(draft):
        try:
            start.wait()
            outcomes.append(
                revision_publish(draft=draft, record=record(), expected_version=1, by=kuopio_user)
            )
        except RevisionError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    refused = [o for o in outcomes if isinstance(o, RevisionError)]
    assert len(outcomes) == 2 and len(refused) == 1
    assert "julkaistiin tämän tarkistuksen käsittelyn aikana" in str(refused[0])
    assert kuopio.versions.count() == 2
    statuses = sorted(AgreementDraft.objects.values_list("status", flat=True))
    assert statuses == ["draft", "published"]

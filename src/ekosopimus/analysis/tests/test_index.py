import random
import re

import pytest

from ekosopimus.analysis.similarity.index import SimilarityIndex
from ekosopimus.analysis.similarity.quality import AGREEMENTS

TEXTS = {
    1: "Terveysdatan laadun parantaminen ja tutkimusaineistojen hyödyntäminen",
    2: "Vesihuollon digitalisaatio ja älykkäät vesihuollon ratkaisut Savilahdessa",
    3: "Kansainvälisten osaajien houkuttelu pääkaupunkiseudun ekosysteemeihin",
    4: "Koulutusteknologian yritysten liiketoimintaosaaminen ja vienti",
}


@pytest.fixture(scope="module")
def index():
    return SimilarityIndex.build(TEXTS.items())


def test_the_closest_text_to_a_paraphrase_comes_first(index):
    found = index.closest(index.vectors(["Älykkäitä ratkaisuja vesihuoltoon"]), limit=3)
    assert found[0].key == 2
    assert found[0].score > 0.3
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_a_text_with_nothing_in_common_matches_nothing(index):
    assert index.closest(index.vectors(["Poronhoito Ylä-Lapissa"]), limit=3) == []


def test_an_excluded_key_is_never_its_own_match(index):
    vector = index.vector_of(1)
    assert index.closest(vector, limit=1)[0].key == 1
    assert all(m.key != 1 for m in index.closest(vector, limit=4, exclude=[1]))


def test_it_names_the_shared_whole_words_not_their_parts(index):
    terms = index.shared_terms(index.vectors(["Vesihuollon ratkaisut"]), 2)
    assert set(terms) == {"vesihuolto", "ratkaisu"}


def test_a_replaced_text_is_found_by_its_new_words_and_a_removed_one_not_at_all(index):
    changed = index.replaced({3: "Vesihuollon kansainvälinen vienti"}, removed=[2])
    found = {m.key for m in changed.closest(changed.vectors(["vesihuolto"]), limit=4)}
    assert found == {3}
    assert len(changed) == 3


def test_an_empty_index_answers_with_nothing():
    empty = SimilarityIndex.build([])
    assert empty.closest(empty.vectors(["vesi"]), limit=5) == []
    assert empty.pairs(threshold=0.4) == []


def _fragments() -> list[str]:
    text = (AGREEMENTS.parent / "tests" / "sources" / "kuopio.txt").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", text.replace("-\n", ""))
    return [c.strip() for c in re.split(r"[.;:,]\s+|\s+ja\s+", text) if len(c.split()) >= 3]


def test_the_pair_search_finds_exactly_what_multiplying_every_pair_finds():
    rng = random.Random(3)
    fragments = _fragments()
    texts = {}
    for key in range(600):
        if key and rng.random() < 0.1:  # a near copy of an earlier text
            texts[key] = texts[rng.randrange(key)] + " " + rng.choice(fragments)
        else:
            texts[key] = " ".join(rng.sample(fragments, rng.randint(2, 5)))
    index = SimilarityIndex.build(texts.items())
    for threshold in (0.3, 0.5, 0.8):
        product = (index.matrix @ index.matrix.T).tocoo()
        expected = {
            (min(a, b), max(a, b))
            for a, b, value in zip(product.row, product.col, product.data, strict=True)
            if a != b and value >= threshold
        }
        found = {(min(a, b), max(a, b)) for a, b, _score in index.pairs(threshold=threshold)}
        assert expected and found == expected
        chosen = set(range(0, 600, 7))
        some = {
            (min(a, b), max(a, b)) for a, b, _s in index.pairs(threshold=threshold, keys=chosen)
        }
        assert some == {pair for pair in expected if set(pair) & chosen}

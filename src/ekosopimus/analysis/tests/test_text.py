import os

from ekosopimus.analysis.similarity import text
from ekosopimus.analysis.similarity.text import language_of, lemmas, terms, words


def test_it_compares_finnish_words_by_their_base_form():
    assert lemmas("ravitsemuksen") == lemmas("ravitsemusta") == ["ravitsemus"]
    assert lemmas("Yritysten kasvua") == lemmas("yritys kasvu")


def test_it_leaves_out_function_words_numbers_and_single_letters():
    assert lemmas("Hanke ja sen 2021 tavoitteet sekä myös X") == ["hanke", "tavoite"]


def test_it_keeps_words_that_carry_a_letter_among_digits():
    assert "5g" in words("5G-testiverkko valmistuu 2024")
    assert "2024" not in words("5G-testiverkko valmistuu 2024")


def test_it_tells_swedish_and_english_apart_from_finnish():
    assert language_of(words("Personlig näring för äldre och hemvården")) == "sv"
    assert language_of(words("Commercialisation support for companies and the region")) == "en"
    assert language_of(words("Terveysdata ja tekoäly kotihoidossa")) == "fi"
    assert language_of(words("Savilahti")) == "fi"  # no function word: Finnish


def test_it_lemmatises_swedish_and_english_in_their_own_language():
    assert "företag" in lemmas("Stöd för företagens tillväxt och export")
    assert "company" in lemmas("Support for companies that grow")


def test_long_words_are_compared_by_their_parts_too():
    found = terms("pilotointiympäristöjen")
    assert found[0] == "pilotointiympäristö"
    assert "#pilot" in found and "#ympär" in found
    assert all(term.startswith("#") for term in found[1:])
    assert terms("vesi") == ["vesi"]  # short words stay whole


def test_a_worker_forked_while_the_dictionaries_load_can_still_load_them():
    # A server may fork its workers while the background load holds the lock.
    with text._loading:
        child = os.fork()
        if child == 0:
            os._exit(0 if text._loading.acquire(timeout=5) else 1)
    _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0

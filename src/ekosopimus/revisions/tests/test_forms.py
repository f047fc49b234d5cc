"""A termination notice's form refuses a termination that takes effect before the notice."""

from django.utils import translation

from ekosopimus.revisions.forms import TerminationForm


def test_a_termination_before_its_notice_is_a_field_error():
    with translation.override("fi"):
        form = TerminationForm(
            {
                "party": "Kuopion kaupunki",
                "given_on": "1.6.2025",
                "effective_on": "31.5.2025",
                "reason": "Sopimus päättyy.",
            }
        )
        assert not form.is_valid()
        assert form.errors["effective_on"] == [
            "Purkaminen ei voi tulla voimaan ennen purkamisilmoitusta."
        ]


def test_a_termination_on_the_day_of_its_notice_is_accepted():
    form = TerminationForm(
        {"party": "Kuopio", "given_on": "2025-06-01", "effective_on": "2025-06-01", "reason": "x"}
    )
    assert form.is_valid(), form.errors

"""Rewording a claim keeps what was extracted: original text and offsets stay, the change is an event."""

import pytest
from django.core.exceptions import ValidationError

from claims.tests.factories import ClaimFactory
from factcheck.errors import RoleForbidden, StateConflict
from reviews.services import claim_edit

pytestmark = pytest.mark.django_db


def test_rewording_keeps_the_extracted_text_and_offsets(reviewer):
    claim = ClaimFactory(text="Crime rose 20%.", start=10, end=25)

    claim_edit(
        claim=claim,
        actor=reviewer,
        text="Crime rose by 20 percent in 2023.",
        claimant="The mayor",
        claimant_url="https://city.example.org/mayor",
        tags=["Crime", "crime", " city "],
    )

    claim.refresh_from_db()
    assert claim.text == "Crime rose by 20 percent in 2023."
    assert (claim.original_text, claim.start, claim.end) == ("Crime rose 20%.", 10, 25)
    assert (claim.claimant, claim.tags) == ("The mayor", ["crime", "city"])
    assert claim.events.get(action="edit").note == (
        "Changed the wording, the claimant, the claimant's address and the tags."
    )


def test_empty_wording_and_non_http_claimant_urls_are_refused(reviewer):
    claim = ClaimFactory(text="Crime rose 20%.")

    with pytest.raises(ValidationError) as refusal:
        claim_edit(claim=claim, actor=reviewer, text="  ", claimant_url="javascript:alert(1)")

    assert set(refusal.value.message_dict) == {"text", "claimant_url"}
    claim.refresh_from_db()
    assert claim.text == "Crime rose 20%."
    assert not claim.events.exists()


def test_a_published_claim_is_not_reworded(reviewer):
    claim = ClaimFactory(status="published")

    with pytest.raises(StateConflict):
        claim_edit(claim=claim, actor=reviewer, text="Something else.")


def test_integrators_cannot_edit_claims(integrator):
    claim = ClaimFactory()

    with pytest.raises(RoleForbidden):
        claim_edit(claim=claim, actor=integrator, text="Something else.")

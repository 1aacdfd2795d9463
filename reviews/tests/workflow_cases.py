"""Claims set up in any workflow state, and the outcome the transition table predicts for an action.

Shared by the table-driven tests that go through the services and through the admin.
"""

from dataclasses import dataclass

from claims.models import Article, Claim
from claims.tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from claims.text import content_hash
from factcheck.errors import RoleForbidden, StateConflict
from reviews.models import Verdict
from reviews.tests.factories import VerdictFactory
from reviews.workflow import TRANSITIONS, Action, State

# Actions the tables exercise. CORRECT has its own tests (corrections of published verdicts); CREATE
# is no transition (claims made from the article's text: reviews/tests/test_claim_from_text.py); and
# COMMENT has its own tests (test_comments.py), leaving no timeline entry to check here; MATCH and REUSE
# act on a suggested match (reviews/tests/test_matches.py).
NOT_IN_TABLE = (Action.CORRECT, Action.CREATE, Action.COMMENT, Action.MATCH, Action.REUSE)
TABLE_ACTIONS = [action for action in Action if action not in NOT_IN_TABLE]
ROLES = ["reviewer", "editor", "integrator"]
STATES = list(State)
# Verdict steps on a published claim belong to a correction, which the CORRECT row governs.
VERDICT_STEPS = {Action.SUBMIT, Action.APPROVE, Action.REQUEST_CHANGES}

BODY = "The budget grew by 40 percent last year. Unemployment fell to 3 percent in May. Prices rose."


@dataclass
class Case:
    claim: Claim
    other: Claim  # the next claim of the same article (for merges), in the same state
    verdict: Verdict | None


def expected_outcome(action: Action, role: str, state: str):
    """The claim's state after the action, or the exception class the table says refuses it."""
    transition = TRANSITIONS[action]
    if action in VERDICT_STEPS and state == State.PUBLISHED:
        transition = TRANSITIONS[Action.CORRECT]
    if role not in transition.roles:
        return RoleForbidden
    if state not in transition.sources:
        return StateConflict
    if action in VERDICT_STEPS and state == State.PUBLISHED:
        return State.PUBLISHED
    return transition.target or state


def make_case(*, action: Action, state: str, actor, colleague) -> Case:
    """A claim in `state`, arranged so that `action` by `actor` can only fail because of the table.

    `colleague` is another desk member: the current assignee, and the author of verdicts the actor
    is to decide on (four eyes).
    """
    article = ArticleFactory(body=BODY, content_hash=content_hash(BODY + str(Article.objects.count())))
    first = BODY.index("Unemployment") - 1
    claim = ClaimFactory(
        article=article, text=BODY[:first], original_text=BODY[:first], start=0, end=first, position=0, status=state
    )
    second_start = first + 1
    second_end = BODY.index("Prices") - 1
    other = ClaimFactory(
        article=article,
        text=BODY[second_start:second_end],
        original_text=BODY[second_start:second_end],
        start=second_start,
        end=second_end,
        position=1,
        status=state,
    )
    if state == State.IN_REVIEW:
        for item in (claim, other):
            item.assignee = colleague
            item.save(update_fields=["assignee"])
    if state == State.DISMISSED:
        for item in (claim, other):
            item.dismiss_reason = Claim.DismissReason.OPINION
            item.save(update_fields=["dismiss_reason"])

    verdict = None
    source = SourceFactory(claim=claim)
    if state == State.PUBLISHED:
        VerdictFactory(claim=claim, version=1, author=colleague, status=Verdict.Status.APPROVED, editor=actor)
    version = 2 if state == State.PUBLISHED else 1
    note = "Corrects the year." if state == State.PUBLISHED else ""
    if action == Action.SUBMIT:
        verdict = VerdictFactory(
            claim=claim, version=version, author=actor, status=Verdict.Status.DRAFT, correction_note=note
        )
        verdict.sources.add(source)
    elif action in (Action.APPROVE, Action.REQUEST_CHANGES):
        verdict = VerdictFactory(
            claim=claim, version=version, author=colleague, status=Verdict.Status.SUBMITTED, correction_note=note
        )
        verdict.sources.add(source)
    return Case(claim=claim, other=other, verdict=verdict)

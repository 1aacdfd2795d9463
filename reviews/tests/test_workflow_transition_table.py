"""Every (role, state, action) through the services: allowed exactly where the transition table says."""

import pytest
from django.contrib.auth import get_user_model

from claims.models import Claim
from factcheck.tests.factories import UserFactory
from reviews import services
from reviews.models import WorkflowEvent
from reviews.services import claim_edit, claim_merge, claim_split
from reviews.tests.workflow_cases import ROLES, STATES, TABLE_ACTIONS, expected_outcome, make_case
from reviews.workflow import Action, allowed_actions


def _call(action, case, actor):
    claim, verdict = case.claim, case.verdict
    if action == Action.ASSIGN:
        return services.claim_assign(claim=claim, actor=actor, assignee=actor)
    if action == Action.UNASSIGN:
        return services.claim_assign(claim=claim, actor=actor, assignee=None)
    if action == Action.EDIT:
        return claim_edit(claim=claim, actor=actor, text="The budget grew by 41 percent last year.")
    if action == Action.SPLIT:
        return claim_split(claim=claim, actor=actor, at=10)
    if action == Action.MERGE:
        return claim_merge(claims=[claim, case.other], actor=actor)
    if action == Action.DISMISS:
        return services.claim_dismiss(claim=claim, actor=actor, reason="opinion")
    if action == Action.REOPEN:
        return services.claim_reopen(claim=claim, actor=actor)
    if action == Action.SUBMIT:
        return services.verdict_submit(verdict=verdict, actor=actor)
    if action == Action.APPROVE:
        return services.verdict_approve(verdict=verdict, actor=actor)
    if action == Action.REQUEST_CHANGES:
        return services.verdict_request_changes(verdict=verdict, actor=actor, note="Cite the budget law.")
    if action == Action.SCHEDULE:
        return services.claim_schedule(claim=claim, actor=actor, priority=Claim.Priority.URGENT)
    raise AssertionError(action)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", TABLE_ACTIONS)
def test_service_allows_exactly_what_the_transition_table_says(action, role, state):
    # given
    actor = UserFactory(username=f"actor-{role}", role=role)
    colleague = UserFactory(username="colleague", role="editor")
    case = make_case(action=action, state=state, actor=actor, colleague=colleague)
    expected = expected_outcome(action, role, state)
    events_before = WorkflowEvent.objects.filter(claim=case.claim).count()

    # when / then
    if isinstance(expected, type):
        with pytest.raises(expected):
            _call(action, case, actor)
        case.claim.refresh_from_db()
        assert case.claim.status == state
        assert WorkflowEvent.objects.filter(claim=case.claim).count() == events_before
    else:
        _call(action, case, actor)
        case.claim.refresh_from_db()
        assert case.claim.status == expected
        event = WorkflowEvent.objects.filter(claim=case.claim).latest("id")
        assert event.actor == actor
        assert (event.from_state, event.to_state) == (state, expected)


@pytest.mark.django_db
def test_the_table_names_a_rule_for_every_role_and_state():
    # A role that is neither reviewer nor editor holds no workflow action anywhere.
    integrator = UserFactory(username="ivy", role="integrator")
    outsider = get_user_model().objects.create_user(username="nobody", password="x-" * 8)

    for state in STATES:
        assert allowed_actions(state=state, user=integrator) == set()
        assert allowed_actions(state=state, user=outsider) == set()

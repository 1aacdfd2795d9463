"""Every (role, state, action) through the admin: the page does what the table allows and refuses the rest."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from factcheck.tests.factories import UserFactory
from reviews.models import WorkflowEvent
from reviews.tests.workflow_cases import STATES, TABLE_ACTIONS, expected_outcome, make_case
from reviews.workflow import Action

STEP_FOR_ACTION = {
    Action.ASSIGN: ("assign_me", {}),
    Action.UNASSIGN: ("unassign", {}),
    Action.EDIT: ("edit", {"text": "The budget grew by 41 percent last year.", "claimant": "", "claimant_url": ""}),
    Action.SPLIT: ("split", {"at": "10"}),
    Action.DISMISS: ("dismiss", {"reason": "opinion", "note": ""}),
    Action.REOPEN: ("reopen", {"note": ""}),
    Action.SUBMIT: ("verdict_submit", {}),
    Action.APPROVE: ("verdict_approve", {}),
    Action.REQUEST_CHANGES: ("verdict_request_changes", {"note": "Cite the budget law."}),
    Action.SCHEDULE: ("schedule", {"due_at": "", "priority": "2"}),
}


def _post(client, action, case):
    if action == Action.MERGE:
        return client.post(
            reverse("admin:claims_claim_changelist"),
            {"action": "merge", "_selected_action": [case.claim.pk, case.other.pk]},
            follow=True,
        )
    step, data = STEP_FOR_ACTION[action]
    if case.verdict is not None:
        data = {**data, "verdict": case.verdict.pk}
    return client.post(reverse("admin:claims_claim_step", args=[case.claim.pk, step]), data, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ["reviewer", "editor"])
@pytest.mark.parametrize("action", TABLE_ACTIONS)
def test_admin_allows_exactly_what_the_transition_table_says(client, action, role, state):
    # given
    actor = UserFactory(username=f"actor-{role}", role=role)
    colleague = UserFactory(username="colleague", role="editor")
    case = make_case(action=action, state=state, actor=actor, colleague=colleague)
    expected = expected_outcome(action, role, state)
    events_before = WorkflowEvent.objects.filter(claim=case.claim).count()
    client.force_login(actor)

    # when
    response = _post(client, action, case)

    # then
    assert response.status_code == 200
    levels = [message.level_tag for message in get_messages(response.wsgi_request)]
    case.claim.refresh_from_db()
    if isinstance(expected, type):
        assert levels == ["error"]
        assert case.claim.status == state
        assert WorkflowEvent.objects.filter(claim=case.claim).count() == events_before
    else:
        assert levels == ["success"]
        assert case.claim.status == expected
        assert WorkflowEvent.objects.filter(claim=case.claim, actor=actor).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["assign_me", "dismiss", "verdict_approve"])
def test_integrator_cannot_reach_any_admin_step(client, integrator, step):
    case = make_case(action=Action.APPROVE, state="awaiting_approval", actor=integrator, colleague=integrator)
    client.force_login(integrator)

    response = client.post(
        reverse("admin:claims_claim_step", args=[case.claim.pk, step]),
        {"verdict": case.verdict.pk, "reason": "opinion"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    case.claim.refresh_from_db()
    assert case.claim.status == "awaiting_approval"

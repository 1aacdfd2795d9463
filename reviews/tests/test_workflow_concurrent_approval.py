"""Two editors approving one verdict at the same moment: exactly one approval, one event, one publish."""

import threading

import pytest
from django.db import connection

from factcheck.errors import StateConflict
from factcheck.tests.factories import UserFactory
from reviews import services
from reviews.models import Verdict, WorkflowEvent
from reviews.tests.wf_helpers import submitted_verdict


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_editors_approving_at_once_yields_exactly_one_approval():
    author = UserFactory(username="rita", role="reviewer")
    editors = [UserFactory(username="edna", role="editor"), UserFactory(username="eli", role="editor")]
    claim, verdict = submitted_verdict(reviewer=author)
    start = threading.Barrier(len(editors))
    outcomes = {}

    def approve(editor):
        try:
            start.wait(timeout=10)
            services.verdict_approve(verdict=Verdict.objects.get(pk=verdict.pk), actor=editor)
            outcomes[editor.username] = "approved"
        except StateConflict:
            outcomes[editor.username] = "conflict"
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(editor,)) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["approved", "conflict"]
    verdict.refresh_from_db()
    winner = next(name for name, outcome in outcomes.items() if outcome == "approved")
    assert verdict.status == Verdict.Status.APPROVED
    assert verdict.editor.username == winner
    assert WorkflowEvent.objects.filter(claim=claim, action="approve").count() == 1

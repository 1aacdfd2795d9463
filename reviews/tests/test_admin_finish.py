"""The small things that read as unfinished: cut words, scores, recent actions, raw codes in the log."""

import pytest
from django.urls import reverse

from claims.tests.factories import ArticleFactory, ClaimFactory
from factcheck.words import join_words, shorten
from reviews import services

pytestmark = pytest.mark.django_db


def test_shortened_text_ends_at_a_whole_word():
    text = "The minister said unemployment fell by half since the pandemic began."

    assert shorten(text, 40) == "The minister said unemployment fell by…"
    assert shorten(text, 200) == text
    assert shorten("Antidisestablishmentarianism", 10) == "Antidises…"
    assert (
        join_words(["the summary", "the explanation", "the rating"]) == "the summary, the explanation and the rating"
    )


def test_scores_read_the_same_on_the_article_page_and_the_claim_list(client, editor):
    article = ArticleFactory()
    ClaimFactory(article=article, checkworthiness=1.0, text="A fully check-worthy claim.")
    client.force_login(editor)

    article_page = client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    claim_list = client.get(reverse("admin:claims_claim_changelist")).content.decode()

    assert '<td class="field-checkworthiness_display">1.00</td>' in claim_list
    assert "<p>1.00</p>" in article_page
    assert ">1.0<" not in article_page


def test_recent_actions_are_the_users_own_steps_from_the_timelines(client, editor, reviewer):
    mine = ClaimFactory(text="Claim the editor assigned.")
    services.claim_assign(claim=mine, actor=editor, assignee=reviewer)
    services.claim_assign(claim=ClaimFactory(text="Claim the reviewer took."), actor=reviewer, assignee=reviewer)
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()
    sidebar = html.split('id="recent-actions-module"', 1)[1]

    assert "Claim the editor assigned." in sidebar
    assert "edna assigned the claim" in sidebar
    assert "Claim the reviewer took." not in sidebar
    assert "None available" not in sidebar


def test_the_workflow_log_names_steps_and_states_in_words(client, editor, reviewer):
    services.claim_assign(claim=ClaimFactory(), actor=editor, assignee=reviewer)
    client.force_login(editor)

    html = client.get(reverse("admin:reviews_workflowevent_changelist")).content.decode()
    rows = html.split('id="result_list"', 1)[1].split("</table>", 1)[0]

    assert "edna assigned the claim" in rows
    assert "New → In review" in rows
    assert "in_review" not in rows
    assert "?to_state=in_review" in html  # the filter's value, shown by its label
    assert ">In review</a>" in html

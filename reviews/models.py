from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from factcheck.words import shorten


class Rating(models.Model):
    """One label of the desk's rating scale; `value` is None for off-scale labels."""

    label = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    value = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Position on the scale (higher is truer); empty for off-scale labels."
    )
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.label


class Verdict(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="verdicts")
    version = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts_written")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    summary = models.CharField(max_length=300)
    explanation = models.TextField(blank=True, help_text="Markdown; shown through reviews.markdown.")
    sources = models.ManyToManyField("claims.Source", blank=True, related_name="verdicts")
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.DRAFT)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_decided",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    correction_note = models.TextField(blank=True, help_text="Public note saying what this version corrects.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["claim_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "version"], name="verdict_claim_version_unique"),
            models.UniqueConstraint(
                fields=["claim"], condition=Q(status="approved"), name="verdict_one_approved_per_claim"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="verdict_status_submitted_idx"),
            models.Index(fields=["status", "decided_at"], name="verdict_status_decided_idx"),
        ]

    def __str__(self):
        return f"{self.claim_id} v{self.version}: {shorten(self.summary, 60)}"

    @property
    def explanation_html(self):
        """The explanation as every page shows it: Markdown rendered, then sanitised."""
        from .markdown import render_explanation

        return render_explanation(self.explanation)


class WorkflowEvent(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=32)
    to_state = models.CharField(max_length=32)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    # The timeline is written once per step, but a merge moves entries to the surviving claim.
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_id", "at", "id"]
        indexes = [models.Index(fields=["claim", "at"], name="event_claim_at_idx")]

    def __str__(self):
        return f"{self.action}: {self.from_state} -> {self.to_state}"


class Notification(models.Model):
    """One thing a person is told about, once: written by the notify task after the event committed.

    `event` names what happened ("event:12" for a timeline entry, "comment:7", "match:3:9"); the
    unique (event, recipient) pair is what makes a redelivered task write and mail nothing twice.
    """

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", "A claim is assigned to me"
        CHANGES_REQUESTED = "changes_requested", "Changes are requested on my verdict"
        VERDICT_PUBLISHED = "verdict_published", "My verdict is approved and published"
        CLAIM_MATCHED = "claim_matched", "A claim I worked on is matched by a new article"
        CORRECTION_PUBLISHED = "correction_published", "A correction is published on a claim I worked on"
        MENTIONED = "mentioned", "Someone mentions me in a comment"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    event = models.CharField(max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claim = models.ForeignKey("claims.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    verdict = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    in_app = models.BooleanField(default=True, help_text="Shown in the inbox (else sent by e-mail only).")
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "recipient"], name="notification_event_recipient_unique"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox_idx"),
            # The bell's count on every admin page: only unread in-app rows are in it.
            models.Index(
                fields=["recipient"],
                name="notification_unread_idx",
                condition=Q(read_at__isnull=True, in_app=True),
            ),
        ]

    def __str__(self):
        return self.text


class PendingNotification(models.Model):
    """An event to tell people about, written in the step's own transaction: the notifications' outbox.

    The notify task deletes it once delivered; the sweep queues again what a broker outage or a lost
    message left behind, so a step that committed is always told. One the sweep has queued
    FACTCHECK_NOTIFY_MAX_SWEEPS times can never be delivered (its task fails every time): it stays
    here, logged, and is not queued again.
    """

    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    sweeps = models.PositiveIntegerField(default=0, help_text="Times the sweep queued it again.")

    class Meta:
        indexes = [models.Index(fields=["queued_at"], name="pending_notice_queued_idx")]

    def __str__(self):
        return f"{self.payload.get('event', '')} ({self.created_at:%Y-%m-%d %H:%M})"


class NotificationPreference(models.Model):
    """How one person wants to hear about one kind of notification; no row means the kind's default."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Notification.Kind.choices)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_user_kind_unique"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: in-app {self.in_app}, e-mail {self.email}"


class Comment(models.Model):
    """The desk's internal thread on a claim: never on the public site, never in the integrators' API.

    An editor's request for changes is posted here too (kind `changes_requested`, naming the verdict).
    """

    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="comments")
    verdict = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField()
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="comment_claim_created_idx")]

    def __str__(self):
        return f"{self.claim_id}: {shorten(self.body, 60)}"

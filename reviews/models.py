from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


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
    explanation = models.TextField(blank=True, help_text="Sanitised HTML.")
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
        return f"{self.claim_id} v{self.version}: {self.summary[:60]}"


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

import uuid

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

    class Meta:
        ordering = ["claim_id", "at", "id"]
        indexes = [models.Index(fields=["claim", "at"], name="event_claim_at_idx")]

    def __str__(self):
        return f"{self.action}: {self.from_state} -> {self.to_state}"


class ApiToken(models.Model):
    """An API key; only its SHA-256 is stored, the key itself is shown once at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"


class WebhookSubscription(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=128, editable=False)
    events = models.JSONField(default=list, help_text="Event names this subscription receives.")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_status_next_idx")]

    def __str__(self):
        return f"{self.event} -> {self.subscription_id} ({self.status})"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery_id", "at", "id"]

    def __str__(self):
        return f"{self.delivery_id} at {self.at:%Y-%m-%d %H:%M:%S}: {self.status_code or self.error[:40]}"

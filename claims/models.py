from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from factcheck.words import shorten


class Article(models.Model):
    class SegmentationStatus(models.TextChoices):
        FETCHING = "fetching", "Fetching"
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        DUPLICATE = "duplicate", "Duplicate"  # fetched, and found to be an article already stored

    title = models.CharField(max_length=500)
    body = models.TextField(help_text="Normalised plain text; claim offsets point into it.")
    url = models.URLField(max_length=2000, null=True, blank=True)  # noqa: DJ001 (NULL keeps "no URL" out of the unique constraint)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    # What the text reads as at segmentation (py3langid), beside the language it was given with.
    detected_language = models.CharField(max_length=16, blank=True, editable=False)
    # NULL while the article is being fetched: its text is not known yet.
    content_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001

    # Fetched from `url` (by URL or from a feed): the page's own canonical URL, the page as fetched in
    # `versions`, and why the last fetch failed. A re-fetch whose text changed makes a new version.
    canonical_url = models.URLField(max_length=2000, null=True, blank=True, editable=False)  # noqa: DJ001
    fetched_at = models.DateTimeField(null=True, blank=True, editable=False)
    fetch_error = models.TextField(blank=True, editable=False)
    fetch_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    segmentation_status = models.CharField(
        max_length=16, choices=SegmentationStatus.choices, default=SegmentationStatus.PENDING
    )
    segmentation_error = models.TextField(blank=True)
    segmentation_started_at = models.DateTimeField(null=True, blank=True)
    segmentation_heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last renewal of the running segmentation's lease (claims/lease.py)."
    )
    segmented_at = models.DateTimeField(null=True, blank=True)
    segmentation_ms = models.PositiveIntegerField(null=True, blank=True)
    segmentation_attempts = models.PositiveSmallIntegerField(default=0)
    segmenter_version = models.CharField(max_length=32, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The lease is renewed every few seconds by an update() that writes no history anyway.
    history = HistoricalRecords(excluded_fields=["body", "segmentation_heartbeat_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=Q(url__isnull=False), name="article_url_unique"),
            models.UniqueConstraint(
                fields=["canonical_url"], condition=Q(canonical_url__isnull=False), name="article_canonical_url_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["segmentation_status", "updated_at"], name="article_status_updated_idx"),
            models.Index(fields=["-created_at", "-id"], name="article_created_idx"),
            # The claim list's publisher filter reads the distinct publishers from this index alone.
            models.Index(fields=["publisher"], name="article_publisher_idx"),
            # Serves claims.selectors.article_title_search (the desk's claim search reads titles too).
            GinIndex(SearchVector("title", config="english"), name="article_title_search_idx"),
        ]

    def __str__(self):
        return self.title


class ArticleVersion(models.Model):
    """One text of an article, with the page it was extracted from when it was fetched.

    The highest number is the article's current body; older ones keep the text earlier claims'
    offsets pointed into. The HTML is stored as fetched, zlib-compressed, and shown only sandboxed.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions", db_index=False)
    number = models.PositiveIntegerField()
    body = models.TextField()
    content_hash = models.CharField(max_length=64)
    url = models.URLField(max_length=2000, blank=True, help_text="Where the page came from, after redirects.")
    html_zlib = models.BinaryField(null=True, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True)
    charset = models.CharField(max_length=40, blank=True, help_text="How the page's bytes were read.")
    fetch_ms = models.PositiveIntegerField(null=True, blank=True)
    extract_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="articleversion_article_number_unique"),
        ]

    def __str__(self):
        return f"{self.article_id} v{self.number}"


class Feed(models.Model):
    """An RSS or Atom feed polled for new articles; its entries come in through the by-URL path."""

    class Status(models.TextChoices):
        NEW = "new", "Not polled yet"
        OK = "ok", "OK"
        NOT_MODIFIED = "not_modified", "Not modified"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=2000, unique=True)
    name = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200, blank=True, help_text="Given to its articles; else the page's.")
    is_active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=30)

    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_new_entries = models.PositiveIntegerField(default=0, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["next_poll_at"], name="feed_due_idx", condition=Q(is_active=True)),
        ]

    def __str__(self):
        return self.name


class FeedEntry(models.Model):
    """An entry seen in a feed, once per link: the same story in two feeds comes in once."""

    url = models.URLField(max_length=2000, unique=True)
    feed = models.ForeignKey(Feed, null=True, on_delete=models.SET_NULL, related_name="entries")
    guid = models.CharField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField(blank=True, help_text="Why the entry did not become an article.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "feed entries"

    def __str__(self):
        return self.title or self.url


class Claim(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        DISMISSED = "dismissed", "Dismissed"
        IN_REVIEW = "in_review", "In review"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        PUBLISHED = "published", "Published"
        # Confirmed the same as a published claim: another appearance of that fact-check (`fact_check`).
        REUSED = "reused", "Already fact-checked"

    class ClaimType(models.TextChoices):
        QUANTITY = "quantity", "Quantity"
        CAUSATION = "causation", "Causation"
        LAW_OR_RULE = "law_or_rule", "Law or rule"
        PREDICTION = "prediction", "Prediction"
        PERSONAL_EXPERIENCE = "personal_experience", "Personal experience"
        OTHER = "other", "Other"
        NOT_A_CLAIM = "not_a_claim", "Not a claim"

    class Priority(models.IntegerChoices):
        NORMAL = 0, "Normal"
        HIGH = 1, "High"
        URGENT = 2, "Urgent"

    class DismissReason(models.TextChoices):
        NOT_CHECKWORTHY = "not_checkworthy", "Not check-worthy"
        OPINION = "opinion", "Opinion"
        DUPLICATE = "duplicate", "Duplicate"
        NOT_A_CLAIM = "not_a_claim", "Not a claim"
        FURNITURE = "furniture", "Page furniture"

    # No index of its own: claim_article_position_unique (article, position) serves every lookup by
    # article, and each index on this table is paid again for every claim the segmenter writes.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims", db_index=False)
    text = models.TextField(help_text="The claim as reviewers word it.")
    original_text = models.TextField(editable=False, help_text="The claim as extracted from the article.")
    start = models.PositiveIntegerField(help_text="Offset of the first character in the article body.")
    end = models.PositiveIntegerField(help_text="Offset after the last character in the article body.")
    position = models.PositiveIntegerField(help_text="Order of the claim within its article.")
    checkworthiness = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    claim_type = models.CharField(max_length=32, choices=ClaimType.choices, default=ClaimType.OTHER)
    segmenter_version = models.CharField(max_length=32, blank=True)
    # The segment's kind (sentence, headline, ... or the furniture kind a reviewer promoted).
    kind = models.CharField(max_length=16, default="sentence", blank=True)

    status = models.CharField(max_length=32, choices=Status.choices, default=Status.NEW)
    dismiss_reason = models.CharField(max_length=32, choices=DismissReason.choices, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        db_index=False,  # claim_assigned_status_idx (assignee, status) serves lookups by assignee
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    claimant = models.CharField(max_length=200, blank=True, help_text="Who made the claim: a person or organisation.")
    claimant_url = models.URLField(max_length=2000, blank=True)
    tags = models.JSONField(default=list, blank=True, help_text="Topic tags.")
    # A column default too: rows written by COPY or an older process get "normal" from the database.
    priority = models.PositiveSmallIntegerField(
        choices=Priority.choices, default=Priority.NORMAL, db_default=Priority.NORMAL
    )
    due_at = models.DateTimeField(null=True, blank=True, help_text="When the desk should have decided it.")
    # Claims confirmed the same share a group: the id of the group's first claim (claims.matches).
    match_group = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # A reused claim's answer: the published claim whose verdict it reads (status REUSED).
    fact_check = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        db_index=False,  # claim_fact_check_idx: only reused claims point anywhere
        on_delete=models.PROTECT,
        related_name="appearances",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        db_index=False,  # claim_created_by_idx: only the claims a person made (the segmenter's have none)
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_offsets_ordered"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0.0) & Q(checkworthiness__lte=1.0),
                name="claim_checkworthiness_range",
            ),
            models.UniqueConstraint(fields=["article", "position"], name="claim_article_position_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "-checkworthiness", "id"], name="claim_status_cw_idx"),
            # Assigned claims only: a new claim has no assignee, so the segmenter's writes skip this
            # index, and "unassigned" matches most of the table, which no index would narrow.
            models.Index(
                fields=["assignee", "status"], name="claim_assigned_status_idx", condition=Q(assignee__isnull=False)
            ),
            models.Index(fields=["-updated_at", "-id"], name="claim_updated_idx"),
            # The API's other orderings over all claims (ties broken by id, as StableOrderingFilter
            # does), and a minimum check-worthiness that few claims reach.
            models.Index(fields=["-checkworthiness", "-id"], name="claim_cw_idx"),
            models.Index(fields=["-created_at", "-id"], name="claim_created_idx"),
            models.Index(fields=["position", "id"], name="claim_position_idx"),
            # Serves claims.selectors.claim_search: the expression must stay identical to the one it filters on.
            # fastupdate off on the claims' GIN indexes: every search reads the whole pending list of rows
            # inserted since the last VACUUM, and matching searches for every new claim (0016).
            GinIndex(SearchVector("text", config="english"), name="claim_text_search_idx", fastupdate=False),
            # Deadlines and priorities are set by people on few claims: the segmenter's rows skip both.
            models.Index(fields=["due_at", "id"], name="claim_due_idx", condition=Q(due_at__isnull=False)),
            models.Index(fields=["-priority", "due_at", "id"], name="claim_priority_idx", condition=Q(priority__gt=0)),
            # What deleting a user sets to NULL; claims from the segmenter have no creator.
            models.Index(fields=["created_by"], name="claim_created_by_idx", condition=Q(created_by__isnull=False)),
            # Matching (claims.matches): groups and reuse are set by people on few claims; "checked before"
            # searches only the published claims, a small part of the table, through their own indexes.
            models.Index(fields=["match_group"], name="claim_match_group_idx", condition=Q(match_group__isnull=False)),
            models.Index(fields=["fact_check"], name="claim_fact_check_idx", condition=Q(fact_check__isnull=False)),
            GinIndex(
                SearchVector("text", config="english"),
                name="claim_published_search_idx",
                condition=Q(status="published"),
                fastupdate=False,
            ),
            GinIndex(
                OpClass("text", name="gin_trgm_ops"),
                name="claim_published_trgm_idx",
                condition=Q(status="published"),
                fastupdate=False,
            ),
        ]

    def __str__(self):
        return shorten(self.text, 80)


class ClaimMatch(models.Model):
    """A claim suggested as the same as an earlier one (``claim`` is the newer), and what the desk decided.

    Written by the matcher (claims.matches.claim_match) as ``suggested``; a reviewer confirms or rejects
    it (reviews.services.matches). A decided pair is never suggested again, in either direction.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Same claim"
        REJECTED = "rejected", "Not the same"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches", db_index=False)
    candidate = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matched_by")
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    matcher_version = models.CharField(max_length=32)
    checked = models.BooleanField(default=False, help_text="The candidate was a published fact-check when matched.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_id", "-checked", "-score", "id"]
        constraints = [
            # Also serves every lookup by claim (no index of its own).
            models.UniqueConstraint(fields=["claim", "candidate"], name="claimmatch_pair_unique"),
            models.CheckConstraint(condition=~Q(claim=F("candidate")), name="claimmatch_not_itself"),
            models.CheckConstraint(condition=Q(score__gte=0.0) & Q(score__lte=1.0), name="claimmatch_score_range"),
        ]
        indexes = [
            # The week's most repeated claims read recent matches only.
            models.Index(fields=["created_at"], name="claimmatch_created_idx"),
        ]

    def __str__(self):
        return f"{self.claim_id} ~ {self.candidate_id} ({self.status})"


class TermStatistics(models.Model):
    """How many published claims have each of the matcher's terms: how rare a word is on this desk.

    Re-scoring weighs shared words by rarity; the candidates a database search found for one claim all
    share its rare words, so counting over them alone makes those words look common. Counted again by
    ``claims.matches.refresh_term_statistics`` (a periodic task, and ``manage.py refresh_term_statistics``);
    only the newest row of the current matcher version is read.
    """

    matcher_version = models.CharField(max_length=32)
    published_claims = models.PositiveIntegerField()
    tokens = models.JSONField(default=dict, help_text="Published claims having each normalised token.")
    words = models.JSONField(default=dict, help_text="Published claims having each word as written.")
    counted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "term statistics"
        get_latest_by = "counted_at"

    def __str__(self):
        return f"{self.published_claims} published claims, {self.counted_at:%Y-%m-%d %H:%M}"


class ArticleFragment(models.Model):
    """A piece of page furniture (caption, credit, byline, ...) the segmenter kept out of claims.

    Rewritten by every segmentation run, never over a claim; the article page marks these and a
    reviewer can promote one to a claim (reviews.services.claim_promote_fragment).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="fragments", db_index=False)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=16)
    text = models.TextField()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="articlefragment_offsets_ordered"),
            models.UniqueConstraint(fields=["article", "start"], name="articlefragment_article_start_unique"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.text[:60]}"


class Source(models.Model):
    class SourceType(models.TextChoices):
        PRIMARY_DOCUMENT = "primary_document", "Primary document"
        OFFICIAL_STATEMENT = "official_statement", "Official statement"
        DATASET = "dataset", "Dataset"
        NEWS_REPORT = "news_report", "News report"
        EXPERT = "expert", "Expert"
        OTHER = "other", "Other"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=2000)
    normalized_url = models.CharField(max_length=2000, editable=False)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published_at = models.DateField(null=True, blank=True)
    accessed_at = models.DateTimeField(null=True, blank=True)
    archive_url = models.URLField(max_length=2000, blank=True)
    excerpt = models.TextField(blank=True)
    source_type = models.CharField(max_length=32, choices=SourceType.choices, default=SourceType.OTHER)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "normalized_url"], name="source_claim_url_unique"),
        ]

    def __str__(self):
        return self.title or self.url

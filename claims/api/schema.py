"""Example answers of the article and claim endpoints, shown in the OpenAPI document."""

from drf_spectacular.utils import OpenApiExample

ARTICLE_OUT = OpenApiExample(
    "Article",
    response_only=True,
    status_codes=["200", "202"],
    value={
        "id": 12,
        "title": "Minister says unemployment fell by half",
        "url": "https://news.example.org/2026/11/unemployment",
        "publisher": "Example News",
        "author": "A. Reporter",
        "published_at": "2026-11-28T08:00:00Z",
        "language": "en",
        "segmentation_status": "done",
        "segmentation_error": "",
        "segmented_at": "2026-11-28T09:00:02Z",
        "segmenter_version": "1.0",
        "canonical_url": "https://news.example.org/2026/11/unemployment",
        "fetched_at": "2026-11-28T08:59:58Z",
        "fetch_error": "",
        "version": 1,
        "duplicate_of": None,
        "claim_count": 4,
        "created_at": "2026-11-28T09:00:00Z",
        "updated_at": "2026-11-28T09:00:02Z",
        "links": {"self": "/api/v1/articles/12/", "claims": "/api/v1/claims/?article=12"},
    },
)

CLAIM_OUT = OpenApiExample(
    "Claim",
    response_only=True,
    value={
        "id": 42,
        "article": 12,
        "text": "Unemployment fell by 50% since 2020.",
        "original_text": "unemployment fell by 50% since 2020",
        "start": 32,
        "end": 67,
        "position": 0,
        "checkworthiness": 0.86,
        "reasons": ["number", "comparison"],
        "claim_type": "quantity",
        "segmenter_version": "1.0",
        "status": "published",
        "dismiss_reason": "",
        "assignee": "rita",
        "claimant": "The minister",
        "claimant_url": "",
        "tags": ["economy"],
        "rating": "false",
        "match_group": 42,
        "fact_check": None,
        "created_at": "2026-11-28T09:00:02Z",
        "updated_at": "2026-11-28T15:30:00Z",
        "links": {
            "self": "/api/v1/claims/42/",
            "public": "https://factcheck.example.org/fact-checks/42/",
            "claimreview": "/api/v1/claims/42/claimreview/",
        },
    },
)

SOURCE_OUT = OpenApiExample(
    "Sources",
    response_only=True,
    value=[
        {"id": 3, "claim": 42, "url": "https://stats.example.gov/labour/2026", "title": "Labour force survey 2026",
         "publisher": "Statistics office", "published_at": "2026-10-01", "accessed_at": "2026-11-28T11:00:00Z",
         "archive_url": "", "excerpt": "Unemployment: 5.1% (2020), 4.8% (2026).", "source_type": "dataset",
         "added_by": "rita", "created_at": "2026-11-28T11:00:00Z"},
    ],
)  # fmt: skip

FEED_OUT = OpenApiExample(
    "Feed",
    response_only=True,
    status_codes=["200", "201", "202"],
    value={
        "id": 3,
        "url": "https://news.example.org/politics/atom.xml",
        "name": "Example News: politics",
        "publisher": "Example News",
        "is_active": True,
        "poll_interval_minutes": 30,
        "last_status": "failed",
        "last_error": "The feed answered 503.",
        "last_polled_at": "2026-11-28T09:00:00Z",
        "last_new_entries": 0,
        "consecutive_failures": 2,
        "next_poll_at": "2026-11-28T11:00:00Z",
        "created_at": "2026-11-01T08:00:00Z",
        "updated_at": "2026-11-28T09:00:00Z",
    },
)

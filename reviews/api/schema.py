"""Example answers of the verdict, timeline and rating endpoints, shown in the OpenAPI document."""

from drf_spectacular.utils import OpenApiExample

VERDICT_OUT = OpenApiExample(
    "Verdict",
    response_only=True,
    value={
        "id": 7,
        "claim": 42,
        "version": 1,
        "status": "approved",
        "rating": "false",
        "rating_label": "False",
        "summary": "Unemployment fell from 5.1% to 4.8%, not by half.",
        "explanation": "<p>The labour force survey shows a fall of 0.3 points.</p>",
        "explanation_markdown": "The labour force survey shows a fall of 0.3 points.",
        "sources": [{"id": 3, "url": "https://stats.example.gov/labour/2026", "title": "Survey", "publisher": "ONS"}],
        "correction_note": "",
        "author": "rita",
        "editor": "edna",
        "submitted_at": "2026-11-28T14:00:00Z",
        "decided_at": "2026-11-28T15:30:00Z",
        "created_at": "2026-11-28T13:00:00Z",
        "updated_at": "2026-11-28T15:30:00Z",
    },
)

EVENT_OUT = OpenApiExample(
    "Timeline",
    response_only=True,
    value=[
        {"id": 1, "action": "assign", "from_state": "new", "to_state": "in_review", "note": "Assigned to rita.",
         "actor": "rita", "at": "2026-11-28T10:00:00Z"},
        {"id": 5, "action": "approve", "from_state": "awaiting_approval", "to_state": "published",
         "note": "Version 1 approved and published.", "actor": "edna", "at": "2026-11-28T15:30:00Z"},
    ],
)  # fmt: skip

RATING_OUT = OpenApiExample(
    "Scale",
    response_only=True,
    value=[
        {"slug": "false", "label": "False", "value": 1, "description": "The claim is not accurate.", "order": 4,
         "claimreview": {"alternateName": "False", "ratingValue": 1, "bestRating": 5, "worstRating": 1}},
        {"slug": "misleading", "label": "Misleading", "value": None, "description": "", "order": 5,
         "claimreview": {"alternateName": "Misleading"}},
    ],
)  # fmt: skip

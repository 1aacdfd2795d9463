"""The event names integrators subscribe to: a contract, so names never change once published.

The apps that cause an event build its payload (claims.events, reviews.events) and hand both to
`factcheck.webhooks.services.webhook_emit`.
"""

ARTICLE_SEGMENTED = "article.segmented"
ARTICLE_FAILED = "article.failed"
CLAIM_PUBLISHED = "claim.published"
VERDICT_CORRECTED = "verdict.corrected"
CLAIM_MATCHED = "claim.matched"  # the desk confirmed a claim the same as an earlier one
EVENTS = (ARTICLE_SEGMENTED, ARTICLE_FAILED, CLAIM_PUBLISHED, VERDICT_CORRECTED, CLAIM_MATCHED)

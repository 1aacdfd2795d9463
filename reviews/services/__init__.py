"""The desk's writes, one function per step; the admin, the API and tasks call these and repeat no rule.

Split by what they act on: `claims` (triage and edits), `sources`, `verdicts`; `common` holds the
row locks and the timeline they share.
"""

from .claims import (
    claim_assign,
    claim_dismiss,
    claim_edit,
    claim_merge,
    claim_reopen,
    claim_schedule,
    claim_split,
)
from .comments import comment_add, mentioned_users
from .common import event_record, lock_claim, lock_claims
from .matches import claim_reuse_fact_check, match_confirm, match_reject
from .notifications import claim_matched_notify, notify
from .sources import normalize_source_url, source_add, validate_http_url
from .spans import claim_create_from_span, claim_mark_furniture, claim_promote_fragment
from .verdicts import (
    OPEN_VERDICT_STATES,
    sanitize_explanation,
    verdict_approve,
    verdict_create,
    verdict_request_changes,
    verdict_submit,
    verdict_update,
)

__all__ = [
    "OPEN_VERDICT_STATES",
    "claim_assign",
    "claim_create_from_span",
    "claim_mark_furniture",
    "claim_promote_fragment",
    "claim_dismiss",
    "claim_edit",
    "claim_matched_notify",
    "claim_merge",
    "claim_reuse_fact_check",
    "claim_reopen",
    "claim_schedule",
    "claim_split",
    "comment_add",
    "event_record",
    "lock_claim",
    "lock_claims",
    "match_confirm",
    "match_reject",
    "mentioned_users",
    "normalize_source_url",
    "notify",
    "sanitize_explanation",
    "source_add",
    "validate_http_url",
    "verdict_approve",
    "verdict_create",
    "verdict_request_changes",
    "verdict_submit",
    "verdict_update",
]

"""ETags for optimistic concurrency: a strong tag over the representation a client reads."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from .exceptions import PreconditionFailed, PreconditionRequired


def etag_for(data) -> str:
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, separators=(",", ":"))
    return '"' + hashlib.sha256(body.encode("utf-8")).hexdigest()[:32] + '"'


def require_if_match(request, current_etag: str) -> None:
    """428 without If-Match, 412 when none of the given tags is the current one (weak prefixes ignored)."""
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired()
    if header.strip() == "*":
        return
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if current_etag not in tags:
        raise PreconditionFailed()

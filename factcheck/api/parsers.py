"""JSON in, with limits: a size cap before parsing, a nesting depth, no control characters or lone surrogates."""

import json
import re

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .exceptions import PayloadTooLarge

# C0/C1 controls except tab, newline and carriage return; lone UTF-16 surrogates (which "\ud800" in
# JSON produces) cannot be stored as UTF-8 at all.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Far deeper than any payload the API takes; much deeper nesting exhausts the recursion limit of the
# parser and of everything that walks the result (validation, our own checks, the renderer).
MAX_JSON_DEPTH = 32


def max_request_bytes() -> int:
    # An article body of the allowed size may grow when JSON-escaped; room for the other fields too.
    return settings.FACTCHECK_MAX_ARTICLE_BYTES * 2 + 64 * 1024


def _too_deep(value) -> bool:
    """Whether lists and objects nest more than MAX_JSON_DEPTH levels; walked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _find_forbidden(value, path="body"):
    if isinstance(value, str):
        match = _FORBIDDEN.search(value)
        return (path, match.group()) if match else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and _FORBIDDEN.search(key):
            return path, _FORBIDDEN.search(key).group()
        found = _find_forbidden(item, f"{path}.{key}" if path != "body" else str(key))
        if found:
            return found
    return None


class StrictJSONParser(JSONParser):
    """JSON only, UTF-8 only, bounded in size; refuses control characters anywhere in the document."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = max_request_bytes()
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(f"The request body is {declared} bytes; the limit is {limit}.")
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(f"The request body is over the limit of {limit} bytes.")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(f"The request body is not valid UTF-8 (byte {error.start}).") from None
        too_deep = ParseError(f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep.")
        try:
            data = json.loads(text)
        except RecursionError:
            raise too_deep from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        if _too_deep(data):
            raise too_deep
        found = _find_forbidden(data)
        if found:
            field, char = found
            raise ParseError(f"Field {field!r} contains a control character (U+{ord(char):04X}).")
        return data

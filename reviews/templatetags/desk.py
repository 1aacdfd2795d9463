"""Template filters for the desk's admin pages."""

import re

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from reviews.services import sanitize_explanation

register = template.Library()


@register.filter
def sanitized(html: str) -> str:
    """Verdict HTML, cleaned again on the way out: rows written by any path render safely."""
    return mark_safe(sanitize_explanation(html))  # noqa: S308 - nh3 removed scripts, handlers and unsafe URLs


_MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]*[\w])")


@register.filter
def comment_text(body: str) -> str:
    """A comment as typed: escaped, line breaks kept, @mentions picked out."""
    escaped = linebreaksbr(escape(body))
    return mark_safe(_MENTION.sub(r'<strong class="fc-mention">@\1</strong>', escaped))  # noqa: S308 - escaped above

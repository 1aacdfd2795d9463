"""Template filters for the desk's admin pages."""

import re

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from reviews import timeline

register = template.Library()


_MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]*[\w])")


@register.filter
def comment_text(body: str) -> str:
    """A comment as typed: escaped, line breaks kept, @mentions picked out."""
    escaped = linebreaksbr(escape(body))
    return mark_safe(_MENTION.sub(r'<strong class="fc-mention">@\1</strong>', escaped))  # noqa: S308 - escaped above


@register.filter
def event_words(event) -> dict:
    """A timeline entry in words (reviews.timeline)."""
    return timeline.event_words(event)

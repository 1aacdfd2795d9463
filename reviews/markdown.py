"""Verdict explanations: written in Markdown, shown as sanitised HTML.

The Markdown source is what is stored; every page and API answer shows `render_explanation(source)`:
markdown-it-py's CommonMark (with tables and strikethrough), then nh3. HTML written inside the
Markdown is passed on and cleaned by nh3 like the rest, so explanations stored as HTML before the
desk wrote Markdown display as they did.
"""

import functools

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# nh3's defaults: no script, style, event handlers or javascript: URLs.
LINK_REL = "noopener noreferrer nofollow"

_markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@functools.lru_cache(maxsize=1024)
def render_explanation(source: str) -> SafeString:
    """The explanation's Markdown as HTML that is safe to put in any page."""
    html = _markdown.render(source or "")
    return mark_safe(nh3.clean(html, link_rel=LINK_REL).strip())  # noqa: S308 - nh3 cleaned it

"""Text as people read it: shortened at a word, never in the middle of one."""


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at the last whole word within `limit` characters (with "…" when cut)."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    # A single word longer than the limit is cut where it must be; otherwise at the last space.
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def join_words(items) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"

"""The language an article reads as, and whether the segmenter (English rules) can serve it."""

import functools

# The segmenter's rules (sentence ends, verbs of saying, furniture) are written for English.
SERVED = frozenset({"en"})
# Below this many words, or this confidence, a guess is noise (a headline, a number): no verdict.
MIN_WORDS = 12
MIN_CONFIDENCE = 0.9
# The opening is enough to tell, keeps the cost flat, and stays inside py3langid's 16-bit feature
# counts (a long body overflows them).
SAMPLE_CHARS = 5000


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def body_language(body: str) -> str:
    """The ISO 639-1 code the text reads as, or "" when it is too short or too mixed to tell."""
    if len(body.split()) < MIN_WORDS:
        return ""
    code, confidence = _identifier().classify(body[:SAMPLE_CHARS])
    return code if float(confidence) >= MIN_CONFIDENCE else ""


def unserved_reason(code: str) -> str:
    """Why the segmenter leaves an article in `code` unsplit, or "" when it serves it."""
    if not code or code in SERVED:
        return ""
    return f"Not split: the segmenter serves English; this article reads as {code!r}."

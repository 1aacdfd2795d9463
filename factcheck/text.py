"""Text a fact-check shows must read the same to everyone: characters that hide or reorder text are refused.

The one rule for every text a reader sees (an article's title and body, a claim's wording and
claimant, a verdict's summary, explanation and correction note, a source's title, publisher and
excerpt). README.md, "Text that hides", says the same for the desk.

Refused (a 400 in the API, an error in the admin, naming the field and the character):
- bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): they make text
  display in another order than it is stored and searched;
- zero-width and invisible characters (U+200B, U+2060-U+2064, U+180E, U+206A-U+206F, U+FFF9-U+FFFB,
  and U+FEFF anywhere but the very start): they hide text from a reader, or split a word so
  search and claim matching miss it;
- tag characters (U+E0000-U+E007F) outside an emoji flag, and two or more variation selectors in
  a row: they carry text no reader sees.

Kept: a zero-width non-joiner or joiner (U+200C, U+200D) between two letters, marks or symbols
outside the Latin, Greek and Cyrillic blocks, where Persian, the Indic scripts and emoji need them.

Stripped: a byte-order mark (U+FEFF) at the very start, which files and pasted text carry, and
soft hyphens (U+00AD), which scraped pages carry: both are invisible and change nothing a reader sees.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

_REFUSED = re.compile(
    "[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
    "|[\U000e0000-\U000e007f]"
    "|[\ufe00-\ufe0f\U000e0100-\U000e01ef]{2,}"
)
_JOINERS = re.compile("[\u200c\u200d]")
# An emoji flag of a region (England, Scotland, Wales): a black flag, tag letters, a cancel tag.
_TAG_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
_STRIPPED = re.compile("\u00ad")

# What the OpenAPI document says of such text, as a pattern JSON Schema tools and Python both read:
# no control character (the JSON parser refuses those in every string) and none of the refused
# characters of the Basic Multilingual Plane; it forbids the joiners everywhere, which is stricter
# than the rule, and leaves the rare refused characters beyond that plane unsaid.
CONTROL_CHARACTERS = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
REFUSED_CHARACTERS = r"\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"


def text_pattern(*, visible: bool, blank: bool) -> str:
    """A string field's pattern: no control characters, none that hide when `visible`, non-blank unless `blank`."""
    refused = CONTROL_CHARACTERS + (REFUSED_CHARACTERS if visible else "")
    start = r"^\ufeff?" if visible else "^"  # a leading byte-order mark is stripped, not refused
    if blank:
        return f"{start}[^{refused}]*$"
    # Leading blank space, then something else: blank text is trimmed to nothing and refused.
    return rf"{start}[^\S{refused}]*[^\s{refused}][^{refused}]*$"


def _needs_joiner(char: str) -> bool:
    """A character of a script or symbol set that uses ZWNJ/ZWJ: not ASCII, Latin, Greek or Cyrillic."""
    code = ord(char)
    if code < 0x0250 or 0x0370 <= code < 0x0530 or 0x1D00 <= code < 0x2000:
        return False  # Latin (with its extensions), Greek, Cyrillic
    return unicodedata.category(char)[0] in "LMS"


def hidden_character(text: str) -> tuple[int, str] | None:
    """(offset, character) of the first character the rule refuses, or None; a leading BOM is allowed."""
    start = 1 if text.startswith("\ufeff") else 0
    masked = _TAG_FLAG.sub(lambda m: "x" * len(m.group()), text)
    match = _REFUSED.search(masked, start)
    found = (match.start(), text[match.start()]) if match else None
    for joiner in _JOINERS.finditer(text):
        i = joiner.start()
        if found and i > found[0]:
            break
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if not (before and after and _needs_joiner(before) and _needs_joiner(after)):
            return i, joiner.group()
    return found


def strip_invisible(text: str) -> str:
    """`text` without the characters the rule strips: a leading byte-order mark, soft hyphens."""
    return _STRIPPED.sub("", text.removeprefix("\ufeff"))


def hidden_character_message(found: tuple[int, str], *, what: str) -> str:
    offset, char = found
    name = unicodedata.name(char, "an unnamed format character")
    return (
        f"{what} contains U+{ord(char):04X} {name} at character {offset + 1}, which hides or reorders "
        "text for some readers; remove it."
    )


def hidden_text_error(text: str, *, what: str) -> str | None:
    """The message refusing `text` (`what` names it: "The summary"), or None when the rule allows it."""
    found = hidden_character(text or "")
    return hidden_character_message(found, what=what) if found else None


def check_visible(text: str, *, field: str, what: str | None = None) -> None:
    """Raise a ValidationError on `field` if `text` holds a character the rule refuses."""
    found = hidden_character(text or "")
    if found:
        message = hidden_character_message(found, what=what or f"The {field.replace('_', ' ')}")
        raise ValidationError({field: ValidationError(message, code="hidden_character")})


def visible_text(text: str, *, field: str, what: str | None = None) -> str:
    """`text` with what the rule strips removed; a ValidationError on `field` for what it refuses."""
    text = strip_invisible(text or "")
    check_visible(text, field=field, what=what)
    return text

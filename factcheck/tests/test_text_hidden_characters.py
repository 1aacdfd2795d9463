"""The one rule on text readers see: what hides or reorders text is refused, two invisible marks are stripped."""

import pytest
from django.core.exceptions import ValidationError

from factcheck.text import hidden_character, visible_text


@pytest.mark.parametrize(
    ("text", "offset", "char"),
    [
        ("Unemployment \u202efell by half", 13, "\u202e"),  # right-to-left override
        ("abc\u2066def\u2069", 3, "\u2066"),  # left-to-right isolate
        ("fell by half\u200f", 12, "\u200f"),  # right-to-left mark
        ("Co\u200bvid", 2, "\u200b"),  # zero-width space
        ("Co\u2060vid", 2, "\u2060"),  # word joiner
        ("Ti\ufefftle", 2, "\ufeff"),  # a byte-order mark inside the text
        ("Co\u200cvid", 2, "\u200c"),  # a non-joiner inside a Latin word
        ("secret\U000e0068\U000e0069", 6, "\U000e0068"),  # tag characters: text nobody sees
        ("a\ufe00\ufe01\ufe02", 1, "\ufe00"),  # a run of variation selectors: hidden data
        ("\ufff9annotated\ufffa", 0, "\ufff9"),  # interlinear annotation
    ],
)
def test_characters_that_hide_or_reorder_text_are_refused(text, offset, char):
    assert hidden_character(text) == (offset, char)
    with pytest.raises(ValidationError) as refused:
        visible_text(text, field="title")
    (message,) = refused.value.message_dict["title"]
    assert f"U+{ord(char):04X}" in message
    assert f"at character {offset + 1}" in message


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment fell by half since 2020.",
        "می\u200cخواهم",  # Persian needs the zero-width non-joiner
        "क्\u200dष",  # so do the Indic scripts the joiner
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # an emoji family
        "\u2764\ufe0f\u200d\U0001f525",  # an emoji with its one variation selector
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # the flag of Scotland
        "שלום עולם and English",  # right-to-left text itself is no control character
    ],
)
def test_scripts_and_emoji_that_need_joiners_are_kept(text):
    assert hidden_character(text) is None
    assert visible_text(text, field="title") == text


def test_a_leading_byte_order_mark_and_soft_hyphens_are_stripped():
    assert visible_text("\ufeffBridge co\u00adsts", field="title") == "Bridge costs"

"""Sentence boundaries in newswire copy: titles, abbreviations, datelines, money, quotes, glued sentences."""

import pytest

from claims.segmentation import segment


def _texts(text):
    return [s.text for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Gen. Abdourahamane Tiani met Sen. Jim Risch in Niamey. They spoke for an hour.",
            ["Gen. Abdourahamane Tiani met Sen. Jim Risch in Niamey.", "They spoke for an hour."],
            id="military-and-senate-titles",
        ),
        pytest.param(
            "Mr. Bazoum, 64, has been detained since July. Mrs. Bazoum was held with him.",
            ["Mr. Bazoum, 64, has been detained since July.", "Mrs. Bazoum was held with him."],
            id="courtesy-titles",
        ),
        pytest.param(
            "The U.S. Dept. of Defense confirmed the move. It gave no details.",
            ["The U.S. Dept. of Defense confirmed the move.", "It gave no details."],
            id="us-and-dept",
        ),
        pytest.param(
            "U.S. troops left on Jan. 5, a week early. The base is empty.",
            ["U.S. troops left on Jan. 5, a week early.", "The base is empty."],
            id="month-abbreviation-before-a-day",
        ),
        pytest.param(
            "The last plane left at 10 a.m. local time. A second one followed at 4 p.m. The base then closed.",
            ["The last plane left at 10 a.m. local time.", "A second one followed at 4 p.m.", "The base then closed."],
            id="am-pm",
        ),
        pytest.param(
            "The talks ended at 3 p.m. Monday in Niamey.",
            ["The talks ended at 3 p.m. Monday in Niamey."],
            id="pm-before-a-weekday",
        ),
        pytest.param(
            "The decree was published as No. 2024-17. It takes effect at once.",
            ["The decree was published as No. 2024-17.", "It takes effect at once."],
            id="number-abbreviation",
        ),
        pytest.param(
            "The base cost $110.5 million. Upkeep ran to 3.5% of the budget, or €2.75 bn.",
            ["The base cost $110.5 million.", "Upkeep ran to 3.5% of the budget, or €2.75 bn."],
            id="money-and-decimals",
        ),
        pytest.param(
            "NIAMEY, Niger (Reuters) — The last U.S. troops left Niger on Monday. The Pentagon confirmed it.",
            ["NIAMEY, Niger (Reuters) — The last U.S. troops left Niger on Monday.", "The Pentagon confirmed it."],
            id="dateline-stays-with-its-sentence",
        ),
        pytest.param(
            "NIAMEY, Niger, Aug. 5 (AP) - American forces have left. Officials said so.",
            ["NIAMEY, Niger, Aug. 5 (AP) - American forces have left.", "Officials said so."],
            id="dateline-with-a-date",
        ),
        pytest.param(
            'The spokesman said: "We are leaving." The army confirmed it.',
            ['The spokesman said: "We are leaving."', "The army confirmed it."],
            id="quote-ending-inside-quotation-marks",
        ),
        pytest.param(
            "“We will leave,” he said. “The decision is final.”",
            ["“We will leave,” he said.", "“The decision is final.”"],
            id="curly-quotes",
        ),
        pytest.param(
            'He asked, "Are we leaving?" Nobody answered.',
            ['He asked, "Are we leaving?"', "Nobody answered."],
            id="question-inside-quotes",
        ),
        pytest.param(
            "The junta took power in 2023.The army then expelled French troops.",
            ["The junta took power in 2023.", "The army then expelled French troops."],
            id="sentence-glued-to-the-next",
        ),
        pytest.param(
            "Russian instructors arrived in 2024.Russian equipment followed.",
            ["Russian instructors arrived in 2024.", "Russian equipment followed."],
            id="glued-after-a-year",
        ),
        pytest.param(
            "The key rate rose to 5.25%.The central bank said inflation had eased.",
            ["The key rate rose to 5.25%.", "The central bank said inflation had eased."],
            id="glued-after-a-percentage",
        ),
        pytest.param(
            "Subclass threading.Thread to run it. Then call start().",
            ["Subclass threading.Thread to run it.", "Then call start()."],
            id="dotted-names-are-not-glued-sentences",
        ),
        pytest.param(
            "He was born on Sept. 3, 1960, in St. Louis, Mo., and moved to the U.K. in 1990.",
            ["He was born on Sept. 3, 1960, in St. Louis, Mo., and moved to the U.K. in 1990."],
            id="many-abbreviations-in-one-sentence",
        ),
        pytest.param(
            "He lives in Washington, D.C. The capital is busy.",
            ["He lives in Washington, D.C.", "The capital is busy."],
            id="abbreviation-ending-a-sentence",
        ),
        pytest.param(
            "Shares of Apple Inc. rose. Microsoft Corp. fell.",
            ["Shares of Apple Inc. rose.", "Microsoft Corp. fell."],
            id="company-suffixes",
        ),
    ],
)
def test_newswire_sentence_boundaries(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize("gap", ["  ", " \t", "\u00a0 ", "   "])
def test_wider_gaps_after_a_stop_follow_the_same_rules(gap):
    text = f"I live in the U.S.{gap}How about you? I work for the U.S.{gap}Government.{gap}the rest is small."

    assert _texts(text) == [
        "I live in the U.S.",
        "How about you?",
        f"I work for the U.S.{gap}Government.",
        "the rest is small.",
    ]


def test_paragraph_lines_are_separate_even_without_a_full_stop():
    text = "Troops leave Niger\nThe last American troops left on Monday.\nThe base is empty."

    segments = segment(text)

    assert [s.text for s in segments] == [
        "Troops leave Niger",
        "The last American troops left on Monday.",
        "The base is empty.",
    ]


def test_hard_wrapped_prose_is_rejoined_into_sentences():
    text = (
        "The Pentagon said the withdrawal of its troops from\n"
        "the country was completed on Monday, weeks before the\n"
        "deadline agreed with the military government in Niamey.\n"
        "Officials declined to say how many contractors remain in\n"
        "the country after the handover of the drone base."
    )

    segments = segment(text)

    assert [s.text.replace("\n", " ") for s in segments] == [
        "The Pentagon said the withdrawal of its troops from the country was completed on Monday, weeks before the "
        "deadline agreed with the military government in Niamey.",
        "Officials declined to say how many contractors remain in the country after the handover of the drone base.",
    ]
    assert all(s.kind == "sentence" for s in segments)


def test_a_line_starting_in_lower_case_continues_the_sentence():
    text = "The agreement, signed in 2012 with\nthe United States, was revoked in March."

    assert _texts(text) == [text]

"""Scraped-page furniture: the demo article, glued captions and credits, bylines, dates, ads and prompts."""

from pathlib import Path

import pytest

from claims.segmentation import segment

# A demo text written for the product (the scraped seed has its own test, test_segmentation_seed.py).
DEMO = Path(__file__).resolve().parents[2] / "seeds" / "articles" / "us-troops-leave-niger.txt"

DEMO_CLAIM_CANDIDATES = [
    "The last American troops have left Niger: what the withdrawal means for the Sahel",
    "The United States has completed the withdrawal of its troops from Niger, ending more than a decade of military "
    "cooperation with the West African country.",
    "The last group of American servicemen left Air Base 201 near Agadez on Monday, the US Department of Defense and "
    "the Nigerien Ministry of Defense said in a joint statement.",
    "A few months later, the situation changed dramatically.",
    "In July 2023, the Nigerien military removed President Mohamed Bazoum from power, and the new authorities, led by "
    "General Abdourahamane Tiani, began to reconsider the country's alliances with the West.",
    "In March 2024, the junta announced that it was revoking the 2012 military cooperation agreement with Washington "
    '"with immediate effect".',
    'According to a government spokesman, Colonel Amadou Abdramane, the agreement had been "imposed unilaterally" '
    "and violated the constitution.",
    "About 1,000 US troops were stationed in Niger before the coup.",
    "Air Base 201, which the Pentagon built for about $110 million, was one of the largest drone bases in Africa and "
    "was used for surveillance flights over the Sahel.",
    "On May 19, the two countries agreed that American forces would leave Niger no later than September 15.",
    "The Pentagon handed over Air Base 101 in Niamey on July 7, and the drone base in Agadez followed in early "
    "August, weeks ahead of schedule.",
    "Russian military instructors arrived in Niamey in April, bringing with them an air defence system, according to "
    "Nigerien state television.",
    "Some analysts say the departure of US forces will leave a gap in intelligence gathering across the region.",
    '"We will continue to look for ways to cooperate with Niger on shared security interests," a Pentagon '
    "spokesperson said.",
    "It is the best decision Niger has made in years, one local commentator wrote on social media.",
    "Will the region become less safe?",
    "Experts believe that jihadist groups linked to al-Qaeda and the Islamic State could take advantage of the "
    "vacuum.",
]

DEMO_FURNITURE = [
    ("byline", "By Example News Staff"),
    ("dateline", "05.08.2024 - 18:42"),
    ("caption", "US military in Niger."),
    ("credit", "Photo from open sources"),
    ("ad", "ADVERTISEMENT"),
    ("promo", "Read also: France completes withdrawal of its troops from Niger"),
    ("caption", "Air Base 201 in Agadez."),
    ("credit", "Photo: US Air Force"),
    ("promo", "Subscribe to our newsletter to get the most important news of the day."),
    ("credit", "Photo credits: US Air Force, open sources"),
]


@pytest.fixture(scope="module")
def demo():
    text = DEMO.read_text(encoding="utf-8")
    return text, segment(text)


def test_the_headline_and_every_sentence_of_the_demo_article_are_claim_candidates_with_exact_offsets(demo):
    text, segments = demo

    candidates = [s for s in segments if not s.is_boilerplate]

    assert [s.text for s in candidates] == DEMO_CLAIM_CANDIDATES
    assert [s.kind for s in candidates] == ["headline"] + ["sentence"] * (len(candidates) - 1)
    for s in candidates:
        assert text[s.start : s.end] == s.text


def test_the_demo_articles_furniture_is_boilerplate_and_never_a_claim(demo):
    text, segments = demo

    furniture = [s for s in segments if s.is_boilerplate]

    assert [(s.kind, s.text) for s in furniture] == DEMO_FURNITURE
    for s in furniture:
        assert text[s.start : s.end] == s.text
        assert s.checkworthiness == 0.0
        assert s.claim_type == "not_a_claim"
        assert s.reasons


def test_both_glued_captions_of_the_demo_are_split_from_the_next_sentence(demo):
    text, segments = demo
    by_text = {s.text: s for s in segments}

    # "…in Niger. Photo from open sourcesA few months later…"
    credit, sentence = (
        by_text["Photo from open sources"],
        by_text["A few months later, the situation changed dramatically."],
    )
    assert credit.end == sentence.start
    assert (
        text[credit.start : sentence.end]
        == "Photo from open sourcesA few months later, the situation changed dramatically."
    )

    # "…in Agadez. Photo: US Air ForceRussian military instructors arrived…"
    credit = by_text["Photo: US Air Force"]
    sentence = next(s for s in segments if s.text.startswith("Russian military instructors arrived"))
    assert credit.end == sentence.start
    assert not sentence.is_boilerplate


def test_the_demo_article_loses_no_text_to_furniture(demo):
    text, segments = demo

    covered = set()
    for s in segments:
        covered.update(range(s.start, s.end))

    assert [i for i, c in enumerate(text) if not c.isspace() and i not in covered] == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("By Jane Example", "byline"),
        ("By Jane Smith and John Doe", "byline"),
        ("By Jane Smith, Reuters", "byline"),
        ("(Reporting by Jane Smith; Editing by John Doe)", "byline"),
        ("05.08.2024 - 18:42", "dateline"),
        ("Published: August 5, 2024 6:42 p.m. EDT", "dateline"),
        ("Updated 2 hours ago", "dateline"),
        ("Mon 5 Aug 2024 18.42 BST", "dateline"),
        ("ADVERTISEMENT", "ad"),
        ("Advertisement", "ad"),
        ("Story continues below advertisement", "ad"),
        ("Read also: France completes withdrawal of its troops from Niger", "promo"),
        ("Read more: Who is General Tiani?", "promo"),
        ("RELATED: Niger junta expels French ambassador", "promo"),
        ("Subscribe to our newsletter to get the most important news of the day.", "promo"),
        ("Sign up for our morning briefing.", "promo"),
        ("Follow us on Telegram.", "promo"),
        ("Photo credits: US Air Force, open sources", "credit"),
        ("Photo: Reuters", "credit"),
        ("© Reuters", "credit"),
        ("Image by John Smith via Unsplash", "credit"),
        ("Screenshot: Telegram", "credit"),
    ],
)
def test_furniture_line_between_paragraphs_is_boilerplate(line, kind):
    text = f"The last troops left Niger on Monday.\n{line}\nThe base was handed over in August."

    segments = segment(text)

    assert [(s.kind, s.text, s.is_boilerplate) for s in segments] == [
        ("sentence", "The last troops left Niger on Monday.", False),
        (kind, line, True),
        ("sentence", "The base was handed over in August.", False),
    ]


def test_headline_and_subheading_are_short_unpunctuated_lines_and_stay_claim_candidates():
    text = (
        "Troops leave Niger after a decade\n"
        "The last American troops left on Monday.\n"
        "What comes next\n"
        "Russian instructors arrived in April."
    )

    segments = segment(text)

    assert [(s.kind, s.is_boilerplate) for s in segments] == [
        ("headline", False),
        ("sentence", False),
        ("subheading", False),
        ("sentence", False),
    ]
    assert segments[0].reasons[0] == "headline"
    assert segments[0].checkworthiness > 0
    assert segments[2].reasons[0] == "subheading"


def test_a_lone_line_without_a_full_stop_is_a_sentence_not_a_headline():
    segments = segment("Troops left Niger on Monday")

    assert [(s.kind, s.is_boilerplate) for s in segments] == [("sentence", False)]


def test_list_items_are_not_mistaken_for_headlines():
    text = "The agreement covered:\n- drone flights\n- training\nIt was revoked in March."

    kinds = [s.kind for s in segment(text)]

    assert "headline" not in kinds
    assert "subheading" not in kinds


def test_credit_glued_to_the_next_paragraph_is_split_off():
    text = "Soldiers at the base. Photo: Getty ImagesThe army left on Monday."

    segments = segment(text)

    assert [(s.kind, s.text) for s in segments] == [
        ("caption", "Soldiers at the base."),
        ("credit", "Photo: Getty Images"),
        ("sentence", "The army left on Monday."),
    ]


def test_credit_with_a_surname_particle_is_not_split_inside_the_name():
    text = "Photo: John McCain Institute\nThe army left on Monday."

    segments = segment(text)

    assert [(s.kind, s.text) for s in segments] == [
        ("credit", "Photo: John McCain Institute"),
        ("sentence", "The army left on Monday."),
    ]


def test_a_sentence_that_merely_starts_with_photos_is_not_a_credit():
    text = "Photos from the scene show soldiers loading trucks at the base on Monday."

    assert [s.kind for s in segment(text)] == ["sentence"]


def test_an_inline_advertisement_marker_is_cut_out_of_the_paragraph():
    text = "The troops left on Monday. ADVERTISEMENT The base was closed in August."

    segments = segment(text)

    assert [(s.kind, s.text) for s in segments] == [
        ("sentence", "The troops left on Monday."),
        ("ad", "ADVERTISEMENT"),
        ("sentence", "The base was closed in August."),
    ]


def test_a_newsletter_prompt_inside_a_paragraph_is_boilerplate_but_its_neighbours_are_not():
    text = "The troops left on Monday. Subscribe to our newsletter for daily updates. The base is empty."

    assert [s.kind for s in segment(text)] == ["sentence", "promo", "sentence"]


def test_a_link_prompt_glued_to_the_next_paragraph_is_split_off():
    text = "Read also: France completes withdrawal from NigerOn May 19, the two countries agreed on a date."

    segments = segment(text)

    assert [(s.kind, s.text) for s in segments] == [
        ("promo", "Read also: France completes withdrawal from Niger"),
        ("sentence", "On May 19, the two countries agreed on a date."),
    ]

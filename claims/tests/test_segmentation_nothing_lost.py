"""Nothing lost silently: furniture must look like furniture; whatever reads as a statement stays a claim.

Each case is a made-up example of a shape measured on public treebank news and web text.
"""

from claims.segmentation import segment


def _kinds(text):
    return [(s.kind, s.text) for s in segment(text)]


def test_a_paragraph_whose_last_piece_lacks_a_full_stop_keeps_its_sentences():
    text = (
        "Storm closes harbour\n"
        "Ferries stopped on Monday, port officials said. Exports fell to 3%, the customs office reported. "
        "Photo: Wire Agency\n"
        "Repairs will take a month."
    )

    assert _kinds(text) == [
        ("headline", "Storm closes harbour"),
        ("sentence", "Ferries stopped on Monday, port officials said."),
        ("sentence", "Exports fell to 3%, the customs office reported."),
        ("credit", "Photo: Wire Agency"),
        ("sentence", "Repairs will take a month."),
    ]


def test_a_line_starting_in_lower_case_after_a_full_stop_is_a_new_sentence():
    text = "The shop reopened on Friday.\neBay listings rose 4% in a week."

    assert _kinds(text) == [
        ("sentence", "The shop reopened on Friday."),
        ("sentence", "eBay listings rose 4% in a week."),
    ]


def test_a_line_cut_mid_sentence_still_carries_on_in_lower_case():
    text = "The contract, signed in 2019 by the two\nport authorities, was cancelled in May."

    assert [s.text for s in segment(text)] == [text]


def test_lower_case_chat_sentences_are_split_after_a_plain_word():
    text = "sounds fine. see you at the station. bring the tickets?"

    assert [s.text for s in segment(text)] == ["sounds fine.", "see you at the station.", "bring the tickets?"]


def test_lower_case_after_an_abbreviation_goes_on():
    text = "The crate weighs 40 lb. and fits in the van. Prices rose 2 p.c. after the deal."

    assert [s.text for s in segment(text)] == [
        "The crate weighs 40 lb. and fits in the van.",
        "Prices rose 2 p.c. after the deal.",
    ]


def test_a_date_line_and_the_caption_line_under_it_do_not_merge():
    text = "Tuesday, March 4, 2025\nvolunteers at the shelter last winter.\nThe shelter opened a second hall."

    segments = segment(text)

    assert [(s.kind, s.text) for s in segments[:2]] == [
        ("dateline", "Tuesday, March 4, 2025"),
        ("sentence", "volunteers at the shelter last winter."),
    ]


def test_a_date_glued_to_the_start_of_a_line_is_a_date_line():
    text = (
        "Harbour reopens\n"
        "4 March, 2025 Cranes at the north quay. Photo credits: Ann Example/Wire The harbour reopened today."
    )

    assert _kinds(text) == [
        ("headline", "Harbour reopens"),
        ("dateline", "4 March, 2025"),
        ("caption", "Cranes at the north quay."),
        ("credit", "Photo credits: Ann Example/Wire"),
        ("sentence", "The harbour reopened today."),
    ]


def test_a_credit_naming_an_agency_by_its_initials_is_not_cut_inside_a_word():
    text = "The probe reached orbit in 2021. Image: ESA Tom Example.\nIt sent its first pictures a week later."

    assert ("credit", "Image: ESA Tom Example.") in _kinds(text)


def test_a_credit_after_an_unpunctuated_caption_is_split_off_and_the_caption_flagged():
    text = "Engines ran all night.\nPrototype tablet on display Image: Sam Example.\nSales start in June."

    assert _kinds(text) == [
        ("sentence", "Engines ran all night."),
        ("caption", "Prototype tablet on display"),
        ("credit", "Image: Sam Example."),
        ("sentence", "Sales start in June."),
    ]


def test_a_caption_of_two_sentences_before_its_credit_is_one_caption():
    text = (
        "The mayor spoke first.\n"
        "Jo Example at the opening in May 2024. She holds the first ticket. Image: City Hall.\n"
        "The line opens to all next week."
    )

    kinds = _kinds(text)

    assert kinds[1:4] == [
        ("caption", "Jo Example at the opening in May 2024."),
        ("caption", "She holds the first ticket."),
        ("credit", "Image: City Hall."),
    ]


def test_a_sentence_reporting_what_someone_said_is_never_a_caption():
    text = "Turnout reached 61%, the election board said. Photo: Wire Agency"

    assert _kinds(text) == [
        ("sentence", "Turnout reached 61%, the election board said."),
        ("credit", "Photo: Wire Agency"),
    ]


def test_an_abbreviation_before_a_bracket_or_a_quoted_lower_case_word_goes_on():
    text = 'She moved to Washington, D.C. (the capital) in 2010. The U.S. "repo" market froze in 2019.'

    assert [s.text for s in segment(text)] == [
        "She moved to Washington, D.C. (the capital) in 2010.",
        'The U.S. "repo" market froze in 2019.',
    ]


def test_a_spaced_ellipsis_closing_a_quotation_ends_after_the_quotation_mark():
    text = 'He called it "money badly spent. . . ." The council disagreed.'

    assert [s.text for s in segment(text)] == ['He called it "money badly spent. . . ."', "The council disagreed."]


def test_reference_marks_stay_with_the_sentence_they_follow():
    text = "The bridge opened in 1932. [4] [5] It was widened in 1961.[6] Traffic doubled."

    assert [s.text for s in segment(text)] == [
        "The bridge opened in 1932. [4] [5]",
        "It was widened in 1961.[6]",
        "Traffic doubled.",
    ]


def test_a_line_of_figures_is_a_statement_not_a_heading():
    text = "Quarterly results\nNet revenue: $12 million; or $0.40 a share\nThe board met on Friday."

    assert _kinds(text)[1] == ("sentence", "Net revenue: $12 million; or $0.40 a share")


def test_a_gallery_of_caption_lines_between_paragraphs_is_flagged_but_a_lone_subheading_is_not():
    text = (
        "The council met on Monday.\n"
        "Ann Example of the Harbour Party\n"
        "Ben Example of the Hill Party\n"
        "Both were re-elected with large majorities.\n"
        "What happens next\n"
        "The budget is due in June."
    )

    assert [s.kind for s in segment(text)] == ["sentence", "caption", "caption", "sentence", "subheading", "sentence"]


def test_a_file_photo_note_is_a_caption():
    text = "The minister resigned on Monday.\nCal Example of the Coast Party; from file, 2019.\nAn election follows."

    assert _kinds(text)[1] == ("caption", "Cal Example of the Coast Party; from file, 2019.")

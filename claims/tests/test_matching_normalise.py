"""Normalisation for matching: one form for numbers, units, dates, case and accents; names; negation; junk."""

import pytest

from claims.matching import Figure, normalise


@pytest.mark.parametrize("written", ["1,000", "1000", "one thousand", "a thousand"])
def test_a_number_written_any_way_is_one_figure(written):
    claim = normalise(f"The council hired {written} new teachers.")

    assert claim.figures == {Figure(1000.0)}
    assert "1000" in claim.tokens


@pytest.mark.parametrize("written", ["5%", "5 %", "five per cent", "5 percent", "five percent"])
def test_a_percentage_written_any_way_is_one_figure(written):
    assert normalise(f"Prices rose {written} this spring.").figures == {Figure(5.0, "%")}


@pytest.mark.parametrize(
    ("written", "figure"),
    [
        ("$1.5 million", Figure(1_500_000.0, "$")),
        ("1,500,000 dollars", Figure(1_500_000.0, "$")),
        ("one and a half million dollars", None),  # fractions in words are not read, and no wrong figure either
        ("$5bn", Figure(5e9, "$")),
        ("one thousand million dollars", Figure(1e9, "$")),
        ("two million five hundred thousand people", Figure(2_500_000.0)),
        ("twenty-three", Figure(23.0)),
        ("a 10-year-old", Figure(10.0, "years old")),
    ],
)
def test_scales_currencies_and_units_are_applied(written, figure):
    figures = normalise(f"They said {written}.").figures

    if figure is None:
        assert figures == frozenset()
    else:
        assert figure in figures


def test_years_and_dates_are_not_figures():
    claim = normalise("On January 14, 2020 the mayor said 14 Jan 2020 was the day; in 2019 it was 6 p.m. and 10:30.")

    assert claim.years == {2019, 2020}
    assert claim.dates == {"2020-01-14"}
    assert claim.figures == frozenset()


def test_one_as_a_pronoun_is_not_a_figure():
    assert normalise("One of the ministers resigned, and no one noticed.").figures == frozenset()


def test_case_accents_and_quotes_do_not_change_the_tokens():
    plain = normalise("Perez's cafe opened in Sao Paulo.")
    fancy = normalise("PÉREZ’S CAFÉ opened in São Paulo.")

    assert plain.tokens == fancy.tokens


def test_plurals_and_verb_forms_share_a_stem():
    assert normalise("The minister bans imports").tokens == normalise("the ministers banned the import").tokens


def test_names_are_read_from_capitalisation_and_the_us_is_one_name():
    claim = normalise("Yesterday Donald J. Trump met Julia Hartmann in the U.S. capital. Unemployment fell.")

    assert claim.entities == {"donald j trump", "julia hartmann", "united states"}


def test_hashtags_and_handles_are_split_into_words_and_links_dropped():
    claim = normalise("Smoke over #WestlandFires https://t.co/abc pic.twitter.com/xyz via @JuliaHartmann")

    assert {"westland", "fir", "julia", "hartmann"} <= set(claim.tokens)
    assert not any("http" in t or "twitter" in t for t in claim.tokens)


@pytest.mark.parametrize(
    "text", ["The army is not sending texts.", "The army isn't sending texts.", "The army never sent texts."]
)
def test_negation_is_read_with_the_clause_it_negates(text):
    claim = normalise(text)

    assert claim.negated
    assert {"text"} <= claim.negated_tokens
    assert "not" not in claim.tokens
    assert "never" not in claim.tokens


def test_a_negation_stops_at_the_end_of_its_clause():
    claim = normalise("Nobody was hurt, but the storm flattened the Corbel harbour.")

    assert claim.negated
    assert "harbour" not in claim.negated_tokens


@pytest.mark.parametrize(
    ("text", "junk"), [("The", True), ("U.S.", True), ("Crime is rising.", True), ("Crime rose 5% in 2019.", False)]
)
def test_claims_of_one_to_three_words_are_junk(text, junk):
    assert normalise(text).is_junk is junk


def test_context_adds_words_but_not_length_or_negation():
    claim = normalise("The", context="No, the army is not texting about a draft")

    assert claim.is_junk
    assert not claim.negated
    assert {"army", "draft"} <= set(claim.tokens)


def test_empty_text_gives_an_empty_claim():
    claim = normalise("   ")

    assert claim.tokens == ()
    assert claim.length == 0
    assert claim.is_junk
    assert not claim.negated


@pytest.mark.parametrize("text", ["❶", "❶ May 2019", "May ❷, 2019", "In ²⁰¹⁹ ❸ people"])
def test_digits_that_are_not_decimal_never_break_reading_a_date(text):
    # "❶".isdigit() is true but int("❶") fails: a day or a year is read only from decimal digits.
    claim = normalise(text)

    assert claim.tokens
    assert not claim.dates

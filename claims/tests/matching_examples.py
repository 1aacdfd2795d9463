"""Made-up fact-checked claims for the matching tests: a small pool with its junk, and an index over it."""

from claims.matching import LexicalIndex, lexical_sources, normalise

# key: (claim text, the fact-check's headline). Invented places and people; no line of any data set.
FACT_CHECKS = {
    "draft-texts": (
        "The U.S. Army is sending text messages telling people they have been selected for a military draft.",
        "Is the Army texting people about a draft?",
    ),
    "westland-jobs": ("Unemployment in Westland fell to 5% in 2019.", "Did Westland's jobless rate drop?"),
    "elmsford-bridge": ("The Elmsford bridge cost 1,000 million dollars to build.", "What did the bridge cost?"),
    "corbel-fish": ("It rained fish in the town of Corbel during a storm.", "Did it rain fish in Corbel?"),
    "norvale-vaccines": (
        "Flu vaccines cause memory loss, the Norvale health ministry said.",
        "Do flu shots cause memory loss?",
    ),
    "hartmann-police": (
        "Mayor Julia Hartmann cut the police budget by 20 percent.",
        "Did Hartmann cut police funding?",
    ),
    "westland-crime": ("Violent crime in Westland rose by 12% last year, police figures show.", ""),
    # Junk as scraped fact-check pools carry it: one to three words, with a headline that still matches.
    "junk-crime": ("Crime is rising.", "Crime in Westland"),
    "junk-the": ("The", "Army draft texts"),
    "junk-us": ("U.S.", "Unemployment in Westland"),
}
JUNK = {"junk-crime", "junk-the", "junk-us"}


def fact_check_sources() -> list[LexicalIndex]:
    return lexical_sources((key, normalise(text, context=title)) for key, (text, title) in FACT_CHECKS.items())

# ruff: noqa: SIM905 - the word lists read (and diff) better as whitespace-separated text
"""Word lists the normaliser consults, kept apart from the rules so a desk can read and extend them.

Every entry is lower case and accent-free: the normaliser folds text before looking words up.
"""

# Function words that say nothing about which claim a sentence makes. Negators are not here:
# they are read separately ("negation differs") and kept out of the lexical tokens.
STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself of off on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your yours yourself
    yourselves also may might must shall us via per s t ll re ve d m o y let lets get gets got
    says said say saying claim claims claimed show shows showed shown video photo image images picture
    pictures post posts posted tweet tweets viral rumor rumour reportedly according pic com www http https
    one ones many much even still yet ever really actually amp
    """.split()
)

# Words that negate the sentence they stand in ("n't" is expanded to "not" first).
NEGATORS = frozenset("not no never none nobody nothing neither nor without cannot".split())

# "Doesn't" -> "does not": the negation survives tokenisation. "Won't" and "can't" change their stem.
CONTRACTIONS = {"won't": "will not", "can't": "can not", "shan't": "shall not", "ain't": "is not"}

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}

SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
TENS = {word: 10 * n for n, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9, "trillion": 10**12}
# Abbreviated scales written after a digit: "$5bn", "3.2m", "10k".
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 10**9, "b": 10**9, "tn": 10**12}

# Units that follow a figure, mapped to one canonical symbol so "5%" = "five per cent".
UNITS = {
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "percentage points": "%",
    "dollar": "$",
    "dollars": "$",
    "usd": "$",
    "euro": "€",
    "euros": "€",
    "eur": "€",
    "pound sterling": "£",
    "pounds sterling": "£",
    "gbp": "£",
    "km": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometres": "km",
    "mile": "mi",
    "miles": "mi",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "ton": "t",
    "tons": "t",
    "tonne": "t",
    "tonnes": "t",
    "degree": "°",
    "degrees": "°",
    "year-old": "years old",
    "years old": "years old",
    "year old": "years old",
}
CURRENCY_SIGNS = {"$": "$", "€": "€", "£": "£", "us$": "$"}

# Names written several ways for one thing; keys are entity spellings after folding and dropping dots.
ENTITY_ALIASES = {
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "eu": "european union",
    "un": "united nations",
    "gop": "republicans",
    "republican party": "republicans",
    "republican": "republicans",
    "democrat": "democrats",
    "democratic party": "democrats",
    "obamacare": "affordable care act",
    "aca": "affordable care act",
}

# Capitalised words that open sentences or shout, and name nobody.
NOT_NAMES = frozenset(
    """
    fact check false true fake hoax breaking news update watch read look wow yes ok okay please thanks
    mr mrs ms dr sir says said today yesterday tomorrow tonight now here there this that these those
    what who whom whose why how where which when while if but and or so yet also then just after before
    again although because since until unless though however meanwhile instead
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

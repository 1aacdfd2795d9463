# ruff: noqa: SIM905 - the word lists read (and diff) better as whitespace-separated text
"""Word lists the boundary rules and the scorer consult.

Kept apart from the rules so a desk can see (and extend) what the engine knows without reading
regular expressions. Every entry is matched case-sensitively unless the set's comment says otherwise.
"""

# Titles that stand before a name and never end a sentence ("Gen. Tiani", "Mr. Smith").
STRICT_TITLES = frozenset(
    """
    Mr Mrs Ms Mx Messrs Mmes Mme Mlle Dr Drs Prof Profs Gen Sen Sens Rep Reps Gov Govs Lt Col Capt Cpt Sgt Maj
    Adm Cmdr Cdr Brig Cpl Pvt Rev Fr Hon Pres Supt Insp Det Atty Amb Gens
    """.split()
)

# Abbreviations that may close a sentence: they end one only when a sentence-starting word follows
# ("Pitt, Briggs & Co. It closed" ends, "Pitt, Briggs & Co. at noon" does not).
ABBREVIATIONS = frozenset(
    """
    co Co Corp Inc Ltd Bros Plc LLC Dept dept Univ Assn Ave Blvd Rd St st Mt Sq Hwy Jr Sr Esq
    etc al approx est incl excl avg Mon Tue Tues Thu Thur Thurs Fri
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec jan feb mar apr jun jul aug sep sept oct nov dec
    Ala Ariz Ark Calif Colo Conn Fla Kan Kans Ky Md Mich Minn Neb Nev Okla Ore Pa Tenn Tex Va Vt Wis Wisc Wyo
    Govt govt Intl intl Natl natl Assoc assoc Admin Apt apt Bldg bldg Dist Mfg Mgr Mgmt Pkwy Rte Ste Twp
    Ph Rs Bn bn mn
    """.split()
)

# Lower-case abbreviations of units and the like: a lower-case word after them goes on with the sentence
# ("5 ft. tall"), where after a plain word it starts a new one.
LOWER_CASE_CONTINUES = frozenset(
    """
    ft lb lbs oz yd yds mi km kg mg cm mm sq hr hrs min mins sec secs yr yrs mo mos wk wks pt pts misc var
    fig figs vol vols pp ch chap sr jr
    """.split()
)

# Abbreviations that are always followed by more of the same sentence.
NEVER_FINAL = frozenset("e.g i.e cf viz vs v Vs ibid Ibid resp approx ca".split())

# Abbreviations that take a number: "p. 55", "No. 10", "Jan. 5", "Art. 12".
NUMBER_ABBREVIATIONS = frozenset(
    """
    p pp P PP No no Nos nos Nr nr N° № Vol vol Vols vols Fig fig Figs figs Art art Arts Sec sec Secs Ch ch Chap chap
    Para para Op op Pt pt Pg pg Tab tab Ex ex Eq eq Eqs Ref ref Refs Rev Ed ed Ps Gen Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec approx ca c est Rte Hwy Apt Ste Bldg Rm rm Dist Div Nr Ed Ver ver v Vs vs
    """.split()
)

# Capitalised words that commonly open an English sentence. After an ambiguous abbreviation
# ("U.S.", "Co.", "a.m.", an initial), only these start a new sentence; "U.S. Government" stays one.
SENTENCE_STARTERS = frozenset(
    """
    A An The This That These Those There Here It Its I He She We They You His Her Their Our My Your
    Some Many Most Much Several Few Each Every All Both Either Neither No None Not Nobody Nothing One Another
    But And Or Nor So Yet Still However Meanwhile Moreover Furthermore Also Then Now Later Earlier Today
    Yesterday Tomorrow Tonight Since After Before When Whenever While Once As If Although Though Because Unless
    Until Whether In On At For From With Without By Of To Into During Under Over Among Between Despite Through
    Throughout Against About Around Above Below Near Instead Indeed Overall Finally First Second Third Last
    Next Other Such Only Even Just Already Again Perhaps Maybe Thus Hence Therefore Otherwise Nevertheless
    Nonetheless Besides Likewise Similarly Accordingly Consequently What Who Whom Whose Why How Where Which
    Do Does Did Is Are Was Were Will Would Can Could Should Shall May Might Must Has Have Had Let Please
    According Asked Speaking Officials Experts Analysts Critics Authorities Police Troops Soldiers People
    Residents Witnesses Researchers Scientists Data Figures Reports Sources Photo
    """.split()
)

# Words that, opening the sentence up to an "a.m."/"p.m.", make it an introductory time phrase
# ("At 5 a.m. Mr. Smith went to the bank." is one sentence).
TIME_PHRASE_OPENERS = frozenset(
    "at by around about before after until till from since shortly just early late on".split()
)

# Words that after "p.m."/"a.m." continue the time expression rather than start a sentence.
TIME_CONTINUATIONS = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    GMT UTC BST CET CEST EET EEST MSK IST JST KST AEST AEDT EST EDT CST CDT MST MDT PST PDT ET CT MT PT WAT CAT EAT
    """.split()
)

# Surname particles that look like a glued caption joint ("McCain", "DeSantis", "LaGuardia").
NAME_PREFIXES = frozenset("Mc Mac De Di Da Du La Le Van Von Al El O".split())

# Lower-cased words that may make up a publication-date line ("Published: Mon 5 August 2024, 18:42 GMT").
DATE_LINE_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    am pm a m p h st nd rd th t z
    published updated posted modified last first created on at date time edited
    gmt utc bst cet cest eet eest msk ist jst kst aest aedt est edt cst cdt mst mdt pst pdt et ct mt pt wat cat eat
    ago min mins minute minutes hour hours hr hrs day days week weeks month months year years read
    today yesterday
    """.split()
)

# ---- check-worthiness lexicons (all lower case) ----

MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
    decade decades century centuries annually weekly since ago
    """.split()
)
ATTRIBUTION_WORDS = frozenset(
    """
    said says say told tells reported reports announced announces stated confirmed confirms claimed
    claims estimated estimates according quoted cited wrote writes testified disclosed revealed admitted
    denied insisted noted added declared acknowledged alleged warned showed shows found finds published
    """.split()
)
COMPARISON_WORDS = frozenset(
    """
    more less fewer most least than largest biggest smallest highest lowest longest shortest oldest newest
    greatest worst first last record twice double doubled tripled halved compared increase increased
    increases decrease decreased decreases rose risen rise fell fallen drop dropped dropping grew grown
    declined decline surged surge jumped plunged soared only majority minority half third quarter
    average per higher lower larger smaller increasing decreasing
    """.split()
)
QUANTITY_WORDS = frozenset(
    """
    million millions billion billions trillion thousand thousands hundred hundreds dozen dozens percent
    per cent percentage tonnes tons kilometres kilometers miles metres meters dollars euros pounds
    troops soldiers people deaths dead killed injured wounded casualties victims votes cases
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy
    eighty ninety
    """.split()
)
PAST_MARKERS = frozenset(
    """
    was were had did has have been became began left took made built held won lost came went gave sent met
    signed passed killed arrived returned withdrew ended started launched opened closed announced agreed
    elected appointed removed handed
    """.split()
)
CAUSATION_WORDS = frozenset(
    """
    because caused causes causing triggered triggers consequence therefore hence blamed attributed
    fuelled fueled sparked prompted
    """.split()
)
LAW_WORDS = frozenset(
    """
    law laws legal illegal unlawful lawful unconstitutional constitution constitutional bill bills act
    statute statutes regulation regulations rule rules ruled ruling decree decrees treaty treaties
    agreement agreements accord ban banned bans prohibited prohibits prohibit permitted allowed requires
    required mandatory court courts judge legislation legislature parliament congress sanction sanctions
    sanctioned licence license fine fined penalty penalties violated violates violation violations
    sentenced convicted charged indicted
    """.split()
)
PREDICTION_WORDS = frozenset(
    """
    will could might forecast forecasts predicted predicts predict expect expects expected expecting
    likely unlikely projected projects going plans planned soon future
    """.split()
)
OPINION_WORDS = frozenset(
    """
    best worst great greatest terrible horrible awful amazing wonderful excellent beautiful ugly stupid
    brilliant fantastic disgraceful disgrace shameful shame outrageous ridiculous absurd pathetic
    incredible unbelievable obviously clearly surely undoubtedly unfortunately fortunately sadly hopefully
    should must ought deserve deserves wrong right good bad evil nice lovely disgusting heroic
    cowardly glorious magnificent perfect
    """.split()
)
OPINION_PHRASES = (
    "i think",
    "i believe",
    "i feel",
    "we think",
    "we believe",
    "in my opinion",
    "in my view",
    "in our view",
    "it seems",
    "i guess",
    "i suppose",
    "to be honest",
    "of course",
)
PROMISE_PHRASES = (
    "we will",
    "i will",
    "we shall",
    "i promise",
    "we promise",
    "we pledge",
    "i pledge",
    "we are committed",
    "we'll",
    "i'll",
    "we will continue",
)
EXHORTATION_OPENERS = frozenset(
    """
    let let's lets please do don't never always imagine join vote share stop support help remember think
    consider look listen watch read tell act stand rise fight demand call sign donate click subscribe follow
    """.split()
)
FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
EXPERIENCE_WORDS = frozenset(
    """
    saw seen heard felt experienced witnessed lived visited remember remembered met went
    """.split()
)
FUNCTION_CAPITALS = frozenset(
    """
    A An The This That These Those There Here It Its I He She We They You His Her Their Our My Your But And
    Or So Yet In On At For From With By Of To As If When While After Before Since Some Many Most Each Every
    All No Not One What Who Why How Where Which Is Are Was Were Will Would Can Could Should Do Does Did
    Has Have Had Let Please According However Meanwhile Also Then Now Later Experts Analysts Officials
    """.split()
)

# Subjects of public policy that checkable claims are usually about (lower case).
POLICY_WORDS = frozenset(
    """
    tax taxes budget deficit debt spending economy economic jobs job unemployment unemployed inflation wages
    wage income incomes prices price poverty growth trade tariffs exports imports oil energy gas climate
    emissions health healthcare insurance medicare medicaid hospitals crime crimes murder police prison
    prisons guns immigration immigrants border refugees schools education students teachers college
    military troops war weapons nuclear army soldiers veterans security terrorism terrorists government
    congress senate parliament election elections voters vote voted votes ballot court pension pensions
    social welfare housing farmers companies industry banks billion million trillion percent
    """.split()
)
# Spelled-out numbers ("seven percent", "twenty-two years"); "one" is left out, being mostly a pronoun.
NUMBER_WORDS = frozenset(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
    thousands million millions billion billions trillion trillions dozen dozens half twice double triple
    """.split()
)
# Phrases of conversation, not of statement ("you know", "let me", "thank you").
CONVERSATION_PHRASES = (
    "you know",
    "let me",
    "thank you",
    "thanks",
    "i want to",
    "i'd like",
    "i would like",
    "i'm going to",
    "we're going to",
    "look,",
    "well,",
    "excuse me",
    "i mean",
)
# Verbs of a public record: what an office-holder, a government or a company did.
RECORD_VERBS = frozenset(
    """
    voted vote votes voting vetoed veto supported supports opposed opposes proposed proposes signed signs passed
    cut cuts raised raises increased reduced created creates lost loses spent spends doubled tripled funded
    invested sponsored cosponsored approved rejected blocked ordered banned imposed lowered added eliminated
    closed opened built sold bought paid pays owes borrowed hired fired killed died
    """.split()
)
# Someone other than the speaker, whose record a claim is about.
THIRD_PARTIES = frozenset(
    """
    he she his her him they their them governor senator president opponent administration congress government
    republicans democrats minister ministry company army police officials
    """.split()
)
# Obligation and wish: what should be, not what is.
OBLIGATION_WORDS = frozenset("should must ought need needs want wants hope wish deserve deserves".split())
# Verbs of thinking and feeling: the speaker's mind, not the world ("I believe", "we hope").
COGNITION_WORDS = frozenset(
    """
    think thinks thought believe believes feel feels felt hope hopes wish know knows agree agrees disagree
    understand guess suppose doubt imagine wonder care love like appreciate
    """.split()
)
# Countries, regions and US states (one word each, or the word that names them: "Korea", "Arabia").
PLACES = frozenset(
    """
    afghanistan albania algeria angola argentina armenia australia austria azerbaijan bahrain bangladesh
    belarus belgium benin bolivia bosnia botswana brazil bulgaria burkina burundi cambodia cameroon canada
    chad chile china colombia congo croatia cuba cyprus czech denmark egypt eritrea estonia ethiopia finland
    france gabon gambia georgia germany ghana greece guatemala guinea haiti honduras hungary iceland india
    indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya korea kosovo kuwait
    kyrgyzstan laos latvia lebanon liberia libya lithuania luxembourg madagascar malawi malaysia mali malta
    mauritania mexico moldova mongolia montenegro morocco mozambique myanmar namibia nepal netherlands
    nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru philippines poland portugal
    qatar romania russia rwanda arabia senegal serbia sierra singapore slovakia slovenia somalia spain sudan
    sweden switzerland syria taiwan tajikistan tanzania thailand togo tunisia turkey turkmenistan uganda
    ukraine emirates britain england scotland wales uruguay uzbekistan venezuela vietnam yemen zambia
    zimbabwe europe africa asia america americas sahel sahara balkans caribbean gaza kremlin beijing moscow
    washington london paris brussels kyiv kiev tehran baghdad kabul alabama alaska arizona arkansas
    california colorado connecticut delaware florida hawaii idaho illinois indiana iowa kansas kentucky
    louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada
    ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin wyoming
    """.split()
)
# Hypotheticals and vague amounts: what might be, or how much without saying how much.
HYPOTHETICAL_WORDS = frozenset("if unless suppose supposing imagine whether".split())
VAGUE_AMOUNTS = frozenset("lot lots plenty bunch somewhat something somebody someone stuff things".split())
# Superlatives beyond the comparisons above: the claim is about a record ("the deadliest", "the richest").
SUPERLATIVES = frozenset(
    """
    wealthiest richest poorest deadliest strongest weakest hottest coldest warmest busiest cheapest fastest
    slowest heaviest tallest deepest widest safest largest biggest highest lowest smallest greatest fewest
    youngest oldest newest longest shortest earliest hardest toughest worst least most
    """.split()
)
# Verbs of saying that name a claim's source ("X said", "according to X"); claimant.py looks for them.
SAYING_WORDS = frozenset(
    """
    said says say told tells announced announces stated claimed claims reported reports confirmed confirms
    added wrote writes noted declared insisted warned estimated estimates according
    """.split()
)

# ---- more check-worthiness signals: what a checkable statement talks about, and what a speech does ----

# What did not happen, said of the past: "he never voted for it", "the plan didn't pass".
NEGATED_PAST = frozenset("never didn't wasn't weren't hasn't haven't hadn't".split())
# Money, business and work: the matter of most figures ("spending", "taxpayers", "wages").
ECONOMY_WORDS = frozenset(
    """
    money dollars dollar pay paid paying spending spend spent costs cost businesses business companies company
    production market financial credit taxpayer taxpayers employees workers wages loans loan
    """.split()
)
# Modal verbs and the bare "be": what can, would or may be, not what is.
MODALS = frozenset("can can't cannot will won't would wouldn't could couldn't may might shall be".split())
# The occasion of the speech itself ("tonight", "here", "this audience"), not the world it reports on.
OCCASION_WORDS = frozenset("tonight here audience".split())
# Values and aspirations, the stuff of rhetoric rather than record ("freedom", "a better future").
VALUE_WORDS = frozenset(
    """
    freedom values opportunity future strong strength important difficult better good life family families
    dream dreams hope century challenge challenges tough great greatness proud pride vision leadership together
    """.split()
)
# Programmes, plans and the bodies that run them: things with a record ("the bill", "the budget").
PROGRAM_WORDS = frozenset(
    """
    program programs programme programmes bill bills plan budget administration federal agreement commission
    board department fund loans loan insurance amendment proposal report agency
    """.split()
)
# Words of statistics: shares, rates and changes ("half", "the average", "doubled", "per").
STATISTIC_WORDS = frozenset(
    """
    per average half quarter third percent percentage rate rates increased increase decreased decrease doubled
    tripled halved twice majority total median
    """.split()
)
# Superlatives of measure, which rank something on a scale a record can settle ("the lowest").
RANKING_WORDS = frozenset(
    "largest lowest highest wealthiest richest poorest deadliest fewest biggest smallest".split()
)
# Taking a side on the record: "voted against", "fought the bill", "vetoed".
STANCE_WORDS = frozenset("against opposed oppose fought fight vetoed blocked defeated rejected".split())
# Words that anchor a statement in a period ("since 1998", "during the war", "under this government").
TIME_ANCHORS = frozenset("since during until under ago previous previously history".split())
# Trends: "prices are going up", "exports are growing".
TREND_WORDS = frozenset("up down growing rising falling shrinking backwards soaring skyrocketing".split())
# Obligation spelled as a phrase ("we have to", "you've got to"); the trailing space keeps "have told" out.
OBLIGATION_PHRASES = ("have to ", "has to ", "got to ", "need to ", "needs to ", "ought to ", "gotta ")

# ---- signals of debate claims: what a record is made of, and what talk is made of ----

# Large amounts, which a budget or a census can settle ("thousands of jobs", "a trillion dollars").
LARGE_NUMBERS = frozenset("thousand thousands million millions billion billions trillion trillions".split())
# Appeals to facts and the record ("the fact is", "the report", "his record").
EVIDENCE_WORDS = frozenset(
    """
    fact facts true truth record evidence indicated report reports numbers figures data statistics proof
    proven study studies
    """.split()
)
# Deeds: what someone did, which a record can show ("he supported", "we already did", "they sent").
DEED_VERBS = frozenset(
    """
    already done did took made achieved accomplished delivered supported fought vetoed ran sent brought kept
    put gave opposed voted
    """.split()
)
# Talk about talking ("let me say", "we discussed", "in this debate"): the speech, not the world.
TALK_WORDS = frozenset("say talk talked talking speak speaking discuss discussed debate".split())
# Speaking for a government, a party or a country ("we cut", "our troops"), not for oneself.
COLLECTIVE_WORDS = frozenset("we we've we're our".split())
# How things stand ("there are", "now", "today"): a state of the world one can look up.
PRESENT_STATE_WORDS = frozenset("now are were there today currently".split())
# Defence and foreign affairs, matters of record (treaties, troops, weapons, attacks).
SECURITY_WORDS = frozenset(
    """
    foreign countries missiles missile sanctions arms nuclear weapons soviet allies nato treaty air attack
    attacks troops qaida terrorists terrorist border guns gun bomb bombs
    """.split()
)
# Abstract talk: ways, issues, sides and problems rather than what happened.
ABSTRACT_WORDS = frozenset(
    """
    way issue issues side politics view step opportunities opportunity question problem problems matter thing
    things
    """.split()
)
# Offices whose holders have a record ("the governor", "the secretary").
OFFICE_TITLES = frozenset(
    "president president's secretary general senator governor congressman minister chairman".split()
)
# The country and its government named in general ("America", "the United States", "Washington"):
# the stuff of rhetoric in a national debate, not a particular entity.
NATION_WORDS = frozenset(
    "united states america america's americans american nation nation's congress washington government".split()
)

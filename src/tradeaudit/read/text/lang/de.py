"""German: numbers with a decimal comma and thousands dots or spaces ("1,5 Mrd. Euro",
"€ 1 195,8 Milliarden", "1.234,5 Mio."), scales and currencies, directions ("höher",
"gestiegen", "(+ 5,9 %)"), year-on-year words ("gegenüber dem Vorjahr"), months and halves,
and the words before a flow that name no part ("die deutschen Exporte")."""

from __future__ import annotations

import re

# A German text: its function words outnumber English ones.
_DE_WORDS = re.compile(r"\b(?:der|die|das|und|im|mit|von|bei|wurden?|gegenüber|Milliarden|Mrd|Mio|"
                       r"Prozent)\b", re.IGNORECASE)
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|was|were|billion|percent)\b", re.IGNORECASE)


def is_german(text: str) -> bool:
    de, en = len(_DE_WORDS.findall(text)), len(_EN_WORDS.findall(text))
    return de >= 5 and de > 2 * en


NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+,\d+|\d+(?:,\d+)?"
SCALE_WORDS = {"tsd.": "k", "tausend": "k", "mio.": "m", "mio": "m", "million": "m",
               "millionen": "m", "mrd.": "bn", "mrd": "bn", "milliarde": "bn",
               "milliarden": "bn", "billion": "tn", "billionen": "tn"}
CURRENCY_WORDS = {"euro": "EUR", "dollar": "USD", "us-dollar": "USD", "won": "KRW",
                  "yen": "JPY", "yuan": "CNY"}
QUANTITY = re.compile(
    r"(?P<sign>[$€£¥₩]|US\$|\b(?:USD|KRW|EUR|JPY|CNY|GBP)\s?)?\s?"
    r"(?P<num>" + NUM + r")"
    r"(?P<tail>\s?(?:%|Prozentpunkte|Prozent)"
    r"|\s?(?:Tsd\.|Tausend|Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Milliarde|Billionen)"
    r"(?:\s(?:Euro|US-Dollar|Dollar|Won|Yen|Yuan)\b)?|\s(?:Euro|US-Dollar|Dollar)\b)?")
UP = [r"gestiegen", r"stieg\w*", r"zugelegt", r"zulegt\w*", r"zugenommen", r"höher",
      r"anstieg\w*", r"wuchs\w*", r"gewachsen"]
DOWN = [r"gesunken", r"sank\w*", r"gefallen", r"niedriger", r"rückgang\w*", r"abnahm\w*",
        r"abgenommen", r"verringert\w*", r"zurückgegangen"]
# The direction a German sentence gives after the number ("um 6,4 % ... höher als",
# "nahmen ... um 37,7 % ... zu").
DIRECTION_AFTER = re.compile(r"[^.;:]{0,60}?\b(höher|gestiegen|zugelegt|zu|niedriger|gesunken|"
                             r"abnahmen|ab|zurückgegangen)\b", re.IGNORECASE)
YEAR_ON_YEAR = r"gegenüber dem vorjahr|gegenüber dem vorjahresmonat|vorjahresmonat"
FORECAST = r"\b(?:prognose\w*|erwartet\w*|voraussichtlich)\b"
SEASONALLY = re.compile(r"saisonbereinigt|kalenderbereinigt|\bbereinigt\b", re.IGNORECASE)
# "gegenüber dem Vormonat April 2007", "im Vergleich zum Vormonat": on the month before
ON_PREVIOUS = r"gegenüber dem vormonat|im vergleich zum vormonat|\bvormonat\b"
# "die deutschen Exporte", "Deutscher Außenhandel": a text calling its trade German reports on
# Germany, and "von Deutschland ... exportiert" is its total, not a partner
OWN_TRADE = {"country=DE": re.compile(r"\bdeutsch(?:e|er|en|es)?\b", re.IGNORECASE)}


def reporter(text: str) -> str:
    """The country a German text reports on, by the adjective it gives its trade; "" if none."""
    return next((key for key, words in OWN_TRADE.items() if words.search(text)), "")


# "um 9,1 Milliarden Dollar ... gestiegen": an amount after um, with a verb of change, is the
# change ("auf 20 Milliarden Dollar" the level it reached)
CHANGE_BEFORE = re.compile(r"\bum\s*$", re.IGNORECASE)
# "ein Plus von 9,3%", "einem Minus von 2,1 %": the direction before the number
PLUS_BEFORE = re.compile(r"\b(?:ein|einem|eines)\s+(?:\w+\s+)?(plus|minus)\s+(?:von\s+)?$",
                         re.IGNORECASE)
# the direction given right after the number, before any other number ("die Importe von dort
# nahmen um 5,5% ab" after "stiegen die Exporte um 7,6%")
DIRECTION_NEXT = re.compile(r"[^.;:\d]{0,40}?\b(höher|gestiegen|zugelegt|zu|niedriger|"
                            r"gesunken|abnahmen|ab|zurückgegangen)\b(?=\W*$|\W+(?:und|während)\b)",
                            re.IGNORECASE)
MONTHS = {m: i for i, m in enumerate(["januar", "februar", "märz", "april", "mai", "juni",
                                        "juli", "august", "september", "oktober",
                                        "november", "dezember"], start=1)}
MONTH = "|".join(MONTHS)
# "im September 2010", "im Jahr 2015", "im ersten Halbjahr 2013"; "gegenüber September 2009",
# "als im Jahr 2014", "aus dem Jahr 2014" name a base, not the sentence's period
BASE_BEFORE = re.compile(r"(?:gegenüber|verglichen mit|im vergleich zu[mr]?|als|aus|seit)\s+(?:de[mnrs]\s+)?"
                         r"(?:jahre?s?\s+|monat\s+)?$", re.IGNORECASE)
UNDATED = r"\bim\s+(?:" + MONTH + r")\b(?!\s+\d)"
NOT_SEGMENT = """der die das den dem des ein eine einem einen einer und oder im in von vom mit
    aus zu zum zur für bei auf um als auch damit wurden waren ist sind war deutsche deutschen
    deutscher gesamten gesamte insgesamt wert waren güter warenhandel ihr ihre bisher
    bisherige bisherigen höchsten höchste höchster niedrigsten neuen starken starkes deutlich
""".split()  # noqa: SIM905 - a word list reads better as text
# Flow verbs after the amount: "Waren im Wert von 52,1 Milliarden Euro versandt"
FLOW_AFTER = 40
FLOW_VERBS = frozenset(["exportiert", "importiert", "versandt", "bezogen", "geliefert",
                        "ausgeführt", "eingeführt"])
THEN = re.compile(r"\W*(?:damals|at the time|at that time|당시|当时|當時)\b", re.IGNORECASE)
HALVES = {"ersten": "H1", "zweiten": "H2"}


def period(s: str, published: str = "", unnamed: int = 0) -> str:
    """The period a German sentence names: "im ersten Halbjahr 2013", "im September 2010",
    "im Jahr 2015" (not a base: "gegenüber September 2009", "als im Jahr 2014"), or a month
    or half without its year dated by the publication (YYYY-MM-DD), else, in a text whose
    year is unnamed, of that `unnamed` year."""
    low = s.lower()
    m = re.search(r"\b(ersten|zweiten) halbjahr(?:es)?\s+((?:19|20)\d\d)\b", low)
    if m:
        return f"{m.group(2)}-{HALVES[m.group(1)]}"
    for m in re.finditer(r"\b(" + MONTH + r")\s+((?:19|20)\d\d)\b", low):
        if not BASE_BEFORE.search(low[:m.start()]):
            return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"
    for m in re.finditer(r"\b(?:im jahre?|in)\s+((?:19|20)\d\d)\b", low):
        if not BASE_BEFORE.search(low[:m.start()]):
            return m.group(1)
    return _undated(low, published, unnamed)


def _undated(low: str, published: str, unnamed: int = 0) -> str:
    """A month or half named without its year, dated by the publication, or of the year the
    text does not name (`unnamed`) when it has no date."""
    dated = bool(re.match(r"\d{4}-\d\d", published or ""))
    if not dated and not unnamed:
        return ""
    year, now = (int(published[:4]), int(published[5:7])) if dated else (unnamed, 12)
    m = re.search(r"\bim\s+(" + MONTH + r")\b(?!\s+\d)", low)
    if m and not BASE_BEFORE.search(low[:m.start()]):
        month = MONTHS[m.group(1)]
        return f"{year - 1 if month > now else year}-{month:02d}"
    m = re.search(r"\b(ersten|zweiten) halbjahr", low)
    if m and (m.group(1) == "ersten" and now > 6):
        return f"{year}-H1"
    if m and not dated and not BASE_BEFORE.search(low[:m.start()]):
        return f"{year}-{HALVES[m.group(1)]}"
    return ""


def unnamed_parts(low: str) -> set[str]:
    """The halves and months a German sentence names as its own without their year ({"H1",
    "09"}), not as a base ("gegenüber dem ersten Halbjahr", "weniger als im September")."""
    found = {HALVES[m.group(1)] for m in re.finditer(r"\b(ersten|zweiten) halbjahr(?:es)?\b(?!\s+\d)", low)
             if not BASE_BEFORE.search(low[:m.start()])}
    return found | {f"{MONTHS[m.group(1)]:02d}" for m in re.finditer(r"\bim\s+(" + MONTH + r")\b(?!\s+\d)", low)
                    if not BASE_BEFORE.search(low[:m.start()])}


def undated(s: str) -> bool:
    """Whether a German sentence names a month without its year that is its own period ("im
    September"), not a base ("weniger als im September")."""
    low = s.lower()
    return any(not BASE_BEFORE.search(low[:m.start()])
               for m in re.finditer(UNDATED, low))


_DOWN_WORDS = ("niedriger", "gesunken", "abnahmen", "ab", "zurückgegangen", "minus")


def direction(before: str, after: str) -> tuple[bool, bool] | None:
    """(down, up) as a German sentence gives it for the number between `before` and `after`:
    "ein Plus von 9,3%", or a verb particle right after the number and before any other
    ("nahmen um 5,5% ab"); None when neither says."""
    m = PLUS_BEFORE.search(before) or DIRECTION_NEXT.match(after)
    if not m:
        return None
    word = m.group(1).lower()
    return word in _DOWN_WORDS, word not in _DOWN_WORDS


# "Die deutsche Leistungsbilanz schloss … mit einem Überschuss von 14,0 Milliarden Euro ab":
# the current account of the balance of payments and its parts, not foreign trade in goods
CURRENT_ACCOUNT = re.compile(r"leistungsbilanz", re.IGNORECASE)
# "um fünf Prozent": small numbers spelled out before a percent
NUMBER_WORDS = {"zwei": "2", "drei": "3", "vier": "4", "fünf": "5", "sechs": "6", "sieben": "7",
                "acht": "8", "neun": "9", "zehn": "10", "elf": "11", "zwölf": "12"}
WORD_PERCENT = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\s+(?:Prozent|%)", re.IGNORECASE)

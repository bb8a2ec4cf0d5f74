"""German: numbers with a decimal comma and thousands dots or spaces ("1,5 Mrd. Euro",
"€ 1 195,8 Milliarden", "1.234,5 Mio."), scales and currencies (Swiss francs too), directions
("höher", "gestiegen", "(+ 5,9 %)", "ein Zuwachs von", "über dem Vorjahreswert"), changes ("um
3,3 Milliarden zu"), year-on-year words ("gegenüber dem Vorjahr"), months (Austrian Jänner),
spans of months, halves and quarters, and the words before a flow that name no part of it
("die deutschen Exporte")."""

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
# (Swiss francs: "210,7 Mrd. Fr.", "287,0 Milliarden Franken", "CHF 54,3 Milliarden")
CURRENCY_WORDS = {"euro": "EUR", "€": "EUR", "dollar": "USD", "us-dollar": "USD", "won": "KRW",
                  "yen": "JPY", "yuan": "CNY", "franken": "CHF", "fr.": "CHF", "chf": "CHF"}
_TAIL = (r"(?P<tail>\s?(?:%|Prozentpunkte|Prozent)"
         r"|\s?(?:Tsd\.|Tausend|Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Milliarde|Billionen)"
         r"(?:\s(?:(?:Euro|US-Dollar|Dollar|Won|Yen|Yuan|Franken|CHF)\b|Fr\.|€))?"
         r"|\s(?:(?:Euro|US-Dollar|Dollar|Franken|CHF)\b|Fr\.))?")
QUANTITY = re.compile(
    r"(?P<sign>[$€£¥₩]|US\$|\b(?:USD|KRW|EUR|JPY|CNY|GBP|CHF)\s?)?\s?"
    r"(?P<num>" + NUM + r")" + _TAIL)
# "69,9 (71,2) Prozent": the figure and, in parentheses, the same one a year before
PAIRED = re.compile(r"(?P<a>" + NUM + r")\s*\(\s*(?P<b>" + NUM + r")\s*\)" + _TAIL)
# Digits that are no quantity: a date ("29.01.2026"), a time ("02:10"), a name ("EU-25", "G-7")
NOT_QUANTITY = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|"
                          r"\b[A-Za-z]{1,4}-\d+\b")
QUALIFIER_WORDS = {"rund": "about", "etwa": "about", "ca.": "about", "circa": "about",
                   "knapp": "nearly", "fast": "nearly", "beinahe": "nearly", "nahezu": "nearly",
                   "über": "over", "mehr als": "over", "unter": "under", "weniger als": "under"}
# "die Schallmauer von 100 Mrd. Euro durchbrochen", "die Marke von 50 Milliarden": a threshold
THRESHOLD = re.compile(r"(?:\b(?:schallmauer|marke|schwelle|grenze)\s+(?:von\s+)?|"
                       r"\berstmals\s+(?:über|mehr als)\s+)[$€]?\s*$", re.IGNORECASE)
UP = [r"gestiegen\w*", r"stieg\w*", r"zugelegt", r"zulegt\w*", r"zugenommen", r"höher",
      r"anstieg\w*", r"wuchs\w*", r"gewachsen", r"zuwachs\w*", r"zunahme", r"erhöht\w*",
      r"kletter\w*"]
DOWN = [r"gesunken\w*", r"sank\w*", r"gefallen", r"niedriger", r"rückgang\w*", r"abnahm\w*",
        r"abgenommen", r"verringert\w*", r"zurückgegangen\w*", r"rückläufig\w*", r"schrumpf\w*",
        r"geschrumpft"]
_DOWN_WORDS = ("niedriger", "gesunken", "abnahmen", "ab", "zurückgegangen", "minus", "weniger",
               "unter", "rückgang", "abnahme", "einbruch", "verringerung", "sanken", "sank",
               "zurück", "schrumpf", "nachgab")
# ("gingen um 0,7 Prozent auf 93,2 Mrd. zurück": zurückgehen, separated)
_DIRECTION = (r"höher|gestiegen\w*|zugelegt|zu|niedriger|gesunken\w*|abnahmen|ab|"
              r"zurückgegangen\w*|plus|minus|zurück")
def _down(word: str) -> bool:
    return word.lower().startswith(_DOWN_WORDS)


def _words(text: str) -> str:
    """Text with the dots of scale abbreviations out of the way ("93,2 Mrd. zurück")."""
    return re.sub(r"\b(Mrd|Mio|Tsd)\.", r"\1 ", text)


def direction_after(after: str) -> tuple[bool, bool]:
    """(down, up) as the first direction word after a number in its clause says."""
    m = DIRECTION_AFTER.match(_words(after))
    return (_down(m.group(1)), not _down(m.group(1))) if m else (False, False)


# The direction a German sentence gives after the number ("um 6,4 % ... höher als",
# "nahmen ... um 37,7 % ... zu", "22,5 Prozent Plus")
DIRECTION_AFTER = re.compile(r"[^.;:]{0,60}?\b(" + _DIRECTION + r")\b", re.IGNORECASE)
# "um 27,3% über dem Vorjahreswert", "um 4,4 Prozent unter dem Wert des Vorjahres", "um 20,2%
# mehr als im Jänner 2010", "um 14,5 Prozent mehr exportiert als"
COMPARED_AFTER = re.compile(
    r"\s*(?:(über|unter)\s+(?:dem|den|der)\s+(?:\w+\s+){0,2}?(?:vorjahr\w*|vergleichswert\w*|"
    r"wert\w*\s+(?:des|vom|aus\s+dem)\s+vorjahr\w*|niveau\s+des\s+vorjahr\w*)|"
    r"(?:\w+\s+)?(mehr|weniger)\b)", re.IGNORECASE)
YEAR_ON_YEAR = r"gegenüber dem vorjahr|gegenüber dem vorjahresmonat|vorjahresmonat|vorjahreswert"
FORECAST = (r"\b(?:prognose\w*|prognostiziert\w*|erwartet\w*|voraussichtlich|gerechnet|"
            r"rechnet\w*)\b")
SEASONALLY = re.compile(r"saisonbereinigt|kalenderbereinigt|arbeitstägig bereinigt|"
                        r"arbeitstagbereinigt|\bbereinigt\b", re.IGNORECASE)
# "gegenüber dem Vormonat April 2007", "im Vergleich zum Vormonat": on the month before
ON_PREVIOUS = r"gegenüber dem vormonat|im vergleich zum vormonat|\bvormonat\b|\bvorquartal\b"
# "die deutschen Exporte", "Deutscher Außenhandel": a text calling its trade German reports on
# Germany, and "von Deutschland ... exportiert" is its total, not a partner
OWN_TRADE = {"country=DE": re.compile(r"\bdeutsch(?:e|er|en|es)?\b", re.IGNORECASE)}


def reporter(text: str) -> str:
    """The country a German text reports on, by the adjective it gives its trade; "" if none."""
    return next((key for key, words in OWN_TRADE.items() if words.search(text)), "")


# "ein Plus von 9,3%", "einem Minus von 2,1 %", "einen Zuwachs von 26,3%", "einem Anstieg von
# 24,1%", "ein Rückgang um 3,8 Prozent": the direction before the number
PLUS_BEFORE = re.compile(r"(?:\(\s*(plus|minus)\s+|\b(?:ein|einem|einen|eines|der|das|den)\s+"
                         r"(?:\w+\s+)?(plus|minus|zuwachs|anstieg|rückgang|zunahme|abnahme|"
                         r"einbruch|verringerung)\s+(?:\w+\s+){0,4}?(?:von|um)\s+(?:\w+\s+)?)$",
                         re.IGNORECASE)
# the direction given right after the number, before any other number ("die Importe von dort
# nahmen um 5,5% ab" after "stiegen die Exporte um 7,6%")
# (and a subordinate clause's verb at its end, past the level reached: "während die Importe
# um 9,7 Prozent auf 1352 Milliarden Euro zulegten")
_FINITE = (r"zulegten|zulegte|stiegen|stieg|sanken|sank|wuchsen|wuchs|zunahmen|zunahm|"
           r"zurückgingen|zurückging|abnahm|schrumpften|schrumpfte|kletterten|kletterte|"
           r"nachgaben|nachgab")
DIRECTION_NEXT = re.compile(r"(?:[^.;:\d]|(?<=\bauf\s)\d[\d.,]*){0,60}?\b(" + _DIRECTION + "|" +
                            _FINITE + r")\b(?=\W*$|\W+(?:und|während)\b)",
                            re.IGNORECASE)
MONTHS = {m: i for i, m in enumerate(["januar", "februar", "märz", "april", "mai", "juni",
                                        "juli", "august", "september", "oktober",
                                        "november", "dezember"], start=1)}
MONTHS |= {"jänner": 1, "feber": 2}  # Austrian house style
MONTH = "|".join(MONTHS)
# "im September 2010", "im Jahr 2015", "im ersten Halbjahr 2013"; "gegenüber September 2009",
# "als im Jahr 2014", "aus dem Jahr 2014", "ab Februar 2010" name a base, not the sentence's
# period
BASE_BEFORE = re.compile(r"(?:gegenüber|verglichen mit|im vergleich zu[mr]?|als|aus|seit|ab)\s+"
                         r"(?:de[mnrs]\s+|im\s+|vom\s+)?(?:jahre?s?\s+|monat\s+|"
                         r"(?:vergleichs)?zeitraum\s+)?$",
                         re.IGNORECASE)
UNDATED = r"\bim\s+(?:" + MONTH + r")\b(?!\s+\d)"
# "Jänner bis Dezember 2006" (the year), "Januar bis Juni" (the first half), "April bis Juni"
SPAN = re.compile(r"\b(" + MONTH + r")\s+(?:bis|und)\s+(?:ende\s+)?(" + MONTH + r")\b"
                  r"(?:\s+((?:19|20)\d\d)\b)?")
SPAN_PERIOD = {(1, 12): "", (1, 6): "-H1", (7, 12): "-H2", (1, 3): "-Q1", (4, 6): "-Q2",
               (7, 9): "-Q3", (10, 12): "-Q4"}
# Months from January to another that is no quarter's or half's end: a total to date
YEAR_TO_DATE = (r"\b(?:januar|jänner)\s+bis\s+(?:ende\s+)?(?:februar|feber|april|mai|juli|august|"
                r"september|oktober|november)\b|\bersten\s+(?:zwei|vier|fünf|sieben|acht|neun|"
                r"zehn|elf|[2457-9]|1[01])\s+monate|\bersten\s+(?:zwei|drei|2|3)\s+quartale")
# "im 1. Quartal 2016", "am 3. Oktober": an ordinal number, no sentence's end
ORDINAL_NOUN = r"(?:Quartals?|Halbjahr(?:es)?|" + "|".join(m.title() for m in MONTHS) + r")\b"
QUARTER_WORDS = {"ersten": "Q1", "zweiten": "Q2", "dritten": "Q3", "vierten": "Q4", "1.": "Q1",
                 "2.": "Q2", "3.": "Q3", "4.": "Q4"}
NOT_SEGMENT = """der die das den dem des ein eine einem einen einer und oder im in von vom mit
    aus zu zum zur für bei auf um als auch damit wurden waren ist sind war deutsche deutschen
    deutscher gesamten gesamte insgesamt wert waren güter warenhandel ihr ihre bisher
    bisherige bisherigen höchsten höchste höchster niedrigsten neuen starken starkes deutlich
    sie diese dieser dort es er aller alle sämtlicher heimischen heimische österreichischen
    schweizer schweizerischen wirtschaft unternehmen firmen länder ländern staaten staat land
    höhe umfang volumen milliarden millionen mrd mio euro franken prozent deutschland
    österreich schweiz
""".split()  # noqa: SIM905 - a word list reads better as text
# Flow verbs after the amount: "Waren im Wert von 52,1 Milliarden Euro versandt"
FLOW_AFTER = 40
FLOW_VERBS = frozenset(["exportiert", "importiert", "versandt", "bezogen", "geliefert",
                        "ausgeführt", "eingeführt"])
THEN = re.compile(r"\W*(?:damals|at the time|at that time|당시|当时|當時)\b", re.IGNORECASE)
HALVES = {"ersten": "H1", "zweiten": "H2"}


def period(s: str, published: str = "", unnamed: int = 0) -> str:
    """The period a German sentence names: "im ersten Halbjahr 2013", "im 1. Quartal 2016",
    "von Jänner bis Dezember 2006", "im September 2010", "im Jahr 2015" (not a base:
    "gegenüber September 2009", "als im Jahr 2014", "im Vergleich zum Zeitraum Jänner bis
    Dezember 2005"), or a month or half without its year dated by the publication
    (YYYY-MM-DD), else, in a text whose year is unnamed, of that `unnamed` year."""
    low = s.lower()
    m = re.search(r"\b(erste|zweite)[nms]? halbjahr(?:es)?\s+((?:19|20)\d\d)\b", low)
    if m:
        return f"{m.group(2)}-{HALVES[m.group(1) + 'n']}"
    m = re.search(r"(?:\b(ersten|zweiten|dritten|vierten)\s+|(?<!\d)([1-4]\.)\s*)quartals?\s+"
                  r"((?:19|20)\d\d)\b", low)
    if m:
        return f"{m.group(3)}-{QUARTER_WORDS[m.group(1) or m.group(2)]}"
    for m in SPAN.finditer(low):
        if BASE_BEFORE.search(low[:m.start()]):  # (a base: not the sentence's, nor its months)
            low = low[:m.start()] + " " * (m.end() - m.start()) + low[m.end():]
            continue
        span = SPAN_PERIOD.get((MONTHS[m.group(1)], MONTHS[m.group(2)]))
        year = m.group(3) or _year_of(MONTHS[m.group(2)], published)
        if span is not None and year:
            return year + span
    for m in re.finditer(r"\b(" + MONTH + r")\s+((?:19|20)\d\d)\b", low):
        if not BASE_BEFORE.search(low[:m.start()]):
            return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"
    for m in re.finditer(r"\b(?:im jahre?|in)\s+((?:19|20)\d\d)\b", low):
        if not BASE_BEFORE.search(low[:m.start()]):
            return m.group(1)
    return _undated(low, published, unnamed)


def _year_of(month: int, published: str) -> str:
    """The year of the latest such month not after the publication, "" without one."""
    if not re.match(r"\d{4}-\d\d", published or ""):
        return ""
    year, now = int(published[:4]), int(published[5:7])
    return str(year - 1 if month > now else year)


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
    m = re.search(r"\b(erste|zweite)[nms]? halbjahr", low)
    if m and (m.group(1) == "erste" and now > 6):
        return f"{year}-H1"
    if m and not dated and not BASE_BEFORE.search(low[:m.start()]):
        return f"{year}-{HALVES[m.group(1) + 'n']}"
    if re.search(r"\b(?:das|dem|im)\s+halbjahr\b", low):
        return f"{year}-H1" if now > 6 else f"{year - 1}-H2"
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
    return bool(undated_month(s))


def undated_month(s: str) -> int:
    """The month a German sentence names without its year as its own period, 0 if none."""
    low = s.lower()
    return next((MONTHS[m.group(0).split()[-1]] for m in re.finditer(UNDATED, low)
                 if not BASE_BEFORE.search(low[:m.start()])), 0)


def direction(before: str, after: str) -> tuple[bool, bool] | None:
    """(down, up) as a German sentence gives it for the number between `before` and `after`:
    "ein Plus von 9,3%", "einen Zuwachs von 26,3%", a verb particle right after the number and
    before any other ("nahmen um 5,5% ab"), "22,5 Prozent Plus", or a comparison right after
    it ("um 27,3% über dem Vorjahreswert", "um 20,2% mehr als im Jänner 2010"); None when
    none says."""
    m = PLUS_BEFORE.search(before) or DIRECTION_NEXT.match(_words(after)) or \
        PARTICIPLE.match(after)
    if m:
        word = next(g for g in m.groups() if g).lower()
    else:
        m = COMPARED_AFTER.match(after)
        if not m or not (m.group(1) or m.group(2)):
            return None
        word = (m.group(1) or m.group(2)).lower()
    return _down(word), not _down(word)


# An amount that is a change: "um 3,3 Milliarden zu", "ein Rückgang um 307 Millionen", "das
# Plus betrug noch 3,6 Milliarden Euro", "16,1 Milliarden Euro mehr als im Vorjahr"
CHANGE_BEFORE = re.compile(r"(?:\b(?:ein|einem|einen|der|das|den)\s+(?:\w+\s+)?(plus|minus|zuwachs|"
                           r"anstieg|rückgang|zunahme|abnahme|einbruch)\b[^.;\d]{0,30}|\bum)\s*"
                           r"[$€]?\s*$", re.IGNORECASE)
PARTICLE = re.compile(r"\s*(?:\w+\s+){0,2}?(zu|ab)\b(?=\s*[,.;)]|\s*$)", re.IGNORECASE)
CHANGE_AFTER = re.compile(r"\s*(mehr|weniger)\b(?!\s+als\s+(?:[$€]\s*)?\d)", re.IGNORECASE)


def change(before: str, after: str) -> str:
    """Whether an amount between the words `before` and `after` it is a change: "down",
    "up", "?" when the words do not say which way ("der von Schmuck um 347 Millionen", the
    verb said once before), "" when it is none."""
    if re.search(r"\bwaren\s+um\s*[$€]?\s*$", before, re.IGNORECASE):
        return ""  # "Waren um 16,70 Mrd. Euro" (Austrian: goods worth)
    m = CHANGE_BEFORE.search(before)
    if m and m.group(1):
        return "down" if _down(m.group(1)) else "up"
    if m:  # "stiegen um 8,0 Milliarden", "legte um 850 Millionen zu": the verb says which way
        particle = PARTICLE.match(_words(after))
        if particle:
            return "down" if particle.group(1).lower() == "ab" else "up"
        told = direction("", after)
        if told:
            return "down" if told[0] else "up"
        verb = DIRECTION_AFTER.match(_words(after))  # "um 9,1 Milliarden auf 20 Milliarden
        if verb:  # gestiegen": the verb after the level gives the change its way
            return "down" if _down(verb.group(1)) else "up"
        cues = re.findall(r"(?<!\w)(" + "|".join(UP + DOWN) + r")(?!\w)", before.lower())
        if cues:
            return "down" if re.fullmatch("|".join(DOWN), cues[-1]) else "up"
        return "?"
    m = CHANGE_AFTER.match(after)
    return ("down" if _down(m.group(1)) else "up") if m else ""


# A share: "Exportquote in die EU ... 69,9 Prozent", "der heimische Ausfuhranteil in
# Drittstaaten 30,1 Prozent", "die 53 Prozent der Gesamtsumme ausmachen", "machen 53 Prozent
# aller Schweizer Exporte aus", "30,1 Prozent der Gesamtexporte"
SHARE_BEFORE = re.compile(r"anteil|quote\b|entfiel\w*|entfallen", re.IGNORECASE)
SHARE_AFTER = re.compile(r"\s*(?:der\s+gesamt\w*|aller\s+(?:\w+\s+)?(?:exporte|importe|"
                         r"ausfuhren|einfuhren)\b[^.;,]{0,12}\baus\b|[^.;]{0,40}\bausmach\w*)",
                         re.IGNORECASE)


def share(near: str, post: str, flow_word: str = "") -> bool:
    """Whether the words around a percentage, or its flow's word ("Exportquote"), make it a
    share of a whole."""
    return bool(SHARE_BEFORE.search(near) or SHARE_AFTER.match(post) or
                SHARE_BEFORE.search(flow_word))


# A month a growth is compared with: "weniger als im September", "gegenüber Oktober 2016",
# "im Vergleich zum September 2017" ((month, year or 0))
BASE_MONTH = re.compile(r"(?:gegenüber|verglichen mit|im vergleich (?:zu[mr]?|mit)|als)\s+"
                        r"(?:de[mnrs]\s+|"
                        r"im\s+|vom\s+)?(" + MONTH + r")\b(?:\s+((?:19|20)\d\d)\b)?",
                        re.IGNORECASE)


def base_month(before: str, after: str) -> tuple[int, int] | None:
    """The month (and year, 0 when not printed) a number is compared with: the first named
    after it in its clause, else the last before it; None if none."""
    found = BASE_MONTH.search(after) or ([None] + list(BASE_MONTH.finditer(before)))[-1]
    return (MONTHS[found.group(1).lower()], int(found.group(2) or 0)) if found else None


# A sentence whose share is of the part the one before named: "Ihr Anteil an den Exporten"
OWN = re.compile(r"\W*(?:ihr|ihre|sein|seine|deren|dessen)\b", re.IGNORECASE)
# "den Monat", "im Berichtsmonat": the month the text speaks of
THE_MONTH = re.compile(r"\b(?:den|im|dem|diesen|diesem)\s+(?:berichts)?monat\b", re.IGNORECASE)
# "im Vorjahr", "im vergangenen Jahr": the year before publication (in a text naming no year)
LAST_YEAR = re.compile(r"\b(?:im vorjahr|im vergangenen jahr|im letzten jahr|letztes jahr)\b",
                       re.IGNORECASE)


def last_year(s: str, published: str) -> str:
    """The year before publication when a sentence speaks of last year, not as a base ("mehr
    als im Vorjahr"); "" otherwise."""
    low = s.lower()
    if not re.match(r"\d{4}", published or ""):
        return ""
    found = [m for m in LAST_YEAR.finditer(low) if not BASE_BEFORE.search(low[:m.start()]) and
             not re.search(r"\d[^.;,]{0,30}$", low[:m.start()])]  # ("von X im Vorjahr": X's)
    return str(int(published[:4]) - 1) if found else ""


# "von 8,4 auf 4,9 Mrd. Euro", "um 1,98 auf 6,43 Mrd.": the first number in the second's unit
UNIT_AFTER = re.compile(r"\s+auf\s+(?:rund\s+|knapp\s+)?$")
UNIT_BEFORE = re.compile(r"\b(?:von|um)\s+$", re.IGNORECASE)
# "um 1,8 Prozent auf 125,8 Mrd. Euro gestiegene Ausfuhren": the participle's way
PARTICIPLE = re.compile(r"(?:[^,;]|,\d)*?\b(gestiegene|gesunkene|gewachsene|zurückgegangene)"
                        r"[nrs]?\s+[A-ZÄÖÜ]")
# A balance word saying no sign ("ein Passivum der Handelsbilanz": the Passivum's)
NEUTRAL_BALANCE = re.compile(r"^(?:(?:außen|aussen)?handels|warenverkehrs|außenhandels)?bilanz$|"
                             r"^saldo$", re.IGNORECASE)
# Numbers before an attributive participle and its flow: "um ein Prozent auf 130,7 Mrd. Euro
# gesunkene Einfuhren" (the Einfuhren's)
ATTRIBUTIVE = re.compile(r"^(?:[^,;]|,\d)*\b(?:\w*ge\w+ene[nrs]?)\s+$", re.IGNORECASE)
# A pronoun subject: the flow and part of the sentence before ("Sie sanken um 10,7 Prozent")
PRONOUN = re.compile(r"\W*(?:Sie|Diese)\s+[a-zäöü]")
# Seasonally adjusted: said before the number, or after it before the next comma or number
# ("…, kalender- und saisonbereinigt waren es 18,1": not the 16,8 before)


def adjusted(before: str, after: str) -> bool:
    """Whether the words around a number say it is of an adjusted series."""
    return bool(SEASONALLY.search(before) or
                SEASONALLY.search(re.split(r"[,;]\s|\d", after, maxsplit=1)[0]))


# "nach 1,8 Mrd.", "nach einem Defizit von 0,49 Mrd. Euro": an earlier value of the figure
EARLIER_BEFORE = re.compile(r"\bnach\s+(?:(?:einem|einer|einen)\s+(?:\w+\s+){0,2}?(?:von\s+)?)?"
                            r"[$€]?\s*$", re.IGNORECASE)
# ... of the year before ("im Vorjahr", "in der Vorjahresperiode", "im Vergleichszeitraum des
# Vorjahres", "vor einem Jahr")
YEAR_BEFORE_AFTER = re.compile(r"[^.;,\d]{0,40}?\b(?:vorjahr\w*|vor einem jahr)\b", re.IGNORECASE)
# A sentence going on about the figure before without naming its flow: "Auf Jahressicht ergab
# sich ein Rückgang von 4,4 Prozent", "Das entspricht einem Plus von 18,0 %", "Damit wurde der
# bisherige Höchstwert von € 213,6 Milliarden ... übertroffen", "Der Anstieg von 1,4 Prozent"
GOES_ON = re.compile(r"\W*(?:auf jahressicht|im (?:vor)?jahresvergleich|binnen jahresfrist|"
                     r"(?:das|dies) entspricht|damit|der anstieg|das plus|der zuwachs|"
                     r"der rückgang|das minus)\b", re.IGNORECASE)
# Separable verbs of a flow: "In die EU führte Deutschland Waren ... aus", "führten ... ein"
SEPARABLE = re.compile(r"\b(führ(?:t|te|ten|en))\b[^.;:]{0,120}?\b(aus|ein)\b(?=\s*[,.;]|\s*$|"
                       r"\s+(?:und|während)\b)", re.IGNORECASE)


def separable_flows(s: str) -> list[tuple[int, int, str]]:
    """Flows named by a separable verb: (start, end, flow) of the verb."""
    return [(m.start(1), m.end(1), "exports" if m.group(2).lower() == "aus" else "imports")
            for m in SEPARABLE.finditer(s)]


# A compound whose head is a flow names that flow ("Gesamtexporte", "Güterimporte"), and its
# first part names a part of it ("Gasimporte", "Chemie- und Pharma-Exporte") unless it names
# the whole
COMPOUND = re.compile(r"\b((?:[A-Za-zÄÖÜäöüß]+-?\s+und\s+)?[A-Za-zÄÖÜäöüß]+?)-?"
                      r"(exporte|exporten|importe|importen|ausfuhren|einfuhren)\b", re.IGNORECASE)
WHOLE_PARTS = frozenset(["waren", "güter", "gesamt", "handels", "außenhandels", "aussenhandels",
                         "welt", "rekord", "jahres", "monats", "netto", "brutto"])


def compound_flows(s: str) -> list[tuple[int, int, str, str]]:
    """Compounds with a flow as head: (start, end, flow, part) with part "" for the whole."""
    out = []
    for m in COMPOUND.finditer(s):
        words = [w for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", m.group(1).lower())
                 if w != "und"]
        if not words:
            continue
        head = m.group(2).lower()
        flow = "exports" if head.startswith(("export", "ausfuhr")) else "imports"
        whole = all(w in WHOLE_PARTS for w in words)
        out.append((m.start(), m.end(), flow, "" if whole else "_".join(words)))
    return out


# "der Export von Fahrzeugen", "der von Schmuck um 347 Millionen": the part after von (German
# nouns are capitalized; not "im Wert von 63,5", "von dort")
PART_OF = re.compile(r"\bvon\s+([A-ZÄÖÜ][\w-]*(?:(?:,\s*|\s+und\s+)[A-ZÄÖÜ][\w-]*)*)")
# The whole named in a compound: "Gesamtexporte", "Güterimporte"
WHOLE = r"\b(?:gesamt|güter)(?:exporte|importe|ausfuhren|einfuhren)\w*"


def part_of(text: str) -> tuple[int, str]:
    """The last part named after von in `text` (its start, its words joined by _), or (-1, "")."""
    for m in reversed(list(PART_OF.finditer(text))):
        words = [w for w in re.findall(r"[\wÄÖÜäöüß-]+", m.group(1).lower()) if w != "und"]
        if words and not any(w in NOT_SEGMENT for w in words):
            return m.start(1), "_".join(words[-3:])
    return -1, ""


# "Die deutsche Leistungsbilanz schloss … mit einem Überschuss von 14,0 Milliarden Euro ab":
# the current account of the balance of payments and its parts, not foreign trade in goods
# (in Switzerland the Ertragsbilanz)
CURRENT_ACCOUNT = re.compile(r"leistungsbilanz|ertragsbilanz", re.IGNORECASE)
# "um fünf Prozent": small numbers spelled out before a percent
NUMBER_WORDS = {"ein": "1", "zwei": "2", "drei": "3", "vier": "4", "fünf": "5", "sechs": "6", "sieben": "7",
                "acht": "8", "neun": "9", "zehn": "10", "elf": "11", "zwölf": "12"}
WORD_PERCENT = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\s+(?:Prozent|%)", re.IGNORECASE)


def spellings(phrase: str) -> list[str]:
    """A phrase as the Swiss write it too: ss for ß ("Aussenhandel", "ausserhalb")."""
    return [phrase, phrase.replace("ß", "ss")] if "ß" in phrase else [phrase]

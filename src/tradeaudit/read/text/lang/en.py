"""English: number words and scales, currencies, qualifiers and bounds, directions, forecasts,
months, halves and quarters, and the words before a flow that name no part of it."""

from __future__ import annotations

import re

SCALE_WORDS = {"thousand": "k", "million": "m", "m": "m", "mn": "m", "billion": "bn", "bn": "bn",
               "bln": "bn", "trillion": "tn", "tn": "tn"}
CURRENCY_WORDS = {"won": "KRW", "dollars": "USD", "dollar": "USD", "us dollars": "USD",
                  "u.s. dollars": "USD", "yen": "JPY", "euros": "EUR", "euro": "EUR",
                  "yuan": "CNY"}
# The unit words a number in digits may carry: percent, points, times (배 is Korean's).
QUANTITY_TAIL = (r"(?P<tail>\s?(?:%p|%|percent(?:age points?)?|per cent|pct\b|pp|p\.p\.|-fold|"
                 r"\s?times|배|(?(sign)m\b|(?!)))"  # "$4,984m": millions after a currency sign
                 r"|\s?(?:thousand|million|mn|billion|bln|bn|trillion|tn)(?:\s(?:won|dollars|"
                 r"U\.?S\.? dollars|yen|euros|yuan))?|\s(?:won|dollars|U\.?S\.? dollars|yen|euros|"
                 r"yuan)\b)?")
WORD_MULTIPLES = {"twofold": "2", "two-fold": "2", "threefold": "3", "three-fold": "3",
                  "fourfold": "4", "fivefold": "5", "tenfold": "10", "doubled": "2"}
QUALIFIER_WORDS = {"about": "about", "around": "about", "approximately": "about",
                   "roughly": "about", "some": "about", "nearly": "nearly", "almost": "nearly",
                   "over": "over", "more than": "over", "above": "over", "under": "under",
                   "less than": "under", "below": "under"}
# "topped $10 billion": a bound, not a level (the words before the number)
BOUND_BEFORE = (r"\b(?:topp(?:ed|ing)|tops|surpass\w*|exceed\w*|cross(?:ed|ing)|pass(?:ed|ing)|"
                r"broke|breaking|beyond)\s+(?:the\s+)?(?:\w+\s+)?$")
UP = [r"increas\w*", "rose", "rise[sn]?", "rising", "grew", r"grow\w*", r"gain\w*", "up",
      r"jump\w*", r"climb\w*", r"improv\w*", r"expand\w*", r"advanc\w*", "added",
      r"surg(?:e|es|ed|ing)", r"soar\w*", r"spik(?:e|es|ed|ing)", r"leap\w*"]
DOWN = [r"decreas\w*", "fell", r"fall\w*", r"declin\w*", r"dropp?\w*", "down", r"shr[iau]nk\w*",
        r"contract\w*", r"reduc\w*", r"lower\w*", r"retreat\w*", r"dip(?:s|ped|ping)?",
        r"slump\w*", r"tumbl\w*", "slid", "sank"]
# "worse than forecast", "better-than-expected": the outcome measured against a forecast
FORECAST = (r"(?<!\bthan )(?<!\bthan-)\b(?:forecast\w*|expect\w*|project(?:ed|ion)s?|target\w*|"
            r"aims?|aimed|goal|outlook|will|would)\b")
PER_DAY = (r"\b(?:daily average|average daily|per (?:working )?day|a day|monthly average|"
           r"average monthly)\b")
RESPECTIVELY = "respectively"
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october",
                                        "november", "december"], start=1)}
HALVES = {"first": "H1", "second": "H2"}
QUARTERS = {"first": "Q1", "second": "Q2", "third": "Q3", "fourth": "Q4"}
# Words before a flow that do not name a part of it ("Korea's exports", "total exports").
NOT_SEGMENT = """a an the its their our his her this that these those total overall
    annual monthly yearly quarterly daily average cumulative combined whole net gross record
    korea korea's korean south country's nation's national domestic goods merchandise
    outbound inbound technology technological trade and or of in from to with by for as at on
    also while but s seasonally adjusted unadjusted nominal real value values said showed
    show shows data customs last year month week first second third fourth half quarter
    january february march april may june july august september october november december
    up down rose fell grew its' overseas foreign world global all other others than more less
    new strong weak solid robust sluggish slow main major key bigger larger smaller about
    came were was is are reached totaled totalled hit amounted stood jumped surged dropped
    slipped edged soared increased decreased declined grew plunged posted logged fell rose
""".split()  # noqa: SIM905 - a word list reads better as text
# "$" in a text about a country whose currency is a dollar: that dollar, not the US one
DOLLAR_COUNTRIES = {"country=AU": "AUD", "country=CA": "CAD", "country=NZ": "NZD",
                    "country=SG": "SGD", "country=HK": "HKD", "country=TW": "TWD"}
# Seasonally adjusted series are compared with the month or quarter before, unless the
# words say the year ("from a year earlier", "year on year").
SEASONALLY = re.compile(r"\bseasonally adjusted\b", re.IGNORECASE)
YEAR_ON_YEAR = re.compile(r"\b(?:year[- ]on[- ]year|year[- ]over[- ]year|y/y|from a year (?:earlier|"
                          r"ago|before)|from the (?:same|corresponding) (?:month|quarter|period)|"
                          r"on the (?:same|corresponding) (?:month|quarter|period)|compared with "
                          r"the same)\b", re.IGNORECASE)
# "below the 5 percent level", "the $10 billion mark": a threshold named, not a figure
THRESHOLD_AFTER = r"\s+(?:level|mark|threshold|line)\b"

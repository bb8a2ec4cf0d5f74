"""English: number words and scales, currencies, qualifiers and bounds, directions, forecasts,
months, halves and quarters, and the words before a flow that name no part of it."""

from __future__ import annotations

import re

SCALE_WORDS = {"thousand": "k", "million": "m", "m": "m", "mn": "m", "billion": "bn", "bn": "bn",
               "bln": "bn", "b": "bn", "trillion": "tn", "tn": "tn"}
CURRENCY_WORDS = {"won": "KRW", "dollars": "USD", "dollar": "USD", "us dollars": "USD",
                  "u.s. dollars": "USD", "yen": "JPY", "euros": "EUR", "euro": "EUR",
                  "yuan": "CNY"}
# Dollars with their country's prefix ("NZ$323 million", "HK$2.8 billion") and the ringgit
# ("RM86.12 billion"): the sign before a number names its currency.
CURRENCY_PREFIXES = {"NZ$": "NZD", "A$": "AUD", "AU$": "AUD", "HK$": "HKD", "S$": "SGD",
                     "C$": "CAD", "CA$": "CAD", "NT$": "TWD", "RM": "MYR"}
SIGN_PREFIX = r"\b(?:NZ|AU?|HK|S|CA?|NT)\$|\bRM(?=\s?\d)"
# The unit words a number in digits may carry: percent, points, times (배 is Korean's).
QUANTITY_TAIL = (r"(?P<tail>\s?(?:%p|%|percent(?:age points?)?|per cent|pct\b|pp|p\.p\.|-fold|"
                 r"\s?times|배|(?(sign)(?:m|bn?)\b|(?!)))"  # "$4,984m", "$3.3B": after a currency sign
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
UP = [r"increas\w*", "rose", "rise[sn]?", "rising", "grew", r"grow\w*", r"gain\w*", "up", r"rebound\w*",
      r"jump\w*", r"climb\w*", r"improv\w*", r"expand\w*", r"advanc\w*", "added",
      r"surg(?:e|es|ed|ing)", r"soar\w*", r"spik(?:e|es|ed|ing)", r"leap\w*"]
DOWN = [r"decreas\w*", "fell", r"fall\w*", r"declin\w*", r"dropp?\w*", "down", r"shr[iau]nk\w*",
        r"contract\w*", r"reduc\w*", r"lower\w*", r"retreat\w*", r"dip(?:s|ped|ping)?",
        r"slump\w*", r"tumbl\w*", "slid", "sank", r"plung(?:e|es|ed|ing)", r"plummet\w*",
        r"sink(?:s|ing)?", r"nosediv\w*"]
# "worse than forecast", "better-than-expected": the outcome measured against a forecast
FORECAST = (r"(?<!\bthan )(?<!\bthan-)\b(?:forecast\w*|expect\w*|project(?:ed|ion)s?|target\w*|"
            r"aims?|aimed|goal|outlook|will|would|could|might)\b")
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
    same previous corresponding country nation economy sector industry period
    top leading biggest largest abroad international whilst thousand million billion trillion
    visible says say reports reported announced according usd against versus
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
                          r"the same|(?:same|corresponding|like) (?:month|quarter|period) (?:of )?"
                          r"(?:last year|a year (?:ago|earlier)|the previous year|(?:19|20)\d\d)|"
                          r"a year (?:earlier|ago|before|prior)|on-year|on year(?!-)|y-o-y)\b", re.IGNORECASE)
# "below the 5 percent level", "the $10 billion mark": a threshold named, not a figure
THRESHOLD_AFTER = r"\s+(?:level|mark|threshold|line)\b"
# A country named inside an institution's name ("the U.S. Census Bureau", "Reserve Bank of
# India", "Korea Customs Service") names no part of the trade: it is the publisher.
INSTITUTION_AFTER = re.compile(r"\s+(?:[A-Z][\w&.-]*\s+){0,4}(?:Bureau|Service|Ministry|Department|"
                               r"Office|Agency|Administration|Institute|Commission|Council|"
                               r"Association|Federation|Corporation|Customs|Statistics|Treasury|"
                               r"Congress|Government|Trade Representative)\b")
# Country abbreviations whose dot ends no sentence before an institution's name
ABBREVIATION_END = re.compile(r"\b(?:U\.S|U\.K|U\.N|E\.U)\.$")
INSTITUTION_BEFORE = re.compile(r"\b(?:Bank|Ministry|Department|Office|Bureau|Government|"
                                r"Embassy|Institute|Statistics|Customs)\s+of\s+(?:the\s+)?$|"
                                r"\bStatistics\s+$")  # (and "Statistics Canada")
# A national statistics office ("Statistics Canada", "Statistics New Zealand"): the country a
# text citing it reports on (one vote, as a subject)
STATISTICS_OFFICE = re.compile(r"\bStatistics\s+$")
# "Hong Kong's total goods exports": a country's own total, the one the text reports on
OWN_TOTAL = re.compile(r"(?:'s|’s)\s+total\s+(?:[\w-]+\s+)?(?:trade|exports|imports)\b")
# "The country's trade deficit": the one country a text reports on, named again.
THE_COUNTRY = re.compile(r"\b(?:the|this)\s+(?:country|nation)(?:'s|’s)\s+(?:[\w-]+\s+){0,2}"
                         r"(?:trade|exports|imports|deficit|surplus|balance)\b", re.IGNORECASE)
# "$4.2 billion more than February exports": a difference from another figure, not a level
DIFFERENCE_AFTER = re.compile(r"\s+(?:more|less|higher|lower|greater|smaller|larger|bigger)\s+"
                              r"than\b", re.IGNORECASE)
# "down $8.8 billion from ...", "up by $2 billion": a change
CHANGE_BEFORE = r"(?:\b(?:up|down)(?:\s+by)?)"
# "in the same month of last year", "the corresponding period of last year": a base, not the
# sentence's own period
LAST_YEAR_AS_BASE = re.compile(r"\b(?:same|corresponding|like|year-ago)\s+(?:month|period|quarter)"
                               r"\s+(?:of\s+)?$", re.IGNORECASE)
# Ratios to the economy ("as a percentage of GDP"): a statistic the rules do not know
SHARE_OF_ECONOMY = re.compile(r"\b(?:as\s+a\s+(?:percentage|percent|share|proportion)\s+of|"
                              r"percent(?:age)?\s+of|%\s+of|share\s+of)\s+(?:\w+\.?\s+){0,3}"
                              r"(?:gdp|gross\s+domestic\s+product|gni|output|the\s+economy)\b",
                              re.IGNORECASE)
# "during the month under review": the release's own month, the first it dates
UNDER_REVIEW = re.compile(r"\bthe month under review\b", re.IGNORECASE)
# A list of parts after its first: "followed by petroleum products at 47.8 trillion won, and
# coal with 16.7 trillion won", "...; base metals at US$3.83 billion; and machinery at ...":
# each amount is the part named right before "at"/"with".
LIST_MARK = re.compile(r"\bfollowed by\b", re.IGNORECASE)
LIST_ITEM = re.compile(r"(?:\bfollowed by|[;,]|\band)\s+(?:the\s+)?((?:[A-Za-z(][\w&()'’-]*\s+){1,7}?)"
                       r"(?:at|with)\s+(?:about\s+|some\s+|nearly\s+|around\s+)?"
                       r"[$€£¥₩]?(?:US\$|USD\s?)?$")
# The subject of a sentence ranking parts: "Automobiles were the second-largest export item",
# "In import markets, crude oil topped the list at ...": a part, not the total.
SUBJECT_ITEM = re.compile(r"(?:^|,\s)((?:[A-Za-z][\w&-]*\s+){1,4}?)(?:were|was|remained|topped|"
                          r"ranked|came|led)\b")
ITEM_SENTENCE = re.compile(r"\b(?:items?|products?|commodit(?:y|ies)|the list)\b", re.IGNORECASE)
# "7.9 percent of total exports", "38.3% of all exports": a share of the whole
SHARE_OF_WHOLE = re.compile(r"\s*of\s+(?:(?:its|their|the)\s+)?(?:[\w’']+\s+)?(?:total|all|overall)\b",
                            re.IGNORECASE)
SHARE_VERB = r"\brepresent(?:s|ed|ing)?\b|\bmaking up\b|\bmade up\b"
# "the world's second-largest economy": a rank other than the first
ORDINAL_BEFORE = r"(?<!second-)(?<!third-)(?<!fourth-)(?<!fifth-)(?<!second )(?<!third )"
# "In seasonally adjusted terms, ...": the series the sentences after it speak of
SEASONALLY_TERMS = re.compile(r"\W*(?:in\s+)?seasonally adjusted(?:\s+terms)?\s*,", re.IGNORECASE)
# "Reference period\nJanuary 2020", "Reference period: Q2 2024": the period a release declares
REFERENCE_PERIOD = re.compile(r"\breference period\s*:?\s*\n?\s*([^\n]+)", re.IGNORECASE)
# "U.S. gross domestic product": the country a text reports on names its own economy
OWN_ECONOMY = r"gdp|gross domestic product"
# "2.9 percent in 2017, up from 2.7 percent in 2016": the earlier value, not a growth rate
EARLIER_VALUE = r"\b(?:up|down|rose|fell|increased|decreased|rising|falling)\s+from\s+(?:an?\s+)?$"
# "The largest increases in exports of goods were in capital goods ($13.2 billion)": changes
CHANGES_LISTED = re.compile(r"\b(increases|decreases|rises|gains|declines|drops|falls)\s+in\s+"
                            r"(?:[\w-]+\s+){1,4}?(?:were|was)\s+(?:in|for)\b", re.IGNORECASE)
# "the first half of 2017", "the first six months of 2015"
HALF_OF_YEAR = r"(first half|second half|first six months|last six months) of ((?:19|20)\d\d)"
HALF_WORDS = {"first half": "first", "second half": "second", "first six months": "first",
              "last six months": "second"}
# "surplus in this sector": the part the sentences before spoke of
THIS_PART = re.compile(r"\b(?:in|of|for)\s+(?:this|that|the same)\s+(?:sector|industry|category|segment)\b",
                       re.IGNORECASE)
# "Tokyo was once Seoul's top export destination, ... in 1973": an aside about another time;
# the sentences after it speak of the period before it
ASIDE = re.compile(r"\b(?:was|were) once\b|\bback in\b|\bat one time\b", re.IGNORECASE)
# "exports to the neighboring country": a partner the gazetteer does not know
PARTNER_AFTER = re.compile(r"\s+(?:to|from)\s+(?:the\s+)?([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)")
VERB_AFTER_TO = (r"(?:rise|fall|grow|increase|decrease|decline|reach|remain|be|hit|top|surpass|"
                 r"exceed|drop|climb|expand|shrink|slow|recover|continue)\w*")
# "China, the top trading partner": a rank of the trade both ways, not of the exports named
TRADING_PARTNER = r"\s*(?:\w+\s+)?trading partner"
# A sentence going on with the list of parts the one before began
LIST_GOES_ON = re.compile(r"\bfollowed by\b|\bcame (?:second|third|fourth|fifth|next)\b|"
                          r"\b(?:was|were|ranked) (?:second|third|fourth|fifth)\b", re.IGNORECASE)
# "Vietnam came third", "the second-largest export item": ranks after the first
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
ORDINAL_RANK = re.compile(r"\b(?:came|was|were|ranked)\s+(second|third|fourth|fifth)\b(?!\s*(?:half|"
                          r"quarter|month|year|time|consecutive|straight|-|largest|biggest))|"
                          r"\bthe\s+(second|third|fourth|fifth)[- ](?:largest|biggest)(?=\s+(?:[\w-]+\s+)?"
                          r"(?:export|import)\w*\s+(?:items?|markets?|destinations?|products?|"
                          r"sources?)\b)", re.IGNORECASE)
# "up from £5.9 billion in September", "than in August": the month of a base
BASE_BEFORE = r"\b(?:from|than|against|compared (?:with|to)|versus|vis-[aà]-vis|over|follow(?:ed|ing|s)|after)\b[^,;]{0,50}$"
# "The £2.1 billion increase in exports": an amount naming a change
CHANGE_AFTER = re.compile(r"\s+(increase|rise|gain|jump|decrease|fall|drop|decline)\b", re.IGNORECASE)
# "compared with 2019", "up 20.1 percent on the same period of 2019": a year named as a
# comparison's base, not the period the sentence speaks of
BASE_YEAR_BEFORE = re.compile(r"\b(?:compared (?:with|to)|relative to|versus|vs\.?)\s+(?:(?:the\s+)?"
                              r"(?:same|corresponding)\s+(?:period|month|quarter|half)\s+(?:of|in)\s+)?$",
                              re.IGNORECASE)
# "down from NZ$5.95 billion in the previous month", "$4.4 billion the previous month",
# "NZ$7.20 billion a month earlier": an amount of the month (or quarter) before the sentence's
PERIOD_BEFORE_AFTER = re.compile(r"\s*\)?\s*,?\s*(?:(?:in|during|for)\s+)?(?:the\s+)?(?:previous|"
                                 r"preceding|prior)\s+(month|quarter)\b|\s*,?\s*an?\s+(month|quarter)"
                                 r"\s+(?:earlier|before|ago)\b", re.IGNORECASE)
# "(originally NZ$5.99 billion)", "revised from $2.1 billion": the figure as first published
EARLIER_VINTAGE = re.compile(r"\b(?:originally|initially|first\s+(?:reported|estimated)(?:\s+(?:at|as))?|"
                             r"previously\s+(?:reported|estimated)(?:\s+(?:at|as))?|revised\s+(?:up\s+|down\s+|"
                             r"upward\s+|downward\s+)?from)\s*$", re.IGNORECASE)
# "the three-month period ending in February with the preceding three months": a rolling
# period of months compared with the one before, no period of the figure table
ROLLING_MONTHS = re.compile(r"\b(?:three|six|twelve|3|6|12)[- ]months?\s+(?:period\s+)?(?:ending|"
                            r"ended|to)\b|\bthe\s+(?:preceding|previous)\s+(?:three|six|3|6)\s+months\b",
                            re.IGNORECASE)
# "the September 2023 quarter" (Australian and New Zealand releases): the quarter ending that
# month
QUARTER_ENDING = re.compile(r"\bthe\s+(march|june|september|december)\s+((?:19|20)\d\d)\s+quarter\b",
                            re.IGNORECASE)
# "For all of 2023", "for the whole of 2023": the year
WHOLE_YEAR = r"(?:all|the whole|the full year)\s+of\s+"
# "a NZ$1.250 billion deficit in November": the flow's noun between an amount and its month
FLOW_NOUN = r"(?:(?:trade\s+)?(?:deficit|surplus|shortfall|gap)\s+)?"
# "the top five import sources", "top 10 markets": a group of parts, no rank
TOP_GROUP = re.compile(r"\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b", re.IGNORECASE)
# "a 3.1 percent fall in September": the change's noun between a rate and its period
CHANGE_NOUN = r"(?:(?:increase|decrease|rise|fall|drop|decline|gain|growth|jump|contraction)\s+)?"
# "on the back of higher trade with China", "driven by exports to the US": a cause; the
# parts named after it are not the number's
CAUSE = re.compile(r"\b(?:on the back of|due to|driven by|thanks to|led by|amid|owing to|because of|"
                   r"as a result of|supported by|helped by|boosted by|underpinned by)\b", re.IGNORECASE)
# "the seven months of 2018", "January-July": months since January, a total to date
MONTHS_TO_DATE = (r"\bthe (?:two|three|four|five|seven|eight|nine|ten|eleven) months of\b|"
                  r"\b(?:jan|january)[-–](?:feb|mar|apr|may|jun|jul|aug|sep|oct|nov)[a-z]*\b")
# "8.5 per cent of total exports", "of Malaysia's total exports": the flow a share is of,
# not the subject of the numbers around it
SHARE_BASE_BEFORE = re.compile(r"\bof\s+(?:(?:its|their|the)\s+)?(?:[\w’']+\s+)?(?:total|all|overall)\s+$",
                               re.IGNORECASE)
# "..., followed by electronic goods 71.69 per cent, cereals (60.83 per cent) and ...": each
# rate of a list is the part named right before it
LIST_RATE = re.compile(r"(?:\bfollowed by|[;,]|\band)\s+(?:the\s+)?((?:[A-Za-z][\w&'’-]*\s+){1,4}?)\(?\s*$")
# "Petroleum products witnessed a jump of 127.69 per cent in exports, followed by ...": the
# subject of a sentence listing parts' rates is the first part
SUBJECT_RATE = re.compile(r"^\s*([A-Z][\w&-]*(?:\s+[a-z][\w&-]*){0,3}?)\s+(?:witnessed|saw|registered|"
                          r"recorded|posted|showed|logged)\b")
# ", which is an increase of 31.50 per cent": the change of the amount just named
WHICH_CHANGE = re.compile(r"^,?\s*which\s+(?:is|was|marks|represents)\s+(?:an?\s+)?(?:increase|decrease|rise|"
                          r"fall|decline|growth|jump|drop)\s+of\s+$", re.IGNORECASE)

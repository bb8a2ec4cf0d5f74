"""Reading English news and agency style (issue 19): each grammar that misread a real article,
as an invented sentence, with what it says."""

from __future__ import annotations

import pytest
from conftest import read_text

# name: (text, publication date, the figures read; every other number is not interpreted)
CASES = {
    "each half of two in a sentence, by the commas around its amount": (
        ("Exports in the first half of 2024 were $300 billion, and in the second half they "
         "reached $320 billion. Exports in the second half of 2025 were $330 billion, up from "
         "$310 billion in the first half."), None,
        [("2024-H1", "total", "exports", "level", "300", "USD_bn", ""),
         ("2024-H2", "total", "exports", "level", "320", "USD_bn", ""),
         ("2025-H2", "total", "exports", "level", "330", "USD_bn", ""),
         ("2025-H1", "total", "exports", "level", "310", "USD_bn", "")]),
    "two halves the sentence does not tell apart are not read": (
        "Exports were $300 billion in the first half of 2024 and $320 billion in the second half.",
        None, []),
    "a country in an agency's name is no part": (
        ("The U.S. Census Bureau said the goods and services deficit was $49.0 billion in "
        "March 2018."), None,
        [("2018-03", "total", "balance", "level", "-49.0", "USD_bn", "")]),
    "a month after a number, a change on the month before": (
        ("The deficit was $49.0 billion in March 2018, down $8.8 billion from $57.7 billion in "
        "February."), None,
        [("2018-03", "total", "balance", "level", "-49.0", "USD_bn", ""),
         ("2018-03", "total", "balance", "change", "8.8", "USD_bn", ""),  # on 2018-02
         ("2018-02", "total", "balance", "level", "-57.7", "USD_bn", "")]),
    "a difference from another figure is no level": (
        "Exports were $208.5 billion in March 2018, $4.2 billion more than in February.", None,
        [("2018-03", "total", "exports", "level", "208.5", "USD_bn", "")]),
    "a decrease in a deficit raises the balance": (
        "The trade deficit decreased by $7.5 billion to $69.5 billion in 2018.", None,
        [("2018", "total", "balance", "change", "7.5", "USD_bn", ""),
         ("2018", "total", "balance", "level", "-69.5", "USD_bn", "")]),
    "the country's trade is the reporter's": (
        ("India's merchandise exports were $20.57 billion in 2016. The country's trade deficit "
        "was $4.84 billion in 2016."), None,
        [("2016", "total", "exports", "level", "20.57", "USD_bn", ""),
         ("2016", "total", "balance", "level", "-4.84", "USD_bn", "")]),
    "the month under review, the same month of last year": (
        ("Exports in April fell 6.7 percent to $20.57 billion.\n\nCumulative exports for 2015-16 "
        "were $261.14 billion.\n\nOil imports during the month under review declined by 24.01 "
        "percent to $5.66 billion from $7.44 billion in the corresponding month of last year."),
        "2016-05-13",
        [("2016-04", "total", "exports", "growth_pct", "-6.7", "pct", ""),
         ("2016-04", "total", "exports", "level", "20.57", "USD_bn", ""),
         ("2016-04", "item=oil", "imports", "growth_pct", "-24.01", "pct", ""),
         ("2016-04", "item=oil", "imports", "level", "5.66", "USD_bn", ""),
         ("2015-04", "item=oil", "imports", "level", "7.44", "USD_bn", "")]),
    "a value reported during the corresponding month of a year": (
        ("The trade deficit narrowed to $4.84 billion in April 2016 from $10.99 billion reported "
        "during the corresponding month of 2015."), None,
        [("2016-04", "total", "balance", "level", "-4.84", "USD_bn", ""),
         ("2015-04", "total", "balance", "level", "-10.99", "USD_bn", "")]),
    "month-on-month named early in the clause": (
        ("Exports were $12.90 billion in March 2016, which on a month-on-month basis, turned "
        "positive with a growth of 4.59 percent."), None,
        [("2016-03", "total", "exports", "level", "12.90", "USD_bn", "")]),
    "the first 11 months are a year to date": (
        ("Exports for the first 11 months of 2021 totaled US$405.75 billion, an increase of 30% "
        "from a year earlier."), None, []),
    "could is no figure": (
        "Exports grew 30.2% in November 2021, while growth for the year could be around 30%.",
        None, [("2021-11", "total", "exports", "growth_pct", "30.2", "pct", "")]),
    "a list after followed by: each amount its part": (
        ("Electronics exports totaled $15.93 billion in November 2021, followed by information "
        "and communication products at $5.69 billion; base metals at $3.83 billion; and "
        "machinery at $2.55 billion."), None,
        [("2021-11", "item=electronics", "exports", "level", "15.93", "USD_bn", ""),
         ("2021-11", "item=information_communication_products", "exports", "level", "5.69",
          "USD_bn", ""),
         ("2021-11", "item=base_metals", "exports", "level", "3.83", "USD_bn", ""),
         ("2021-11", "industry=machinery", "exports", "level", "2.55", "USD_bn", "")]),
    "the subject of a ranking and its share": (
        ("Automobiles were the second-largest export item in 2019, with outbound shipments "
        "coming to 50.6 trillion won, or 7.9 percent of total exports, followed by petroleum "
        "products at 47.8 trillion won, or 7.5 percent."), None,
        [("2019", "item=automobiles", "exports", "level", "50.6", "KRW_tn", ""),
         ("2019", "item=automobiles", "exports", "rank", "2", "rank", ""),
         ("2019", "item=automobiles", "exports", "share_pct", "7.9", "pct", ""),
         ("2019", "item=petroleum_products", "exports", "level", "47.8", "KRW_tn", ""),
         ("2019", "item=petroleum_products", "exports", "share_pct", "7.5", "pct", "")]),
    "second-largest is no first rank": (
        ("By country, China was the single-largest destination of exports in 2019 with 160 "
        "trillion won, shipped to the world's second-largest economy."), None,
        [("2019", "country=CN", "exports", "level", "160", "KRW_tn", ""),
         ("2019", "country=CN", "exports", "rank", "1", "rank", "")]),
    "seasonally adjusted paragraphs compare with the month before": (
        ("In seasonally adjusted terms, exports fell $1,166m (3%) to $40,122m in January 2020. "
        "Gold fell $735m (34%) and net exports of goods under merchanting fell $8m."), None,
        [("2020-01", "total", "exports", "level", "40122", "USD_m", "")]),
    "trend terms are a series of their own": (
        ("  • In trend terms, the balance was a surplus of $4,984m in January 2020.\n"
        "  • In seasonally adjusted terms, the balance was a surplus of $5,210m in January 2020."),
        None,
        [("2020-01", "series=trend", "balance", "level", "4984", "USD_m", ""),
         ("2020-01", "total", "balance", "level", "5210", "USD_m", "")]),
    "percent of GDP is no statistic, up from is no growth": (
        ("The U.S. international trade deficit increased from $504.8 billion in 2016 to $568.4 "
         "billion in 2017. As a percentage of U.S. gross domestic product, the deficit was 2.9 "
         "percent in 2017, up from 2.7 percent in 2016."), None,
        [("2016", "total", "balance", "level", "-504.8", "USD_bn", ""),
         ("2017", "total", "balance", "level", "-568.4", "USD_bn", "")]),
    "the largest increases were in parts: changes": (
        ("Exports increased $95.0 billion in 2017. The largest increases in exports were in "
         "industrial supplies ($66.4 billion) and in travel (for all purposes) ($13.2 billion)."),
        None,
        [("2017", "total", "exports", "change", "95.0", "USD_bn", ""),
         ("2017", "item=industrial_supplies", "exports", "change", "66.4", "USD_bn", ""),
         ("2017", "item=travel", "exports", "change", "13.2", "USD_bn", "")]),
    "a half set before or since is not the sentence's; this sector": (
        ("In the first half of 2017, ICT exports rose 19 percent to $90.9 billion. ICT exports "
         "broke the previous record of $85.3 billion set in the first six months of 2015 and "
         "grew at a double-digit rate for the first time since the first half of 2013. Imports "
         "advanced 12.1 percent to $48.5 billion, and surplus in this sector stood at $42.4 "
         "billion."), None,
        [("2017-H1", "item=ict", "exports", "growth_pct", "19", "pct", ""),
         ("2017-H1", "item=ict", "exports", "level", "90.9", "USD_bn", ""),
         ("2015-H1", "item=ict", "exports", "level", "85.3", "USD_bn", "record"),
         ("2017-H1", "item=ict", "imports", "growth_pct", "12.1", "pct", ""),
         ("2017-H1", "item=ict", "imports", "level", "48.5", "USD_bn", ""),
         ("2017-H1", "item=ict", "balance", "level", "42.4", "USD_bn", "")]),
    "a partner the gazetteer does not know, an aside, a share of nothing": (
        ("Overseas shipments to the neighboring country came to US$25.09 billion in 2020.\n\n"
         "Tokyo was once the top export destination, with its share reaching 38.5 percent in "
         "1973.\n\nChina was the top export market with $132.55 billion (25.8 percent)."), None,
        [("2020", "partner=neighboring", "exports", "level", "25.09", "USD_bn", ""),
         ("2020", "country=CN", "exports", "level", "132.55", "USD_bn", ""),
         ("2020", "country=CN", "exports", "share_pct", "25.8", "pct", ""),
         ("2020", "country=CN", "exports", "rank", "1", "rank", "")]),
    "a release comparing months with the one before": (
        ("The deficit was $49.0 billion in March 2018, down $8.8 billion from $57.7 billion in "
         "February.\n\nExports of goods increased $3.7 billion to $140.9 billion in March 2018."),
        None,
        [("2018-03", "total", "balance", "level", "-49.0", "USD_bn", ""),
         ("2018-03", "total", "balance", "change", "8.8", "USD_bn", ""),  # on 2018-02, named
         ("2018-02", "total", "balance", "level", "-57.7", "USD_bn", ""),
         ("2018-03", "total", "exports", "level", "140.9", "USD_bn", "")]),
    "the top trading partner ranks the trade both ways": (
        ("In 2024, exports to China, the top trading partner, increased 6.6 per cent to $133 "
        "billion."), None,
        [("2024", "country=CN", "exports", "growth_pct", "6.6", "pct", ""),
         ("2024", "country=CN", "exports", "level", "133", "USD_bn", ""),
         ("2024", "country=CN", "volume", "rank", "1", "rank", "")]),
    "overseas sales are exports": (
        "In 2017, overseas sales of semiconductors reached $97.9 billion.", None,
        [("2017", "item=semiconductors", "exports", "level", "97.9", "USD_bn", "")]),
    "a list going on in the next paragraph keeps its flow": (
        ("In 2020, China was the top export market with $132.55 billion (25.8 percent).\n\n"
         "Vietnam came third with $48.54 billion (9.5 percent), followed by the Association of "
         "Southeast Asian Nations (ASEAN) at $30.66 billion and Taiwan with $16.46 billion."), None,
        [("2020", "country=CN", "exports", "level", "132.55", "USD_bn", ""),
         ("2020", "country=CN", "exports", "share_pct", "25.8", "pct", ""),
         ("2020", "country=CN", "exports", "rank", "1", "rank", ""),
         ("2020", "country=VN", "exports", "level", "48.54", "USD_bn", ""),
         ("2020", "country=VN", "exports", "share_pct", "9.5", "pct", ""),
         ("2020", "country=VN", "exports", "rank", "3", "rank", ""),
         ("2020", "region=ASEAN", "exports", "level", "30.66", "USD_bn", ""),
         ("2020", "country=TW", "exports", "level", "16.46", "USD_bn", "")]),
    "ordinal ranks: came third, was second, the second-largest item": (
        ("Automobiles were the second-largest export item in 2019, with outbound shipments "
         "coming to 50.6 trillion won.\n\nIn 2020, China was the top export market.\n\n"
         "Vietnam came third with $48.54 billion. The U.S. was second in 2020 with exports of "
         "$6.64 billion."), None,
        [("2019", "item=automobiles", "exports", "level", "50.6", "KRW_tn", ""),
         ("2019", "item=automobiles", "exports", "rank", "2", "rank", ""),
         ("2020", "country=CN", "exports", "rank", "1", "rank", ""),
         ("2020", "country=VN", "exports", "level", "48.54", "USD_bn", ""),
         ("2020", "country=VN", "exports", "rank", "3", "rank", ""),
         ("2020", "country=US", "exports", "level", "6.64", "USD_bn", ""),
         ("2020", "country=US", "exports", "rank", "2", "rank", "")]),
    "respectively lists what comes before it; international trade is the volume": (
        ("The value of international trade reached 4.24 trillion yuan in July 2024. In "
         "July 2024, exports and imports amounted to 317.5 billion US dollars and 276.4 billion "
         "dollars, respectively, recording a surplus of 41.1 billion dollars."), None,
        [("2024-07", "total", "volume", "level", "4.24", "CNY_tn", ""),
         ("2024-07", "total", "exports", "level", "317.5", "USD_bn", ""),
         ("2024-07", "total", "imports", "level", "276.4", "USD_bn", ""),
         ("2024-07", "total", "balance", "level", "41.1", "USD_bn", "")]),
    "plunged is down": (
        "In July 2022, the trade surplus plunged 22.4 % to ¥512.8 billion.", None,
        [("2022-07", "total", "balance", "growth_pct", "-22.4", "pct", ""),
         ("2022-07", "total", "balance", "level", "512.8", "JPY_bn", "")]),
    "a month named as a base is not the sentence's, which keeps the period carried": (
        ("The deficit was £1.6 billion in October 2011.\n\nThe services surplus increased to "
         "£6.0 billion, up from £5.9 billion in September."), "2011-12-08",
        [("2011-10", "total", "balance", "level", "-1.6", "GBP_bn", ""),
         ("2011-10", "item=services", "balance", "level", "6.0", "GBP_bn", ""),
         ("2011-09", "item=services", "balance", "level", "5.9", "GBP_bn", "")]),
    "an amount before increase is a change": (
        ("Exports rose to £26.5 billion in 2011. The £2.1 billion increase in exports was driven "
         "by chemicals."), None,
        [("2011", "total", "exports", "level", "26.5", "GBP_bn", ""),
         ("2011", "total", "exports", "change", "2.1", "GBP_bn", "")]),
    "whilst and billion name no part": (
        ("In 2011, exports rose £0.2 billion to £15.4 billion whilst imports rose £0.1 billion to "
         "reach £9.4 billion."), None,
        [("2011", "total", "exports", "change", "0.2", "GBP_bn", ""),
         ("2011", "total", "exports", "level", "15.4", "GBP_bn", ""),
         ("2011", "total", "imports", "change", "0.1", "GBP_bn", ""),
         ("2011", "total", "imports", "level", "9.4", "GBP_bn", "")]),
    # A text whose year cannot be worked out (none named, no date) is read in Y, the year it
    # does not name; what needs a date ("last month") stays unread.
    "a year named as a comparison's base is not the text's, nor a change on it yearly": (
        ("In the first half, exports rose 12.3 percent to $150.2 billion. Compared with 2019, "
         "exports were up 20.1 percent."), None,
        [("Y-H1", "total", "exports", "growth_pct", "12.3", "pct", ""),
         ("Y-H1", "total", "exports", "level", "150.2", "USD_bn", "")]),
    "last month without a date stays unread, a month named is the unnamed year's": (
        "Exports rose 5.0 percent to $50.1 billion last month. Imports were $45.2 billion in June.",
        None, [("Y-06", "total", "imports", "level", "45.2", "USD_bn", "")]),
    "a dollar with its country's prefix, the ringgit": (
        ("In December 2023 the trade deficit was NZ$323 million. Exports of milk powder fell "
         "NZ$520 million (23 percent), to NZ$1.79 billion. In July 2018 exports rose "
         "9.4 per cent to RM86.12 billion."), None,
        [("2023-12", "total", "balance", "level", "-323", "NZD_m", ""),
         ("2023-12", "item=milk_powder", "exports", "change", "-520", "NZD_m", ""),
         ("2023-12", "item=milk_powder", "exports", "growth_pct", "-23", "pct", ""),
         ("2023-12", "item=milk_powder", "exports", "level", "1.79", "NZD_bn", ""),
         ("2018-07", "total", "exports", "growth_pct", "9.4", "pct", ""),
         ("2018-07", "total", "exports", "level", "86.12", "MYR_bn", "")]),
    "a headline's $3.3B is billions": (
        "Trade deficit edged up to $3.3B in September 2020", None,
        [("2020-09", "total", "balance", "level", "-3.3", "USD_bn", "")]),
    "a value of the month before; a figure as first published is no figure": (
        ("Exports were down 8.7 percent on year to NZ$5.94 billion in December 2023, down from "
         "the revised NZ$5.95 billion in the previous month (originally NZ$5.99 billion). Imports "
         "sank 13 percent to NZ$6.26 billion, down from NZ$7.20 billion a month earlier. Gold "
         "imports fell to $3.1 billion in December 2023 from $4.4 billion the previous month."),
        None,
        [("2023-12", "total", "exports", "growth_pct", "-8.7", "pct", ""),
         ("2023-12", "total", "exports", "level", "5.94", "NZD_bn", ""),
         ("2023-11", "total", "exports", "level", "5.95", "NZD_bn", ""),
         ("2023-12", "total", "imports", "growth_pct", "-13", "pct", ""),
         ("2023-12", "total", "imports", "level", "6.26", "NZD_bn", ""),
         ("2023-11", "total", "imports", "level", "7.20", "NZD_bn", ""),
         ("2023-12", "item=gold", "imports", "level", "3.1", "USD_bn", ""),
         ("2023-11", "item=gold", "imports", "level", "4.4", "USD_bn", "")]),
    "visible trade is goods trade; re-exports and domestic exports are parts": (
        ("In February 2017 a visible trade deficit of $56.3 billion was recorded. The value of "
         "re-exports increased 18.4% to $238.9 billion, while the value of domestic exports went "
         "up 3.8% to $2.8 billion."), None,
        [("2017-02", "total", "balance", "level", "-56.3", "USD_bn", ""),
         ("2017-02", "origin=re-export", "exports", "growth_pct", "18.4", "pct", ""),
         ("2017-02", "origin=re-export", "exports", "level", "238.9", "USD_bn", ""),
         ("2017-02", "origin=domestic", "exports", "growth_pct", "3.8", "pct", ""),
         ("2017-02", "origin=domestic", "exports", "level", "2.8", "USD_bn", "")]),
    "a country's total exports are its own, in its dollar": (
        ("The value of Hong Kong's total goods exports rose 18.2% year-on-year in February 2017 "
         "to $241.7 billion."), None,
        [("2017-02", "total", "exports", "growth_pct", "18.2", "pct", ""),
         ("2017-02", "total", "exports", "level", "241.7", "HKD_bn", "")]),
    "three months on the three before is no period of the table": (
        ("Comparing the three-month period ending in February 2017 with the preceding three "
         "months on a seasonally adjusted basis, the value of total goods exports increased 4%."),
        None, []),
    "a statistics office names its country, which says is not": (
        ("Statistics Canada says exports rose to $45.5 billion in September 2020. The agency "
         "says the country's merchandise trade deficit was $3.3 billion in September 2020."), None,
        [("2020-09", "total", "exports", "level", "45.5", "CAD_bn", ""),
         ("2020-09", "total", "balance", "level", "-3.3", "CAD_bn", "")]),
    "a month after following is a base; the September 2023 quarter; all of 2023": (
        ("New Zealand had a trade deficit of NZ$323 million in December. That followed the "
         "revised NZ$1.250 billion deficit in November.\n\nExports were "
         "NZ$5.94 billion.\n\n"
         "For the fourth quarter of 2023, exports rose 1.6 percent, following a 8.5 percent fall "
         "in the September 2023 quarter.\n\nFor all of 2023, annual goods exports were worth "
         "NZ$68.7 billion."), "2024-01-28",
        [("2023-12", "total", "balance", "level", "-323", "NZD_m", ""),
         ("2023-11", "total", "balance", "level", "-1.250", "NZD_bn", ""),
         ("2023-12", "total", "exports", "level", "5.94", "NZD_bn", ""),
         ("2023-Q4", "total", "exports", "growth_pct", "1.6", "pct", ""),
         ("2023-Q3", "total", "exports", "growth_pct", "-8.5", "pct", ""),
         ("2023", "total", "exports", "level", "68.7", "NZD_bn", "")]),
    "the reporter's exports to a partner are the partner's; the top five rank none": (
        ("India's exports rose to $38.49 billion in April 2025. India's exports to the US rose to "
         "$8.42 billion in April 2025. India's exports to Tanzania were $0.5 billion. The top "
         "five import sources in April 2025 were the UAE, China, the US, Russia and Ireland."),
        None,
        [("2025-04", "total", "exports", "level", "38.49", "USD_bn", ""),
         ("2025-04", "country=US", "exports", "level", "8.42", "USD_bn", ""),
         ("2025-04", "partner=tanzania", "exports", "level", "0.5", "USD_bn", "")]),
    "the seven months of a year are a total to date": (
        ("Malaysia's trade for the seven months of 2018 expanded by 6.1 per cent to RM1.07 "
         "trillion. Exports accelerated by 7.3 per cent to RM568.72 billion."), None, []),
    "a part named after a cause is not the number's": (
        ("Total trade in July 2018 rose 9.8 per cent from a year earlier to RM163.95 billion on the "
         "back of higher trade with China and India."), None,
        [("2018-07", "total", "volume", "growth_pct", "9.8", "pct", ""),
         ("2018-07", "total", "volume", "level", "163.95", "MYR_bn", "")]),
    "a month after 'after' or 'compared to' is a base; rebounded; y-o-y": (
        ("Exports rose to RM86.12 billion in July 2018.\n\nThe trade surplus rebounded by 1.7 per "
         "cent to RM8.3 billion after a y-o-y decline of 41.1 per cent in June 2018. Exports of "
         "mining goods, which constituted 8.5 per cent of total exports, rebounded by 7.1 per cent "
         "to RM7.34 billion compared to the decline of 8.8 per cent in June 2018."), None,
        [("2018-07", "total", "exports", "level", "86.12", "MYR_bn", ""),
         ("2018-07", "total", "balance", "growth_pct", "1.7", "pct", ""),
         ("2018-07", "total", "balance", "level", "8.3", "MYR_bn", ""),
         ("2018-06", "total", "balance", "growth_pct", "-41.1", "pct", ""),
         ("2018-07", "item=mining", "exports", "share_pct", "8.5", "pct", ""),
         ("2018-07", "item=mining", "exports", "growth_pct", "7.1", "pct", ""),
         ("2018-07", "item=mining", "exports", "level", "7.34", "MYR_bn", ""),
         ("2018-06", "item=mining", "exports", "growth_pct", "-8.8", "pct", "")]),
    "merchandise and services are parts where both are named": (
        ("India's merchandise exports rose 30.7 per cent to USD 40.19 billion in April 2022. "
         "Services exports rose 52.87 per cent to USD 27.60 billion in April 2022. India's overall "
         "exports (merchandise and services combined) were USD 67.79 billion in April 2022."), None,
        [("2022-04", "item=merchandise", "exports", "growth_pct", "30.7", "pct", ""),
         ("2022-04", "item=merchandise", "exports", "level", "40.19", "USD_bn", ""),
         ("2022-04", "item=services", "exports", "growth_pct", "52.87", "pct", ""),
         ("2022-04", "item=services", "exports", "level", "27.60", "USD_bn", ""),
         ("2022-04", "total", "exports", "level", "67.79", "USD_bn", "")]),
    "a currency after of is no part; a month and year before an amount in parentheses": (
        ("Tea exports were USD 28.46 billion in April 2022 against tea exports of USD 23.74 "
         "billion in April 2021. Coffee exports grew 52.87 per cent vis-a-vis April 2021 (USD "
         "18.06 billion)."), None,
        [("2022-04", "item=tea", "exports", "level", "28.46", "USD_bn", ""),
         ("2021-04", "item=tea", "exports", "level", "23.74", "USD_bn", ""),
         ("2022-04", "item=coffee", "exports", "growth_pct", "52.87", "pct", ""),
         ("2021-04", "item=coffee", "exports", "level", "18.06", "USD_bn", "")]),
    "a list of parts' rates after followed by": (
        ("Petroleum products witnessed a jump of 127.69 per cent in exports in April 2022, followed "
         "by electronic goods 71.69 per cent, cereals (60.83 per cent) and leather product (36.68 "
         "per cent)."), None,
        [("2022-04", "item=petroleum_products", "exports", "growth_pct", "127.69", "pct", ""),
         ("2022-04", "item=electronic", "exports", "growth_pct", "71.69", "pct", ""),
         ("2022-04", "item=cereals", "exports", "growth_pct", "60.83", "pct", ""),
         ("2022-04", "item=leather_product", "exports", "growth_pct", "36.68", "pct", "")]),
    "a release comparing the month's result with the month before": (
        ("The merchandise trade deficit edged up to $3.3 billion in September.\n\nSeptember's "
         "result compared with a deficit of $3.2 billion in August.\n\nExports rose 1.5% in "
         "September to $45.5 billion."), "2020-11-04",
        [("2020-09", "total", "balance", "level", "-3.3", "USD_bn", ""),
         ("2020-08", "total", "balance", "level", "-3.2", "USD_bn", ""),
         ("2020-09", "total", "exports", "level", "45.5", "USD_bn", "")]),
    "a month a run starts from dates nothing": (
        ("Exports rose to RM86.12 billion in July 2018.\n\nThe trade surplus rose to RM8.3 billion, "
         "the 249th consecutive month of trade surplus since November 1997."), None,
        [("2018-07", "total", "exports", "level", "86.12", "MYR_bn", ""),
         ("2018-07", "total", "balance", "level", "8.3", "MYR_bn", "")]),
    "which is an increase of: the amount's own; a note before the flow": (
        ("Gold imports were USD 20.11 billion in April 2022 as against USD 15.29 billion in April "
         "2021, which is an increase of 31.50 per cent. Non-petroleum (crude and products) imports "
         "were USD 35.68 billion in April 2022."), None,
        [("2022-04", "item=gold", "imports", "level", "20.11", "USD_bn", ""),
         ("2021-04", "item=gold", "imports", "level", "15.29", "USD_bn", ""),
         ("2022-04", "item=gold", "imports", "growth_pct", "31.50", "pct", ""),
         ("2022-04", "item=non-petroleum", "imports", "level", "35.68", "USD_bn", "")]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_english_pattern_is_read_as_written(tmp_path, name):
    text, published, expected = CASES[name]
    got = sorted(read_text(tmp_path, text, published, name="release.txt"))
    assert got == sorted(expected)

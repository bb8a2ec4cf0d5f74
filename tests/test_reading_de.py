"""Reading German articles and releases (issue 19): each rule of German news and statistics
style (Destatis, Statistik Austria, the Swiss customs and their press) as an invented
sentence."""

from __future__ import annotations

import pytest
from conftest import read_text

# name: (text, publication date or None, the figures read)
CASES = {
    "a während clause's own verb at its end, past the level reached": (
        ("Im Jahr 2023 sanken die Exporte um 1,4 Prozent auf 1562 Milliarden Euro, während die "
         "Importe um 9,7 Prozent auf 1352 Milliarden Euro zulegten."), None,
        [("2023", "total", "exports", "growth_pct", "-1.4", "pct", ""),
         ("2023", "total", "exports", "level", "1562", "EUR_bn", ""),
         ("2023", "total", "imports", "growth_pct", "9.7", "pct", ""),
         ("2023", "total", "imports", "level", "1352", "EUR_bn", "")]),
    "a während clause falling after a main clause rising": (
        ("Im Jahr 2022 stiegen die Ausfuhren der Schweiz um 5,2 Prozent, während die Einfuhren "
         "um 2,3 Prozent zurückgingen."), None,
        [("2022", "total", "exports", "growth_pct", "5.2", "pct", ""),
         ("2022", "total", "imports", "growth_pct", "-2.3", "pct", "")]),
    "Austrian month names (Jänner)": (
        ("Im Jänner 2011 lagen die Einfuhren bei 9,23 Mrd. Euro und die Ausfuhren bei 8,67 Mrd. "
        "Euro."), None,
        [("2011-01", "total", "imports", "level", "9.23", "EUR_bn", ""),
         ("2011-01", "total", "exports", "level", "8.67", "EUR_bn", "")]),
    "Swiss spelling (ss for ß) and francs": (
        ("Die Exporte in die Länder ausserhalb der EU stiegen im Jahr 2016 um 3,8 Prozent auf "
        "70,7 Mrd. Fr. und die Importe aus diesen Ländern auf 50,1 Milliarden Franken."), None,
        [("2016", "country=non_EU", "exports", "growth_pct", "3.8", "pct", ""),
         ("2016", "country=non_EU", "exports", "level", "70.7", "CHF_bn", ""),
         ("2016", "country=non_EU", "imports", "level", "50.1", "CHF_bn", "")]),
    "an amount with a scale alone is in the text's one currency": (
        ("Im Jahr 2025 stiegen die Exporte der Schweiz auf 287,0 Milliarden Franken. Die Importe "
        "stiegen mit dem Plus von 4,5 Prozent auf 232,7 Milliarden."), None,
        [("2025", "total", "exports", "level", "287.0", "CHF_bn", ""),
         ("2025", "total", "imports", "growth_pct", "4.5", "pct", ""),
         ("2025", "total", "imports", "level", "232.7", "CHF_bn", "")]),
    "Austrian balance words (Warenverkehrsbilanz, Passivum, Aktivum)": (
        ("Die Warenverkehrsbilanz wies für Jänner 2011 ein Passivum von 0,56 Mrd. Euro auf. Mit "
        "den Drittstaaten ergab sich ein Aktivum von 0,12 Mrd. Euro."), None,
        [("2011-01", "total", "balance", "level", "-0.56", "EUR_bn", ""),
         ("2011-01", "country=non_EU", "balance", "level", "0.12", "EUR_bn", "")]),
    "a growth named by a noun before it (Zuwachs, Anstieg, Rückgang)": (
        ("Im Jänner 2011 verzeichneten die Ausfuhren einen Zuwachs von 26,3% und die Einfuhren aus "
        "den EU-Staaten einen Anstieg von 24,1% gegenüber dem Vorjahresmonat, während die "
        "Exporte in die Drittstaaten einen Rückgang von 2,5% zeigten."), None,
        [("2011-01", "total", "exports", "growth_pct", "26.3", "pct", ""),
         ("2011-01", "country=EU", "imports", "growth_pct", "24.1", "pct", ""),
         ("2011-01", "country=non_EU", "exports", "growth_pct", "-2.5", "pct", "")]),
    "a growth named by a comparison after it, not one with another month": (
        ("Im Oktober 2017 lagen die Einfuhren mit 89,0 Mrd. Euro um 8,3% über dem Vorjahreswert. "
        "Die Ausfuhren waren um 6,8 Prozent höher als im Oktober 2016, aber 0,4 Prozent weniger "
        "als im September. Die Exporte in die EU lagen um 4,4 Prozent unter dem Wert des "
        "Vorjahres."), None,
        [("2017-10", "total", "imports", "level", "89.0", "EUR_bn", ""),
         ("2017-10", "total", "imports", "growth_pct", "8.3", "pct", ""),
         ("2017-10", "total", "exports", "growth_pct", "6.8", "pct", ""),
         ("2017-10", "country=EU", "exports", "growth_pct", "-4.4", "pct", "")]),
    "a growth with its direction after it (Plus, mehr als)": (
        ("Außenhandel: Im September 2010 22,5 Prozent Plus bei den Ausfuhren. Die Einfuhren aus den "
        "EU-Ländern waren um 17,8 % mehr als im September 2009."), None,
        [("2010-09", "total", "exports", "growth_pct", "22.5", "pct", ""),
         ("2010-09", "country=EU", "imports", "growth_pct", "17.8", "pct", "")]),
    "an amount that is a change (um ... zu, ein Rückgang um, weniger als im Vorjahr)": (
        ("Im Jahr 2025 legten die Exporte der Schweiz um 3,3 Milliarden Franken zu, die Importe "
        "stiegen um 8,0 Milliarden Franken auf 83,6 Milliarden Franken. Der Überschuss sank auf "
        "54,3 Milliarden Franken, ein Rückgang um 307 Millionen Franken. Die Exporte in die "
        "Drittstaaten betrugen 25,2 Milliarden Franken, 438 Millionen Franken weniger als im "
        "Vorjahr."), None,
        [("2025", "total", "exports", "change", "3.3", "CHF_bn", ""),
         ("2025", "total", "imports", "change", "8.0", "CHF_bn", ""),
         ("2025", "total", "imports", "level", "83.6", "CHF_bn", ""),
         ("2025", "total", "balance", "level", "54.3", "CHF_bn", ""),
         ("2025", "total", "balance", "change", "-307", "CHF_m", ""),
         ("2025", "country=non_EU", "exports", "level", "25.2", "CHF_bn", ""),
         ("2025", "country=non_EU", "exports", "change", "-438", "CHF_m", "")]),
    "a change said once is the way of the one before (der von ... um)": (
        ("Im Jahr 2025 legte der Export von Fahrzeugen um 850 Millionen Franken zu, der von Schmuck "
        "um 347 Millionen Franken. Die Importe stiegen um 1,5 Milliarden Franken."), None,
        [("2025", "item=fahrzeugen", "exports", "change", "850", "CHF_m", ""),
         ("2025", "item=schmuck", "exports", "change", "347", "CHF_m", ""),
         ("2025", "total", "imports", "change", "1.5", "CHF_bn", "")]),
    "Waren um X (Austrian: goods worth X) is a level": (
        ("In die EU-Länder exportierte Österreich im Jahr 2019 Waren um 16,70 Mrd. Euro, um 2,3 "
        "Prozent mehr als im Jahr davor."), None,
        [("2019", "country=EU", "exports", "level", "16.70", "EUR_bn", ""),
         ("2019", "country=EU", "exports", "growth_pct", "2.3", "pct", "")]),
    "a span of months: the year, a half; one named as a base dates nothing": (
        ("Im Zeitraum Jänner bis Dezember 2006 stiegen die Ausfuhren um 9,5 Prozent. Die Einfuhren "
        "fielen im Vergleich zum Zeitraum Jänner bis Dezember 2005 um 8 Prozent höher aus. Von "
        "Januar bis Juni 2007 stiegen die Ausfuhren um 3,1 Prozent."), None,
        [("2006", "total", "exports", "growth_pct", "9.5", "pct", ""),
         ("2006", "total", "imports", "growth_pct", "8", "pct", ""),
         ("2007-H1", "total", "exports", "growth_pct", "3.1", "pct", "")]),
    "months from January to another are a total to date, not read": (
        ("Von Jänner bis September 2012 wuchsen die Ausfuhren um 1,6 Prozent auf 92,41 Mrd. Euro "
        "und die Einfuhren um 0,4 Prozent."), None, []),
    "quarters": (
        ("Im 1. Quartal 2016 stiegen die Exporte um 2,5 Prozent. Im ersten Quartal 2017 stiegen "
        "die Importe um 1,1 Prozent."), None,
        [("2016-Q1", "total", "exports", "growth_pct", "2.5", "pct", ""),
         ("2017-Q1", "total", "imports", "growth_pct", "1.1", "pct", "")]),
    "a figure with the same one a year before in parentheses": (
        ("Die Exportquote in die Europäische Union fiel im Jahr 2006 auf 69,9 (71,2) Prozent, der "
        "Ausfuhranteil in die Drittstaaten stieg auf 30,1 (28,8) Prozent der Gesamtexporte."), None,
        [("2006", "country=EU", "exports", "share_pct", "69.9", "pct", ""),
         ("2005", "country=EU", "exports", "share_pct", "71.2", "pct", ""),
         ("2006", "country=non_EU", "exports", "share_pct", "30.1", "pct", ""),
         ("2005", "country=non_EU", "exports", "share_pct", "28.8", "pct", "")]),
    "nach X is the same figure a year before, or is not read": (
        ("Österreich hat im Jahr 2006 ein Handelsbilanzminus von 458,8 Mio. Euro (nach 1,8 Mrd.) "
        "eingefahren. Im Juni 2019 betrug der Überschuss 16,8 Milliarden Euro nach 15,2 "
        "Milliarden Euro, der Überschuss mit der EU 10,2 Milliarden Euro nach 9,5 Milliarden Euro "
        "im Vorjahresmonat."), None,
        [("2006", "total", "balance", "level", "-458.8", "EUR_m", ""),
         ("2005", "total", "balance", "level", "-1.8", "EUR_bn", ""),
         ("2019-06", "total", "balance", "level", "16.8", "EUR_bn", ""),
         ("2019-06", "country=EU", "balance", "level", "10.2", "EUR_bn", ""),
         ("2018-06", "country=EU", "balance", "level", "9.5", "EUR_bn", "")]),
    "a sentence going on about the figure before (Auf Jahressicht, Das entspricht, Damit)": (
        ("Im Juni 2019 stiegen die Importe gegenüber dem Vormonat um 0,5 Prozent. Auf Jahressicht "
        "ergab sich ein Rückgang von 4,4 Prozent. Die Exporte in die EU stiegen auf 63,5 "
        "Milliarden Euro. Das entspricht einem Plus von immerhin 1,2 Prozent.\n\nDie "
        "Außenhandelsbilanz schloss mit einem Überschuss von 16,8 Milliarden Euro ab. Damit wurde "
        "der Wert von 15,1 Milliarden Euro aus dem Vorjahr übertroffen."), None,
        [("2019-06", "total", "imports", "growth_pct", "-4.4", "pct", ""),
         ("2019-06", "country=EU", "exports", "level", "63.5", "EUR_bn", ""),
         ("2019-06", "country=EU", "exports", "growth_pct", "1.2", "pct", ""),
         ("2019-06", "total", "balance", "level", "16.8", "EUR_bn", ""),
         ("2018-06", "total", "balance", "level", "15.1", "EUR_bn", "")]),
    "a separable verb names the flow (führte ... aus, führte ... ein)": (
        ("In die EU führte Deutschland im Juni 2019 Waren im Wert von 63,5 Milliarden Euro aus. Aus "
        "den Drittländern führte Deutschland Waren im Wert von 36,0 Milliarden Euro ein."), None,
        [("2019-06", "country=EU", "exports", "level", "63.5", "EUR_bn", ""),
         ("2019-06", "country=non_EU", "imports", "level", "36.0", "EUR_bn", "")]),
    "a compound with a flow as head, its first part a part unless it names the whole": (
        ("Im Jahr 2022 stiegen die Güterimporte um 10,7 Prozent und die Gasimporte um 132,7 "
        "Prozent, die Chemie- und Pharma-Exporte um 3,3 Prozent."), None,
        [("2022", "total", "imports", "growth_pct", "10.7", "pct", ""),
         ("2022", "item=gas", "imports", "growth_pct", "132.7", "pct", ""),
         ("2022", "item=chemie_pharma", "exports", "growth_pct", "3.3", "pct", "")]),
    "a month named without its year in a text of that month of one year": (
        ("Im September stiegen die Ausfuhren um 22,5 %. Die Außenhandelsbilanz schloss im "
        "September 2010 mit einem Überschuss von 16,8 Milliarden Euro ab, die Einfuhren lagen im "
        "September 2010 bei 70,1 Milliarden Euro."), None,
        [("2010-09", "total", "exports", "growth_pct", "22.5", "pct", ""),
         ("2010-09", "total", "balance", "level", "16.8", "EUR_bn", ""),
         ("2010-09", "total", "imports", "level", "70.1", "EUR_bn", "")]),
    "a half named without its number is the last before publication": (
        ("Auf das Halbjahr bezogen stiegen die Importe auf 556,2 Milliarden Euro, das waren 16,1 "
        "Milliarden Euro mehr als im Vorjahr."), "2019-08-09",
        [("2019-H1", "total", "imports", "level", "556.2", "EUR_bn", ""),
         ("2019-H1", "total", "imports", "change", "16.1", "EUR_bn", "")]),
    "qualifiers (rund, knapp) and a threshold passed": (
        ("Österreich hat im Jahr 2006 Waren im Wert von rund 72,5 Mrd. Euro in die EU geliefert "
        "und aus der EU Waren im Wert von knapp 77 Mrd. Euro bezogen. Die Ausfuhren haben "
        "erstmals die Schallmauer von 100 Mrd. Euro durchbrochen."), None,
        [("2006", "country=EU", "exports", "level", "72.5", "EUR_bn", "about"),
         ("2006", "country=EU", "imports", "level", "77", "EUR_bn", "nearly")]),
    "dates and names with digits are no numbers (EU-25, 29.01.2026)": (
        ("29.01.2026 - In die Drittstaaten außerhalb der EU-25 wurde im Jahr 2006 mit 31,24 Mrd. "
        "Euro um 14,5 Prozent mehr exportiert als noch vor einem Jahr."), None,
        [("2006", "country=non_EU", "exports", "level", "31.24", "EUR_bn", ""),
         ("2006", "country=non_EU", "exports", "growth_pct", "14.5", "pct", "")]),
    "a forecast (gerechnet) is not read": (
        ("Im Juni 2019 lagen die Exporte bei 106,1 Milliarden Euro. Ökonomen hatten mit einem "
        "Überschuss von 18,6 Milliarden Euro gerechnet."), None,
        [("2019-06", "total", "exports", "level", "106.1", "EUR_bn", "")]),
    "verb forms and nouns of the flows (exportierte, Exporteure, versandten Waren)": (
        ("Im Juni 2019 exportierte die deutsche Wirtschaft Waren im Wert von 106,1 Milliarden Euro. "
        "Ein Plus von 2,5 % verzeichneten die Exporteure in die EU. Der Wert der in diese Länder "
        "versandten Waren betrug 63,5 Milliarden Euro."), None,
        [("2019-06", "total", "exports", "level", "106.1", "EUR_bn", ""),
         ("2019-06", "country=EU", "exports", "growth_pct", "2.5", "pct", ""),
         ("2019-06", "country=EU", "exports", "level", "63.5", "EUR_bn", "")]),
    "im Vorjahr in a text naming no year is the year before publication": (
        ("Österreichs Defizit im Außenhandel hat sich im Vorjahr von 8,4 auf 4,9 Mrd. Euro fast "
         "halbiert, die Einfuhren lagen bei 130,7 Mrd. Euro. Die Ausfuhren waren höher als im "
         "Vorjahr."), "2014-06-27",
        [("2012", "total", "balance", "level", "-8.4", "EUR_bn", ""),
         ("2013", "total", "balance", "level", "-4.9", "EUR_bn", ""),
         ("2013", "total", "imports", "level", "130.7", "EUR_bn", "")]),
    "von X auf Y, um X auf Y: X in the unit printed once after Y": (
        ("Im Jahr 2013 verringerte sich das Handelsbilanzdefizit mit der EU um 1,98 auf 6,43 "
         "Mrd. Euro, der Überschuss mit den Drittstaaten stieg von 1,2 auf 1,54 Mrd. Euro."), None,
        [("2013", "country=EU", "balance", "change", "1.98", "EUR_bn", ""),
         ("2013", "country=EU", "balance", "level", "-6.43", "EUR_bn", ""),
         ("2012", "country=non_EU", "balance", "level", "1.2", "EUR_bn", ""),
         ("2013", "country=non_EU", "balance", "level", "1.54", "EUR_bn", "")]),
    "numbers before an attributive participle and its flow are that flow's": (
        ("Im Jahr 2013 gab es um ein Prozent auf 130,7 Mrd. Euro gesunkene Einfuhren und um 1,8 "
         "Prozent auf 125,8 Mrd. Euro gestiegene Ausfuhren."), None,
        [("2013", "total", "imports", "growth_pct", "-1", "pct", ""),
         ("2013", "total", "imports", "level", "130.7", "EUR_bn", ""),
         ("2013", "total", "exports", "growth_pct", "1.8", "pct", ""),
         ("2013", "total", "exports", "level", "125.8", "EUR_bn", "")]),
    "gingen ... zurück, and a growth whose verb was said once": (
        ("Im Jahr 2013 gingen die Einfuhren aus den EU-Ländern um 0,7 Prozent auf 93,2 Mrd. Euro "
         "zurück, aus den Drittstaaten um 1,7 Prozent auf 37,5 Mrd. Euro."), None,
        [("2013", "country=EU", "imports", "growth_pct", "-0.7", "pct", ""),
         ("2013", "country=EU", "imports", "level", "93.2", "EUR_bn", ""),
         ("2013", "country=non_EU", "imports", "growth_pct", "-1.7", "pct", ""),
         ("2013", "country=non_EU", "imports", "level", "37.5", "EUR_bn", "")]),
    "Sie: the flow and part of the sentence before, if it named a part": (
        ("Im Jahr 2025 sanken die Exporte von Uhren weiter. Sie erzielten 25,2 Milliarden Franken. "
         "Chemie und Pharma trieben auch die Importe. Sie stiegen um 8,0 Milliarden Franken."),
        None,
        [("2025", "item=uhren", "exports", "level", "25.2", "CHF_bn", "")]),
    "das erste Halbjahr without its year": (
        ("Betrachtet man das gesamte erste Halbjahr, gab es ein Plus der Ausfuhren von 0,5 "
         "Prozent auf 666,1 Milliarden Euro."), "2019-08-09",
        [("2019-H1", "total", "exports", "growth_pct", "0.5", "pct", ""),
         ("2019-H1", "total", "exports", "level", "666.1", "EUR_bn", "")]),
    "adjusted after a comma: not the figure before it; den Monat is the text's month": (
        ("Im Juni 2019 lagen die Exporte bei 106,1 Milliarden Euro.\n\nInsgesamt schloss die "
         "Außenhandelsbilanz den Monat mit einem Überschuss von 16,8 Milliarden Euro ab, "
         "kalender- und saisonbereinigt waren es 18,1 Milliarden Euro."), None,
        [("2019-06", "total", "exports", "level", "106.1", "EUR_bn", ""),
         ("2019-06", "total", "balance", "level", "16.8", "EUR_bn", "")]),
    "a forecast (rechnete mit)": (
        ("Im Juni 2019 lagen die Exporte bei 106,1 Milliarden Euro. Der Verband rechnete für den "
         "Monat mit einem Überschuss von 18,6 Milliarden Euro."), None,
        [("2019-06", "total", "exports", "level", "106.1", "EUR_bn", "")]),
    "a partner's shares, each of the flow named after it": (
        ("Die Einfuhren aus der EU lagen im Jahr 2013 bei 93,2 Mrd. Euro, ihr Anteil an den "
         "gesamten Importen betrug 71,3 Prozent. Wichtigster Partner war Deutschland mit einem "
         "Anteil von 37,5 Prozent bei den Importen und 30,1 Prozent bei den Exporten."), None,
        [("2013", "country=EU", "imports", "level", "93.2", "EUR_bn", ""),
         ("2013", "country=EU", "imports", "share_pct", "71.3", "pct", ""),
         ("2013", "country=DE", "imports", "share_pct", "37.5", "pct", ""),
         ("2013", "country=DE", "exports", "share_pct", "30.1", "pct", "")]),
    "the sign of a balance is its deficit word's (ein Passivum der Handelsbilanz)": (
        ("Im Jänner 2011 ergab sich ein Passivum der Handelsbilanz mit Drittstaaten von 0,24 "
         "Mrd. Euro, und Österreich bezog aus der EU Waren im Wert von 6,37 Mrd. Euro."), None,
        [("2011-01", "country=non_EU", "balance", "level", "-0.24", "EUR_bn", ""),
         ("2011-01", "country=EU", "imports", "level", "6.37", "EUR_bn", "")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pattern_is_read_as_written(tmp_path, name):
    text, published, expected = CASES[name]
    assert read_text(tmp_path, text + "\n", published) == expected

"""The one parser for figures and names in text: numbers with their units and bounds, dates, and capitalized names.

Every span it returns indexes ``prepare(text)``, which has the same length as the text it was given
(dashes and quotes are folded one character for one), so a parser (spaCy) run on the prepared text
sees the same offsets.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from rag.text import STOPWORDS, UPPER, normalize

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"', 0xa0: " "}

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "a": 1, "an": 1, "half a": 0.5,
}
# "sixty-six", "twenty-one": one number, not a range from sixty to six
WORD_NUMBERS.update({f"{tens}-{unit}": WORD_NUMBERS[tens] + WORD_NUMBERS[unit]
                     for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
                     for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")})
_MAGNITUDE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
              "b": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCY = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "cny"}
_CURRENCY_WORDS = {"dollars": "usd", "dollar": "usd", "usd": "usd", "euros": "eur", "euro": "eur", "eur": "eur",
                   "pounds": "gbp", "yuan": "cny", "renminbi": "cny", "yen": "jpy", "rupees": "inr"}
DURATION_UNITS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30.4, "quarter": 91.3,  # in days
                  "year": 365, "decade": 3650}
QUANTITY_UNITS = {  # unit word -> (canonical unit, factor)
    "kg": ("kg", 1), "kilogram": ("kg", 1), "kilograms": ("kg", 1), "kilo": ("kg", 1), "g": ("kg", 1e-3),
    "grams": ("kg", 1e-3), "tonne": ("kg", 1e3), "tonnes": ("kg", 1e3), "ton": ("kg", 1e3), "tons": ("kg", 1e3),
    "t": ("kg", 1e3), "mt": ("kg", 1e9), "pounds": ("kg", 0.4536), "lbs": ("kg", 0.4536),
    "km": ("m", 1e3), "kilometres": ("m", 1e3), "kilometers": ("m", 1e3), "miles": ("m", 1609), "metres": ("m", 1),
    "meters": ("m", 1), "mw": ("w", 1e6), "gw": ("w", 1e9), "kw": ("w", 1e3), "barrels": ("bbl", 1),
    "litres": ("l", 1), "liters": ("l", 1), "gallons": ("l", 3.785), "acres": ("acre", 1), "hectares": ("acre", 2.47),
    "mile": ("m", 1609), "mi": ("m", 1609), "kilometre": ("m", 1e3), "kilometer": ("m", 1e3), "metre": ("m", 1),
    "meter": ("m", 1), "feet": ("m", 0.3048), "foot": ("m", 0.3048), "ft": ("m", 0.3048), "yards": ("m", 0.9144),
    "yard": ("m", 0.9144), "cm": ("m", 0.01), "centimetres": ("m", 0.01), "centimeters": ("m", 0.01),
    "mm": ("m", 0.001), "inches": ("m", 0.0254), "inch": ("m", 0.0254),
    "mph": ("m/hour", 1609), "km/h": ("m/hour", 1e3), "kph": ("m/hour", 1e3), "kmph": ("m/hour", 1e3),
    "km/hr": ("m/hour", 1e3), "knots": ("m/hour", 1852),
    # an angle or a temperature ("rotated 65 degrees", "listing at 60-70 degrees", "30 degrees Celsius")
    "degrees": ("deg", 1), "degree": ("deg", 1),
    # a dose of radiation and its activity ("20 millisieverts a year", "1.3 microsieverts", "15,000 terabecquerels")
    "sieverts": ("sv", 1), "millisieverts": ("sv", 1e-3), "microsieverts": ("sv", 1e-6), "msv": ("sv", 1e-3),
    "becquerels": ("bq", 1), "terabecquerels": ("bq", 1e12),
    "knot": ("m/hour", 1852), "nautical miles": ("m", 1852), "nautical mile": ("m", 1852),
    "nautical-mile": ("m", 1852), "nautical-miles": ("m", 1852),
    # natural gas by the million or billion cubic metres ("178 mcm", "55 bcm")
    "mcm": ("m3", 1e6), "bcm": ("m3", 1e9),
    # a frequency ("37.5 kHz", "a 50 Hz grid")
    "hz": ("hz", 1), "hertz": ("hz", 1), "khz": ("hz", 1e3), "kilohertz": ("hz", 1e3), "mhz": ("hz", 1e6),
    "megahertz": ("hz", 1e6), "ghz": ("hz", 1e9), "gigahertz": ("hz", 1e9),
    # volumes and areas written with their power ("780,000 m3", "210 million US gal", "1,000 km²"), as "cubic metres"
    # and "square kilometres" are read
    "m3": ("m3", 1), "m\u00b3": ("m3", 1), "km2": ("m2", 1e6), "km\u00b2": ("m2", 1e6), "m2": ("m2", 1),
    "m\u00b2": ("m2", 1), "gal": ("l", 3.785), "us gal": ("l", 3.785), "us gallons": ("l", 3.785),
    "gallon": ("l", 3.785), "litre": ("l", 1), "liter": ("l", 1), "barrel": ("bbl", 1), "bbl": ("bbl", 1),
}
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
MONTH = _MONTH  # a month's name, whole or shortened (lower case: compile it case-blind)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LOWER = {"over": (1, math.inf), "more than": (1, math.inf), "above": (1, math.inf), "at least": (1, math.inf),
          "exceeding": (1, math.inf), "upwards of": (1, math.inf),
          "under": (0, 1), "less than": (0, 1), "below": (0, 1), "up to": (0, 1), "at most": (0, 1),
          # "as much as 1,000 barrels a day" is at most that; "as few as 40" at least
          "as much as": (0, 1), "as many as": (0, 1), "as high as": (0, 1), "as large as": (0, 1),
          "as few as": (1, math.inf), "as little as": (1, math.inf), "as low as": (1, math.inf),
          "nearly": (0.9, 1), "almost": (0.9, 1),
          "about": (0.95, 1.05), "around": (0.95, 1.05), "roughly": (0.95, 1.05), "approximately": (0.95, 1.05),
          "some": (0.95, 1.05), "~": (0.95, 1.05), "an estimated": (0.95, 1.05)}

# "three-and-a-half days", "two and a half years": the half is the number's
_HALF = r"(?:[\s-]and[\s-]a[\s-]half)"
# "a quarter-mile", "half-mile": a fraction of a unit of length, written as one word with it
_LENGTHS = "mile|kilometre|kilometer|km|metre|meter|inch|foot"
_WORDNUM = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS if w not in ("a", "an")), key=len, reverse=True))
# a whole number's fraction written after it ("2\u00bd hours", "3 1/2 miles") and a number's "-plus" ("a 710,000-plus
# square kilometre area", "200-plus staff": at least that many; ``_PLUS_AFTER``)
_FRACTIONS = {"\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75, "\u2153": 1 / 3, "\u2154": 2 / 3}
_VULGAR = "[" + "".join(_FRACTIONS) + "]"
_FRACTION_PART = rf"(?:{_VULGAR}|\s(?:1/2|1/4|3/4|1/3|2/3)(?![\d/]))"
_PLUS = r"(?:-plus\b|\+(?=\s))"
_PLUS_AFTER = re.compile(r"\d" + _PLUS, re.IGNORECASE)
# A number is not glued after a letter: "K220", "RX370", "G7" are names (a model, a flight, a group), no figures.
# A number starts where a run of digits starts: a match tried at every digit of a long run ("9" * 3000) and
# backtracking through the rest of it each time is quadratic (seconds per 8,000-character passage).
_N = rf"(?:(?:(?<![\dA-Za-z])(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?){_FRACTION_PART}?{_PLUS}?|" \
     rf"\.\d+|(?<![A-Za-z])(?<!several )(?<!few )(?:{_WORDNUM})(?![A-Za-z]))" \
     rf"{_HALF}?|(?<![A-Za-z])(?:a\s|one\s)?(?:half|quarter)(?=[\s-](?:{_LENGTHS})\b))"  # not "consisTENt"
_BOUNDS = "|".join(sorted(map(re.escape, _LOWER), key=len, reverse=True))
_BOUND = rf"(?:(?P<bound>{_BOUNDS})\s*)?"
_BOUND2 = rf"(?:(?P<bound2>{_BOUNDS})\s*)?"
# no range where a tens word and a unit word are one number ("forty-five percent" is 45%, not 5% to 40%)
_NOT_COMPOUND = r"(?!(?<=ty)-(?:one|two|three|four|five|six|seven|eight|nine)\b)"
_PCT = r"\s?(?:%|per ?cent\b|percent\b|pct\b|percentage points?\b)"
_MAG = r"(?:\s?(?P<mag>thousand|million|billion|trillion|mn|bn|tn|[kmb])\b)?"

_PERCENT = re.compile(rf"{_BOUND}(?P<a>{_N})(?:{_PCT})?{_NOT_COMPOUND}\s?(?:-|to|and)\s?(?P<b>{_N}){_PCT}|{_BOUND2}(?P<c>{_N}){_PCT}",
                      re.IGNORECASE)
# "one in four Norwegians", "2 out of 3 voters": a share, not two counts (not "3 in 10 days": a rate of time)
_RATIO = re.compile(rf"{_BOUND}(?P<a>{_N})\s+(?:in|out\s+of)\s+(?P<b>{_N})(?!\s*(?:%|per ?cent|percent)\b)"
                    r"(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|games?|matches|attempts?|"
                    r"tries|starts?|races?|innings|shots?)\b)(?![\d,.]*\d)", re.IGNORECASE)
_MONEY = re.compile(
    rf"{_BOUND}(?P<cur>us\$|[$€£¥])\s?(?P<a>{_N}){_MAG}(?:{_NOT_COMPOUND}\s?(?P<sep>-|to|and)\s?(?P<cur2>us\$|[$€£¥])?\s?(?P<b>{_N})"
    rf"{_MAG.replace('mag', 'mag2')})?"
    rf"|{_BOUND2}(?P<c>{_N}){_MAG.replace('mag', 'mag3')}\s(?P<word>" + "|".join(_CURRENCY_WORDS) + r")\b", re.IGNORECASE)
_ARTICLE = r"(?<=\bfor )an?|(?<=\bin )an?|(?<=\bwithin )an?|(?<=\bthan )an?|(?<=\bover )an?"  # "for a year", not "a day"
_GONE_BY = "".join(f"(?<!{w} )" for w in ("past", "next", "first", "recent", "coming", "previous", "few", "many"))
# a word that qualifies a span of time between its number and its unit ("three full days", "66 agonizing days")
_SPAN_ADJECTIVE = r"(?:\s(?:full|long|whole|straight|consecutive|[a-z]{3,}(?:ing|ful|ous|ive)))?"
_DURATION = re.compile(  # "over the past two years" is time gone by, not how long something lasts
    rf"{_GONE_BY}{_BOUND}(?P<a>{_N}|{_ARTICLE})(?:{_NOT_COMPOUND}\s?(?:-|to)\s?(?P<b>{_N}))?{_SPAN_ADJECTIVE}[\s-](?P<unit>second|minute|hour|day|week|month|quarter|year|decade)s?\b"
    r"(?!\s+(?:old|ago)\b)", re.IGNORECASE)
# "two days after the explosion", "30 minutes before the blast": a time counted from an event, not how long anything
# lasted; unless the figure is what something lasted or took ("lasted about 30 minutes before Musk left", "for 87
# days before it could be capped")
_FROM_AN_EVENT = re.compile(r"\s+(?:before|after|earlier|later)\b", re.IGNORECASE)  # ("30 seconds later")
_LASTED = re.compile(r"\b(?:for|lasted|lasting|lasts|took|taking|takes|spent|spending|spends)\s+(?:(?:about|around|roughly|"
                     r"some|nearly|almost|just|only|over|under|more\s+than|less\s+than|at\s+least)\s+)*$", re.IGNORECASE)
# An age: "38-year-old", "38 years old", "aged 37", and a name's "Saman Kunan, 38," (two digits between commas)
AGE = re.compile(r"\b(?P<a>\d{1,3})(?:-|\s)years?(?:-|\s)old\b|\baged\s(?P<a2>\d{1,3})(?:\s?(?:to|-|and)\s?(?P<b2>\d{1,3}))?\b(?!\s?%)|"
                 r"\b(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                 r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z]+,\s(?P<a3>\d{1,2})"
                 r"(?:,(?=\s)|;|\.?$|\.(?=\s))")
# (a3: a name's age in apposition, within its sentence or ending a list's item: "Saman Kunan, 38, died", "Lena
# Brandt, 54; and Tor Lunde, 26.")
# Time gone by ("over the past two years", "in the last 18 months"): how long something has been so, which only a
# question asking how long something has been answers (unit "elapsed"; ``kinds.answers_as``)
_ELAPSED = re.compile(
    rf"\b(?:past|previous|(?<=\bthe )last)\s(?P<a>{_N})(?:{_NOT_COMPOUND}\s?(?:-|to)\s?(?P<b>{_N}))?[\s-]"
    r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade)s?\b", re.IGNORECASE)
# days of one month as a span ("from 23 to 29 March 2021", "March 23-29"): one date, not a count before a date
_TO_DAY = r"(?:\s?(?:-|\u2013|to|and|through|until)\s?\d{1,2}(?:st|nd|rd|th)?)"
_DATE = re.compile(
    rf"\b(?:(?P<md>{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?{_TO_DAY}?(?:,?\s(?:of\s)?(?P<y1>1\d\d\d|20\d\d))?)"
    rf"|(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?{_TO_DAY}?\s(?:of\s)?{_MONTH}(?:,?\s(?P<y2>1\d\d\d|20\d\d))?)"
    rf"|(?P<my>{_MONTH},?\s(?P<y3>1\d\d\d|20\d\d))"
    # a month named alone after a word of time ("arrive in May"): capitalized, so the modal "may" is never one
    r"|(?P<mo>(?:(?<=\bin )|(?<=\bby )|(?<=\buntil )|(?<=\bsince )|(?<=\bfrom )|(?<=\bbefore )|(?<=\bafter )"
    r"|(?<=\bearly )|(?<=\blate )|(?<=\bmid-))(?-i:January|February|March|April|May|June|July|August|September|October"
    r"|November|December))"
    r"|(?P<q>q[1-4]\s?(?P<y4>20\d\d|19\d\d))"
    r"|(?P<iso>(?P<y5>1[5-9]\d\d|20\d\d)-\d\d-\d\d)"
    r"|(?P<decade>(?:the\s)?(?P<y6>1[5-9]\d0|20\d0)s)"
    r"|(?P<century>(?P<c>[1-2]?\d)(?:st|nd|rd|th)[\s-]century)"
    r"|(?P<y>(?<![\d.,$])(?:1[5-9]\d\d|20\d\d)(?![\d%,.]\d)(?!\s(?:metres|meters|feet|ft|km|kilometres|kilometers|"
    r"miles|tonnes|tons|kg|kilograms|barrels|litres|liters|gallons|acres|hectares)\b))"  # "1730 metres" is a length
    # an older year after a word of time ("disseminated in 1281", "By autumn 1347", "from 1271 to 1368"), not a
    # count of something ("in 1200 cases")
    r"|(?P<y7>(?:(?<=\bin )|(?<=\bby )|(?<=\bsince )|(?<=\buntil )|(?<=\bfrom )|(?<=\bto )|(?<=\bbefore )"
    r"|(?<=\bafter )|(?<=\baround )|(?<=\bcirca )|(?<=\byear )|(?<=\bautumn )|(?<=\bspring )|(?<=\bsummer )"
    r"|(?<=\bwinter )|(?<=\bc\. ))1[0-4]\d\d(?![\d%,.]\d)(?!\s+(?:[a-z]{2,}(?<![su]s)s|people|men|women|children)\b)))\b",
    re.IGNORECASE)
# a month's name that is also a verb, written in lower case: "may", "march" (the month is capitalized)
_MODAL_MONTH = re.compile(r"(?<![A-Za-z])(?:may|march)(?![A-Za-z])")
_DAYS_SPAN = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s?(?:-|\u2013|to|and|through|until)\s?")
_QUANTITY = re.compile(rf"{_BOUND}(?P<a>{_N})(?:{_NOT_COMPOUND}\s?(?P<sep>-|to|and)\s?(?P<b>{_N}))?{_MAG}[\s-]?"
                       r"(?:metric\s|cubic\s|square\s|cu\.?\s|sq\.?\s)?"
                       r"(?P<unit>" + "|".join(sorted(map(re.escape, QUANTITY_UNITS), key=len, reverse=True)) + r")\b",
                       re.IGNORECASE)
# metres as "m", which is also a million ("1.4m people", "$400m"): only apart from its number and before no word
# ("400 m, 224,000-ton"), or before a dimension ("a 400m-long ship", "400 m high")
_METRES = re.compile(rf"{_BOUND}(?P<a>{_N})(?:\s(?P<unit>m)(?=\s*[,.;:)\u2013]|\s*$|[\s-](?:long|high|wide|deep|tall)\b"
                     r"|\s*\(\s*[\d.,]+\s*(?:ft|feet|yd|yards|in|inches|mi|miles)\b)"  # "400 m (1,300 ft)"
                     r"|(?P<unit2>m)(?=[\s-](?:long|high|wide|deep|tall)\b"
                     r"|\s*\(\s*[\d.,]+\s*(?:ft|feet|yd|yards|in|inches|mi|miles)\b))")  # "50m (164ft)"
# (digits that are an ordinal, "the 12th most populous", count nothing)
# a figure by the period: "a day", "per year", "daily", "/day"
_RATE = re.compile(r"(?:\b(?:a|an|per|each|every)\s+|/)(day|week|month|year|hour|minute|second)\b|/(s|h)\b|"
                   r"\b(daily|weekly|monthly|yearly|annually|hourly)\b", re.I)
_RATE_WORDS = {"s": "second", "h": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year",
               "hourly": "hour"}
RATE_REACH = 30  # characters after a figure in which its period is said ("53,000 barrels of oil per day")


def rate(text: str) -> str:
    """The period a figure is by ("a day" -> "day"), the first the text says; "" when none."""
    m = _RATE.search(text)
    if m is None:
        return ""
    return (m.group(1) or _RATE_WORDS[(m.group(2) or m.group(3)).lower()]).lower()


# a time of day: "10:30 p.m.", "12.54am" (the British way), "9 a.m.", "15:25:22", "noon", "10 in the morning", "six o'clock" (not "3:2" of a
# score: minutes have two digits)
_TIME = re.compile(r"(?<![\d:.,])(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?::\d{2})?\s?(?P<ap>[ap]\.\s?m\.|[ap]m\b)"
                   r"|(?P<h2>\d{1,2}):(?P<m2>\d{2})(?::\d{2})?(?![\d:]))|\b(?P<noon>noon|midnight)\b"
                   r"|\b(?P<h3>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:o['\u2019]clock\b"
                   r"(?:\s+in\s+the\s+(?P<part2>morning|afternoon|evening|night))?|in\s+the\s+(?P<part>morning|afternoon|"
                   r"evening|night)\b)", re.I)
# a time written as four digits, the 24-hour way: with its zone or "hours" ("0415 GMT", "1730 hrs"), or after "at"
# and before no word ("The alarm sounded again at 1730."), or with a leading zero ("buoyant at around 0640"), never a
# year or a count of something (no year and no count is written with one)
_HOURS = re.compile(r"(?<![\d,.$])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?:\s?(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|"
                    r"hrs|hours|local\s+time)\b|(?<=\bat\s\d{4})(?=\s*(?:[.,;:)]|$))|(?<=\b0\d{3})(?![\d,.]?\d))")
_POWER = re.compile(r"\b(?:square|cubic|sq|cu)\b", re.IGNORECASE)
_POWER_OF = {"square": "2", "cubic": "3", "sq": "2", "cu": "3"}
_COUNT = re.compile(rf"{_BOUND}(?P<a>{_N})(?![\d,.]?\d)(?!(?:st|nd|rd|th)\b){_MAG}(?:\s(?P<noun>[a-z][a-z-]+))?",
                    re.IGNORECASE)
# A body said by how many people it has: "a ten-person commission", "a 12-man crew", "a 30-strong delegation"
# the words after "ten-" that say a body's size in people: "a ten-person commission", "a 30-strong delegation"
MEMBERSHIP = r"(?:person|people|member|man|men|woman|women|strong)"
_MEMBERED = re.compile(rf"(?P<a>{_N})-{MEMBERSHIP}\b(?=\s+[a-z])", re.IGNORECASE)
# the words a number is joined to that say what its noun is like, not what it counts ("the 12-story tower", "a
# 10-member panel", "a 4-star hotel"): storeys and members are read by their own patterns
_JOINED = r"storey|story|member|person|man|woman|strong|way|star"
_JOINED_MODIFIER = re.compile(rf"-(?:floor|{_JOINED})\b", re.I)  # ("a 24-floor block" counts floors, read below)
# a number joined to the singular noun it counts, before the noun it qualifies ("a nine-count indictment"); not a
# measure or a time ("a 90-day deal", "a 10-mile stretch": durations and quantities read those) nor an ordinal
_HYPHENATED_COUNT = re.compile(rf"(?P<a>{_N})-(?P<noun>(?!(?:year|month|week|day|hour|minute|second|mile|foot|feet|"
                               r"inch|meter|metre|kilometer|kilometre|km|ton|tonne|pound|point|percent|per|odd|plus|"
                               rf"fold|time|{_JOINED}|thirds?|quarters?|fifths?|tenths?|one|two|three|four|five|six|"
                               r"seven|eight|nine)\b)[a-z]{3,})\b(?=\s+[a-z])",
                               re.IGNORECASE)
# a capitalized word joined by a hyphen to the number after it: a model, a type or a strain ("K-220", "F-35")
# ("the K-220", "MX-5"; and a number by its abbreviation: "the No. 3 reactor", "Unit No. 4")
_DESIGNATION = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,5}-$|(?<![\w.])(?:No|Nos|no|nos)\.\s?$")
# A number written after a name as part of it ("Aurora 2 has 40 tonnes", "Apollo 13", "Aurora 1 and 2"):
# the word before is capitalized inside its sentence (not its first word: "About 300 people") and is no weekday or
# month; the number is followed by no plural noun it would count nor a capitalized word (a title's "Rescuers Pull
# 12 Boys From Cave" counts boys) (``named_number``)
_NAME_BEFORE = re.compile(r"(?<=[a-z,] )(?P<name>[A-Z][a-z]+)\s$")
# words a number in words is followed by that are no noun it counts ("three near Fairhaven", "two apiece")
_ADDING = frozenset({"other", "more", "additional", "further", "extra"})
_ADDED_PLURAL = re.compile(r"\s(?!(?:seconds|minutes|hours|days|weeks|months|years|decades)\b)([a-z][a-z-]+(?<![su]s)s)\b")
_NOUNLESS = STOPWORDS | {"near", "outside", "inside", "behind", "beyond", "across", "along", "toward", "towards",
                         "beneath", "via", "aboard", "away", "ahead", "apiece", "apart", "amid", "amidst", "despite",
                         "among", "amongst", "beside", "besides", "within", "without", "upon", "unlike", "versus",
                         "throughout"}  # ("the toll climbs to 12 amid the search": 12 counts no "amid")
# a count placed somewhere without its noun, the noun of a count before it ("three near Dunmore", "two in Norway's")
_PLACED_PART = re.compile(r"\s(?:near|off|in|inside|outside|at|on)\s(?:the\s)?[A-Z]")
_PLURAL_AFTER = re.compile(r"\s+[a-z]+(?<![su]s)(?<!is)s\b")
_NAME_AND = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+\s(?P<first>\d{1,3})\s(?:and|or|&)\s$")
_COUNTED_AFTER = re.compile(r"\s+(?:[A-Z]|(?!(?:has|was|is|does|says|gets|goes|gas|remains|seems|lies|runs|this|its|"
                            r"his|as|plus|less|news)\b)[a-z]+(?<![su]s)(?<!is)s\b|(?:of|per|percent|people|children|men|women|staff|crew|"
                            r"personnel|police|troops)\b)")
# pounds weighing something: "500 pounds of explosives", not "pounds of taxpayers' money"
_WEIGHED = re.compile(r"\s+of\s+(?!(?:taxpayers?|public|money|funding|funds|cash|investment|revenue|spending|"
                      r"savings|debt|damages|compensation|profits?|sales|his|her|their|its|the)\b)[a-z]")
_FRACTION = re.compile(rf"{_BOUND}(?<![\d/.,])(?P<a>\d)/(?P<b>\d{{1,2}})(?![\d/])(?=\s+of\b)", re.IGNORECASE)
# numbers joined by slashes, not a share of a whole the text names (``_FRACTION``): a date ("4/16"), an event's name
# ("9/11"), a rate ("24/7")
_SLASHED = re.compile(r"(?<![\w/.,])\d{1,4}(?:/\d{1,4}){1,2}(?![\w/])")
# a share in words, of a whole the text names: "half the flats", "a third of the homes", "two-thirds of its staff"
# (not "half an hour", "half a million": a length, a number)
_WORD_FRACTION = re.compile(rf"{_BOUND}\b(?P<f>half|(?:a|one|two)[\s-]thirds?|(?:a|one|three)[\s-]quarters?)"
                            r"\s+(?:of\s+)?(?=(?:the|its|their|his|her|all|our|those|these)\s)", re.IGNORECASE)
_WORD_SHARES = {"half": 50.0, "third": 100 / 3, "thirds": 200 / 3, "quarter": 25.0, "quarters": 75.0}
_MAGNITUDE_OF = re.compile(r"\bmagnitude[\s-](?P<a>\d{1,2}(?:\.\d)?)\b(?!\s*%)", re.IGNORECASE)
_OF_THEM = re.compile(r"\s(?:them|whom|those|these)\b")  # a part of what a count before counted
# ("Two of the divers", "All three of its older wells": a part of a plural the text names, or of its owner's)
_PART_OF = re.compile(r"\s(?:them|those|these|(?:the|its|their|his|her|our)\s+(?:[a-z]+\s+)?[a-z]+s\b"
                      r"(?!\s+(?:most|largest|biggest|best|first|last)\b))")
# the second number of "from 11 to 16," (not of "1 to 3 million people": that one has its own magnitude and noun)
_UP_TO = re.compile(r"\s(\d{1,3}(?:,\d{3})*|\d+)(?![\d,.]?\d)(?=\s*(?:[,;:)]|\.(?:\s|$)|$|\s(?:and|or|years?)\b))")
# The plural noun a count counts past the names that qualify it: "two United States Navy bases" counts bases, and
# "fourteen Egyptian, Dutch, and Italian tugs" counts tugs (names joined by "and"/"or" qualify it together).
# (names past a name's own number too: "the two Aurora 1 satellites")
_NAMED_NOUN = re.compile(r"(?:(?:\s[A-Z][\w.&'-]*){0,3}\s\d{1,3}(?:\s(?:and|or|&)\s\d{1,3})?|(?:\s[A-Z][\w.&'-]*){0,3}|"
                         r"(?:,\s[A-Z][\w.&'-]*){0,3},?\s(?:and|or)\s[A-Z][\w.&'-]*)"
                         r"\s(?P<noun>[a-z][a-z-]+(?<![su]s)s)\b")
# one of a noun after a word that describes it: "One rescue diver was hurt" counts a diver, not "rescue"
_SINGULAR_NEXT = re.compile(r"\s(?P<noun>[a-z][a-z-]+)\s(?:was|is|has|had|died|remains|remained)\b")
# a count whose noun is left to the count before it in the sentence: "Two divers drowned, at least five were hurt
# and three were missing" (five divers, three divers)
_ELIDED_NOUN = re.compile(r"\s(?:were|are|was|remain|remained|died|survived|escaped)\b")
# a count's noun one or two lower-case words after its number ("62 living billionaires", "two new regiments", "six
# free eye tests"): the words between qualify the plural noun the count counts
_PLURAL = re.compile(r"[a-z][a-z-]+(?<![su]s)s|people|men|women|children")
_PLURAL_NEXT = re.compile(rf"\s(?:(?!(?:and|or|of|in|on|at|to|for|by|with|than|from)\s)(?:[a-z][a-z-]+|[A-Z]{{2,5}})\s)?"
                          rf"(?P<noun>{_PLURAL.pattern})\b")  # (or two: "six free eye tests", "78 distinct DNA profiles")
# an initial ("George W. Bush", "J. K. Rowling") is part of the name when another capitalized word follows it
_INITIAL = rf"[{UPPER}]\.(?=\s[{UPPER}])"
# and so are lowercase particles ("Ursula von der Leyen", "Bashar al-Assad", "Bank of England")
_PARTICLES = r"(?:\s(?:of|de|van|von|der|den|da|del|della|di|du|dos|das|bin|ibn))+"
# (a plural possessive inside a name is part of it: "the Workers' Youth League")
_END = rf"(?:[^\W_]|(?<=s)'(?=\s[{UPPER}]))"
_NAME = re.compile(rf"(?:{_INITIAL}|[{UPPER}][\w'.&-]*{_END}|[{UPPER}])(?:{_PARTICLES}\s[{UPPER}][\w'.&-]*{_END}"
                   rf"|\s(?:al|el|bin|ibn|abu|abd)-[{UPPER}][\w'.&-]*[^\W_]"
                   rf"|\s{_INITIAL}|\s[{UPPER}][\w'.&-]*{_END}|\s[{UPPER}]\b)*")
_NOT_NAMES = frozenset("""the a an this that these those it its in on at for from by with as but and or if when while
however although because after before during since under over according there here they we he she i you our
their his her what which who whom whose where why how despite meanwhile yet also still even only such than so
indeed furthermore moreover rather instead both each every many most some all any no not other another
see read watch click subscribe download view browse
dr mr mrs ms prof sen rep gov bc bce
i'm i've i'd i'll we're we've we'd they're they've you're you've he's she's it's that's there's what's let's
""".split())  # a web page's calls to action ("See Instagram photos", "Read Reuters' report"); titles ("Dr. Chen");
# a pronoun with its verb ("That's what I'm hoping"); an era ("the 2nd century BCE Greek writer")


def prepare(text: str) -> str:
    """The text the parser and spaCy read: dashes, quotes and no-break spaces folded, same length."""
    if text.isascii():  # nothing to fold (str.translate walks every character: whole articles pass here)
        return text
    text = text.translate(_DASHES).translate(_QUOTES)
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    return "".join(ch if len(unicodedata.normalize("NFKC", ch)) != 1 else unicodedata.normalize("NFKC", ch)
                   for ch in text)


def number(token: str) -> float | None:
    """'1,200' -> 1200, 'twelve' -> 12, 'a dozen' -> 12; None for anything else."""
    token = token.strip().lower()
    plus = re.search(r"(?<=\d)(?:-plus|\+)$", token)
    if plus is not None:  # "710,000-plus": the number (that it is at least that is its figure's range, ``add``)
        token = token[:plus.start()]
    fraction = re.search(rf"(?<=\d)(?:({_VULGAR})|\s([123])/([234]))$", token)
    if fraction is not None:  # "2\u00bd" -> 2.5, "3 1/2" -> 3.5
        whole = number(token[:fraction.start()])
        part = _FRACTIONS[fraction.group(1)] if fraction.group(1) else int(fraction.group(2)) / int(fraction.group(3))
        return None if whole is None else whole + part
    half = re.search(r"[\s-]and[\s-]a[\s-]half$", token)
    if half is not None:
        whole = number(token[:half.start()])
        return None if whole is None else whole + 0.5
    fraction = re.fullmatch(r"(?:a\s|one\s)?(half|quarter)", token)
    if fraction is not None:
        return 0.5 if fraction.group(1) == "half" else 0.25
    if token in WORD_NUMBERS:
        return float(WORD_NUMBERS[token])
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class Figure:
    kind: str             # "percentage", "money", "duration", "date", "quantity", "count"
    start: int
    end: int
    low: float
    high: float
    unit: str = ""        # "%", "usd", "day", "kg", the counted noun, or "" for a bare number
    text: str = ""
    vague: bool = False   # said without a number ("a handful of miners", "decades of expertise", "earlier this year")


def lasted(text: str, m: re.Match[str]) -> bool:
    """A duration's match is how long something lasted: not a time counted from an event ("two days after the
    explosion"), unless what precedes it says the figure is what something lasted or took ("for 87 days before it
    could be capped")."""
    return _FROM_AN_EVENT.match(text, m.end()) is None or _LASTED.search(text, 0, m.start()) is not None


def _range(bound: str | None, a: float, b: float | None) -> tuple[float, float]:
    low, high = (a, b) if b is not None else (a, a)
    if low > high:
        low, high = high, low
    if bound:
        f_low, f_high = _LOWER[bound.lower()]
        low, high = low * f_low, high * f_high
    return low, high


def _taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# Amounts said without a number ("several tons", "multi-billion dollar investments", "billions of dollars"): a
# range that many readers would give, wide enough not to disagree with a figure that is one of them
_VAGUE = {"a handful of": (2, 6), "a couple of": (2, 3), "a few": (2, 5), "several": (3, 9), "dozens of": (24, 99), "scores of": (40, 99),
          "hundreds of": (200, 999), "thousands of": (2e3, 9999), "tens of thousands of": (2e4, 99_999),
          "hundreds of thousands of": (2e5, 999_999), "millions of": (2e6, 999e6), "billions of": (2e9, 999e9),
          "a few hundred": (200, 500), "several hundred": (300, 900), "a few thousand": (2e3, 5e3),
          "several thousand": (3e3, 9e3)}
_MULTI = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
_VAGUE_WORDS = "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True))
_WORD_UNITS = "|".join(sorted((re.escape(u) for u in QUANTITY_UNITS if len(u) > 2), key=len, reverse=True))
_VAGUE_QUANTITY = re.compile(rf"\b(?P<v>{_VAGUE_WORDS})\s(?:metric\s)?(?P<unit>{_WORD_UNITS})\b", re.IGNORECASE)
_VAGUE_MONEY = re.compile(r"\b(?:multi-?(?P<multi>million|billion|trillion)[\s-]|(?P<v>millions|billions|trillions)\sof\s)"
                          r"(?P<word>dollars?|euros?|pounds|yuan|yen)\b", re.IGNORECASE)
_ANY = re.compile(rf"\d|\b(?:{_WORDNUM}|{_MONTH[3:-4]}|an?\s(?:second|minute|hour|day|week|month|quarter|year|decade)|"
                  rf"(?:half|quarter)[\s-](?:{_LENGTHS})|half|thirds?|quarters?|"
                  r"several|few|couple|dozens|scores|hundreds|thousands|millions|billions|trillions|multi-?\w*illion|"
                  r"handful|hours|days|weeks|months|years|decades|centuries|"  # (the vague figures': ``_vague``)
                  r"(?:this|last|next)\s(?:year|month|week|spring|summer|autumn|fall|winter))\b",
                  re.IGNORECASE)


# "rose 0.3 percentage points to 4.1%", "from 10% to 25%": a change and where it ended, two figures, not a range
# ("cut by 10% to 20%" stays a range: after "by" either reading is common; "range from 85% to 90%" is one)
_RANGE_FROM = re.compile(r"\b(?:range[sd]?|ranging|var(?:y|ies|ied|ying)|anywhere|somewhere)\s+from\s+$", re.IGNORECASE)
_CHANGE = re.compile(r"\bfrom\s+$|"
                     r"\b(?:rose|rises|risen|rise|fell|falls|fallen|fall|grew|grows|grown|grow|climbed|"
                     r"increased|decreased|dropped|declined|jumped|slipped|gained|surged|plunged|soared|slumped|"
                     r"raised|lowered|cut|up|down)\s+$", re.IGNORECASE)


_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _a_change(text: str, m: re.Match[str]) -> int:
    """Where "to" starts in a range match that reads as a change ("rose 2% to 3.1%"); -1 when it is a range."""
    before = text[max(0, m.start() - 30):m.start()]
    if not m.group("b") or not _CHANGE.search(before) or _RANGE_FROM.search(before):
        return -1
    to = re.search(r"\s?\bto\b\s?", text[m.end("a"):m.start("b")], re.IGNORECASE)
    return m.end("a") + to.start() if to else -1


# A line of a by-the-numbers list: the figure, a colon, and what it counts ("4,120: Passengers on board", "310: Metres
# long"); read as the figure written before its noun
_TALLY_LINE = re.compile(r"^(\s*\$?\d[\d,.]*(?:\s(?:million|billion|thousand))?):\s+(?=[A-Z][a-z])")


def figures(text: str) -> list[Figure]:
    """Every figure of a prepared text, typed, each span once (a percentage is not also a count)."""
    tally = _TALLY_LINE.match(text)
    if tally is None:
        return _figures(text)
    cut, rest = tally.end(1), tally.end()
    spoken = text[:cut] + " " + text[rest].lower() + text[rest + 1:]  # "4,120 passengers on board"
    shift = rest - cut - 1

    def back(at: int) -> int:
        return at + shift if at > cut else at

    return [replace(f, start=back(f.start), end=back(f.end), text=text[back(f.start):back(f.end)].strip())
            for f in _figures(spoken)]


def _figures(text: str) -> list[Figure]:
    if not _ANY.search(text):
        return []  # most sentences hold no figure: one cheap scan instead of seven
    out: list[Figure] = []
    spans: list[tuple[int, int]] = []

    def add(kind: str, m: re.Match[str], low: float, high: float, unit: str, span: tuple[int, int] | None = None,
            vague: bool = False) -> None:
        start, end = span or (m.start(), m.end())
        if _PLUS_AFTER.search(text, start, end):  # "a 710,000-plus square kilometre area": at least that
            high = math.inf
        if not _taken(spans, start, end) and not (math.isnan(low) or math.isnan(high)):
            spans.append((start, end))
            out.append(Figure(kind, start, end, low, high, unit, text[start:end].strip(), vague))

    def add_change(kind: str, m: re.Match[str], to: int, a: float, b: float, unit: str) -> None:
        """The change ("2%") and where it ended ("3.1%"), each a figure of its own."""
        after = to + len(re.match(r"\s?to\s?", text[to:], re.IGNORECASE).group(0))  # type: ignore[union-attr]
        add(kind, m, *_range(m.group("bound"), a, None), unit, (m.start(), to))
        add(kind, m, b, b, unit, (after, m.end()))

    for m in _PERCENT.finditer(text):
        a, b = number(m.group("a") or m.group("c")), number(m.group("b")) if m.group("b") else None
        if a is not None and b is not None and (to := _a_change(text, m)) >= 0:
            add_change("percentage", m, to, a, b, "%")
        elif a is not None:
            add("percentage", m, *_range(m.group("bound") or m.group("bound2"), a, b), "%")
    for m in _RATIO.finditer(text):
        a, b = number(m.group("a")), number(m.group("b"))
        # (a whole of thousands is a rate, "one in 10,000"; "2 in 2023" is a count in a year)
        if a is not None and b and 0 < a < b and a == int(a) and b == int(b) and (
                b <= 1000 or b % 1000 == 0 and not 1800 <= b <= 2100):
            share = round(100 * a / b, 3)
            add("percentage", m, *_range(m.group("bound"), share, None), "%")
    for m in _FRACTION.finditer(text):  # "about 1/4 of the country's power": a share, not a count and a count
        a, b = int(m.group("a")), int(m.group("b"))
        if 0 < a < b:
            add("percentage", m, *_range(m.group("bound"), round(100 * a / b, 3), None), "%")
    for m in _WORD_FRACTION.finditer(text):  # "searches of half the flats": a share of them
        if _taken(spans, m.start(), m.end()):
            continue
        share = _WORD_SHARES[re.split(r"[\s-]", m.group("f").lower())[-1]]
        add("percentage", m, *_range(m.group("bound"), round(share, 3), None), "%", (m.start(), m.end("f")))
    for m in _MAGNITUDE_OF.finditer(text):  # "a magnitude 4.1 tremor": how strong, not 4.1 tremors
        add("quantity", m, float(m.group("a")), float(m.group("a")), "magnitude")
    for m in _MONEY.finditer(text):
        a = number(m.group("a") or m.group("c"))
        if a is None:
            continue
        scale = _MAGNITUDE.get((m.group("mag") or m.group("mag3") or "").lower(), 1)
        b = number(m.group("b")) if m.group("b") else None
        scale_b = _MAGNITUDE.get((m.group("mag2") or "").lower(), scale)
        if (m.group("word") or "").lower() == "pounds" and _WEIGHED.match(text, m.end()):
            continue  # "500 pounds of explosives" weighs them (``_QUANTITY``)
        cur = _CURRENCY.get((m.group("cur") or "").lower()) or _CURRENCY_WORDS.get((m.group("word") or "").lower(), "usd")
        if b is not None and m.group("sep").lower() == "and" and not _BETWEEN.search(text[:m.start()]):
            # "paid $12 and received $15 million": two amounts, each with its own magnitude
            add("money", m, a * scale, a * scale, cur, (m.start(), m.end("mag") if m.group("mag") else m.end("a")))
            add("money", m, b * scale_b, b * scale_b, cur, (m.start("cur2") if m.group("cur2") else m.start("b"), m.end()))
            continue
        if b is not None and not m.group("mag") and m.group("mag2") and a <= b:
            scale = scale_b  # "between $12 and $15 million", "$12-15 million": both in millions
        if b is not None and (to := _a_change(text, m)) >= 0:
            add_change("money", m, to, a * scale, b * scale_b, cur)
            continue
        add("money", m, *_range(m.group("bound") or m.group("bound2"), a * scale, b * scale_b if b is not None else None), cur)
    for m in _HOURS.finditer(text):  # "0415 GMT", "at 1730.": a time of day written the 24-hour way
        minutes = float(int(m.group("h")) * 60 + int(m.group("m")))
        add("time", m, minutes, minutes, "clock", (m.start(), m.end("m")))
    for m in _TIME.finditer(text):  # "at approximately 10:30 p.m.", "15:25", "noon": a time of day, in minutes
        if m.group("noon"):
            minutes = 720.0 if m.group("noon").lower() == "noon" else 0.0
        elif m.group("h3"):  # "10 in the morning", "six o'clock in the evening"
            hour = int(number(m.group("h3")) or 0)
            part = (m.group("part") or m.group("part2") or "").lower()
            if not 1 <= hour <= 12:
                continue
            later = part in ("afternoon", "evening") or (part == "night" and hour >= 6)
            minutes = float(((hour % 12) + (12 if later else 0)) * 60)
        else:
            hour, minute = int(m.group("h") or m.group("h2")), int(m.group("m") or m.group("m2") or 0)
            pm = (m.group("ap") or "").lower().startswith("p")
            if hour > 23 or minute > 59 or (m.group("ap") and not 1 <= hour <= 12):
                continue
            minutes = float(((hour % 12) + (12 if pm else 0) if m.group("ap") else hour) * 60 + minute)
        add("time", m, minutes, minutes, "clock")
    for m in _DATE.finditer(text):
        if _taken(spans, m.start(), m.end()) or _MODAL_MONTH.search(m.group(0)):
            continue  # ("Its 12 pumps may be ...": the verb, not the 2nd of May)
        year = next((int(m.group(g)) for g in ("y1", "y2", "y3", "y4", "y5", "y6", "y", "y7") if m.group(g)), None)
        if m.group("century"):
            first = (int(m.group("c")) - 1) * 100
            add("date", m, first * 12.0 + 1, first * 12.0 + 1200, "month")
            continue
        # months count from 1: a year alone spans its January (year*12 + 1) to its December (year*12 + 12)
        head = _DAYS_SPAN.sub("", m.group(0).lower())[:12]
        month = next((i + 1 for i, name in enumerate(MONTH_NAMES) if name[:3] in head), 0)
        low = float(year or 0) * 12 + (month or 1)
        high = low + (119 if m.group("decade") else 11 if year and not month else 0)
        add("date", m, low, high, "month" if year else "day-of-year")
    for m in AGE.finditer(text):  # "the 38-year-old diver", "aged 37", "Saman Kunan, 38, died": how old someone is
        group = next(g for g in ("a", "a2", "a3") if m.group(g))
        a_year = DURATION_UNITS["year"]
        youngest = float(m.group(group)) * a_year
        oldest = float(m.group("b2")) * a_year if group == "a2" and m.group("b2") else youngest
        add("duration", m, youngest, oldest, "age", (m.start(group), m.end(group)) if group == "a3" else None)
    for m in _ELAPSED.finditer(text):
        a, b = number(m.group("a")), number(m.group("b")) if m.group("b") else None
        if a is not None:
            days = DURATION_UNITS[m.group("unit").lower()]
            add("duration", m, *_range(None, a * days, b * days if b is not None else None), "elapsed")
    for m in _DURATION.finditer(text):
        a = number(m.group("a")) if m.group("a").lower() not in ("a", "an") else 1.0
        if a is None:
            continue
        b = number(m.group("b")) if m.group("b") else None
        days = DURATION_UNITS[m.group("unit").lower()]
        # "six days after leaving Lunde": the time between two events (unit "interval"), which only a question
        # asking how soon, how long after or before, or how long something took answers (``kinds.answers_as``)
        add("duration", m, *_range(m.group("bound"), a * days, b * days if b is not None else None),
            "day" if lasted(text, m) else "interval")
    for m in _QUANTITY.finditer(text):
        a, b = number(m.group("a")), number(m.group("b")) if m.group("b") else None
        if a is None:
            continue
        start = m.start()
        if (m.group("sep") or "").lower() == "and" and not _BETWEEN.search(text[:start]):
            if b is None:
                continue
            a, b, start = b, None, m.start("b")  # "3 pumps and 40 tonnes": the amount is the second number's
        unit, factor = QUANTITY_UNITS[m.group("unit").lower()]
        power = _POWER.search(m.group(0))  # "43,300 square miles" is an area, not a distance
        if power:
            unit, factor = unit + _POWER_OF[power.group(0).lower()], factor ** int(_POWER_OF[power.group(0).lower()])
        factor *= _MAGNITUDE.get((m.group("mag") or "").lower(), 1)
        period = rate(re.split(r"[,;:()]|\band\b", text[m.end():m.end() + RATE_REACH], maxsplit=1)[0])
        unit += f"/{period}" if period else ""  # "53,000 barrels of oil per day" is a rate, not an amount
        add("quantity", m, *_range(m.group("bound") if start == m.start() else None, a * factor,
                                   b * factor if b is not None else None), unit, (start, m.end()))
    for m in _METRES.finditer(text):
        a = number(m.group("a"))
        if a is not None and not _taken(spans, m.start("a"), m.end("a")):
            add("quantity", m, *_range(m.group("bound"), a, None), "m")
    for m in _VAGUE_MONEY.finditer(text):
        scale = _MULTI[(m.group("multi") or m.group("v").rstrip("s")).lower()]
        word = m.group("word").lower()
        add("money", m, 2 * scale, 999 * scale, _CURRENCY_WORDS.get(word, _CURRENCY_WORDS.get(word + "s", "usd")),
            vague=True)
    for m in _VAGUE_QUANTITY.finditer(text):
        low, high = _VAGUE[" ".join(m.group("v").lower().split())]
        unit, factor = QUANTITY_UNITS[m.group("unit").lower()]
        add("quantity", m, low * factor, high * factor, unit, vague=True)
    for m in _MEMBERED.finditer(text):  # "a ten-person commission", "a 12-man crew": a count of people
        a = number(m.group("a"))
        if a is not None:
            add("count", m, a, a, "people")
    for m in _HYPHENATED_COUNT.finditer(text):  # "a nine-count indictment", "a three-judge panel": so many of the noun
        a = number(m.group("a"))
        if a is not None and a > 1:
            add("count", m, a, a, m.group("noun").lower() + "s")
    for m in _SLASHED.finditer(text):  # "the 4/16 disaster", "since 9/11", "24/7": a date, an event's name or a
        # rate written with a slash, no count (nor one of the noun after it: "16 Holm")
        spans.append((m.start(), m.end()))  # (a year in it may be a date already: "3/11/2011")
    for m in _COUNT.finditer(text):
        if _DESIGNATION.search(text, 0, m.start("a")) or named_number(text, m.start("a"), m.end("a")):
            continue  # "the K-220", "MX-5", "F-35 jets", "COVID-19 cases", "Aurora 2": a name's number, no count
        joined = _JOINED_MODIFIER.match(text, m.end("a")) if not m.group("noun") else None
        if joined is not None:  # "the 12-story tower": so many storeys, and a modifier of the noun after it
            a = number(m.group("a"))
            storeys = joined.group(0)[1:].lower() in ("story", "storey", "floor")
            if storeys and a is not None and not _taken(spans, m.start("a"), joined.end()):
                add("count", m, a, a, "storeys", (m.start("a"), joined.end()))
            continue
        a = number(m.group("a"))
        noun = (m.group("noun") or "").lower()
        after = m.end("mag") if m.group("mag") else m.end("a")
        # (a noun after a name the word pattern stops in: "eight U.S. presidents")
        named = _NAMED_NOUN.match(text, m.end("noun")) if noun and m.group("noun")[0].isupper() and (a or 0) > 1 else \
            _NAMED_NOUN.match(text, after) if not noun and (a or 0) > 1 and text[after + 1:after + 2].isupper() else None
        placed = None if a is None or a < 2 or _taken(spans, m.start("a"), m.end("a")) else _PLACED_PART.match(text, after)
        if placed is not None and a is not None:  # "six wells, three near Fairhaven and three near Dunmore": wells
            counted = next((f.unit for f in reversed(out) if f.kind == "count" and f.unit and f.end <= m.start()), "")
            if counted:
                add("count", m, a, a, counted, (m.start("a"), after))
                continue
        # "three other workers", "two more divers": the plural after a word that only adds to others
        added = _ADDED_PLURAL.match(text, m.end("noun")) if noun in _ADDING else None
        if added is not None and a is not None and a > 1:
            if not _taken(spans, m.start("a"), m.end("a")):
                add("count", m, *_range(m.group("bound"), a * _MAGNITUDE.get((m.group("mag") or "").lower(), 1), None),
                    added.group(1).lower(), (m.start(), added.end()))
            continue
        elided = _ELIDED_NOUN.match(text, after) if a is not None and noun in _NOUNLESS and not named else None
        if elided is not None and a is not None and not _taken(spans, m.start("a"), m.end("a")):
            counted = next((f.unit for f in reversed(out) if f.kind == "count" and f.unit and f.end <= m.start()), "")
            if counted:
                add("count", m, *_range(m.group("bound"), a, None), counted, (m.start(), after))
                continue
        if a is None or _taken(spans, m.start("a"), m.end("a")) or (m.group("a").isalpha() and not named and (
                not noun or (noun in _NOUNLESS and not (noun == "of" and a >= 2 and _PART_OF.match(text, m.end("noun")))))):
            continue  # (a number in words is a count with its noun, or a part of some: "Two of the divers")
        scale = _MAGNITUDE.get((m.group("mag") or "").lower(), 1)
        span = None
        later = _PLURAL_NEXT.match(text, m.end("noun")) if noun and noun not in _NOUNLESS and m.group("noun").islower() \
            and not _PLURAL.fullmatch(noun) and a > 1 else None
        if named and named.group("noun") not in _NOUNLESS:
            noun, span = named.group("noun"), (m.start(), named.end())
        elif later is not None:  # "62 living billionaires", "two new regiments": the plural noun after its adjective
            noun, span = later.group("noun").lower(), (m.start(), later.end())
        elif a == 1 and noun and noun not in _NOUNLESS and m.group("noun").islower() \
                and (single := _SINGULAR_NEXT.match(text, m.end("noun"))) is not None \
                and single.group("noun") not in _NOUNLESS:  # "One rescue diver was hurt": a diver
            noun, span = single.group("noun"), (m.start(), single.end("noun"))
        elif noun in _NOUNLESS:  # "50 of them", "after 10 in the morning": the figure ends at its number
            upto = _UP_TO.match(text, m.end("noun")) if noun == "to" else None
            if upto is not None and (b := number(upto.group(1))) is not None and b > a:  # "from 11 to 16,"
                add("count", m, a * scale, b * scale, "", (m.start(), upto.end()))
                continue
            span = (m.start(), m.end("mag") if m.group("mag") else m.end("a"))
            if noun == "of" and _OF_THEM.match(text, m.end("noun")):  # "90 divers, 50 of them": 50 divers
                noun = next((f.unit for f in reversed(out) if f.kind == "count" and f.unit and f.end <= m.start()), "")
        add("count", m, *_range(m.group("bound"), a * scale, None), noun if noun not in _NOUNLESS else "", span)
    _vague(text, add)
    out.sort(key=lambda f: f.start)
    return _between(text, out)


def named_number(text: str, start: int, end: int) -> bool:
    """Whether the digits at text[start:end] are part of a name ("Aurora 2", "Apollo 13", the "2" of "Aurora 1
    and 2"), not a figure."""
    if not text[start:end].isdigit():
        return False
    if _EMERGENCY_LINE.match(text, start) or (text[start:end] in ("911", "999") and _DIALLED.search(text, 0, start)):
        return True  # "911 calls", "a 999 operator", "people called 911": the number dialled, not so many calls
    m = _NAME_AND.search(text, 0, start)
    if m is not None:  # "Aurora 1 and 2 satellites": the satellites named 1 and 2
        return named_number(text, m.start("first"), m.end("first"))
    m = _NAME_BEFORE.search(text, 0, start)
    if m is None:
        return False
    word = m.group("name")
    if word.lower() in STOPWORDS or word in WEEKDAYS or _MONTH_NAME.fullmatch(word):
        return False
    if not _COUNTED_AFTER.match(text, end):
        return True
    # a plural after it is counted, unless one is ("the two Aurora 1 satellites") or the name is numbered twice
    # ("the Aurora 1 and Aurora 2 satellites")
    return bool(text[start:end] == "1" and _PLURAL_AFTER.match(text, end)) or len(
        re.findall(rf"\b{re.escape(word)}\s\d{{1,3}}\b", text)) > 1


_MONTH_NAME = re.compile(_MONTH, re.IGNORECASE)
_DIALLED = re.compile(r"\b(?:call(?:s|ed|ing)?|dial(?:s|ed|led|ing)?|phon(?:e|es|ed|ing)|ring(?:s|ing)?|rang)\s+$", re.I)
_EMERGENCY_LINE = re.compile(r"(?:911|999)\s+(?:calls?|callers?|dispatch\w*|operators?|cent(?:er|re)s?|lines?|systems?|"
                             r"services?|tapes?|recordings?|transcripts?|emergency)\b", re.I)


def _between(text: str, found: list[Figure]) -> list[Figure]:
    """"between 130,000 barrels and 270,000 barrels", each bound with its unit: one range, as "between 130,000 and
    270,000 barrels" is read (a lower bound, then a higher one of the same kind and unit)."""
    out: list[Figure] = []
    for f in found:
        last = out[-1] if out else None
        if last is not None and last.kind == f.kind and last.unit == f.unit and f.kind not in ("date", "time") \
                and not last.vague and not f.vague and last.low == last.high and f.low == f.high and last.low < f.low \
                and re.fullmatch(r"\s+and\s+", text[last.end:f.start]) and _BETWEEN.search(text[:last.start]):
            out[-1] = Figure(f.kind, last.start, f.end, last.low, f.high, f.unit, text[last.start:f.end], False)
        else:
            out.append(f)
    return out


# Figures said without a number, after the exact ones (a span is typed once): how long ("decades of accumulated
# expertise", "for years", "weeks of disruptions", "several months"), how many ("a handful of listed miners",
# "dozens of protesters") and when, counted from the writing ("earlier this year", "last month"). Each is vague:
# it answers what no exact figure answers, and disagrees with no figure (``kinds.other_measure``).
_SOME = "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True))
_DAYS_OF = {f"{unit}s": days for unit, days in DURATION_UNITS.items() if unit not in ("second", "minute", "quarter")} | {
    "centuries": 36500}
# a span of time is one when something leads it ("for years", "took months"), quantifies it ("several months"), or
# it is of something ("decades of expertise", "weeks-long", "years from maturity"); never "years ago", "days later",
# nor "weeks after the fire" unless something leads it
_VAGUE_SPAN = re.compile(
    r"\b(?:(?P<lead>for|over|within|spanning|lasting|lasted|took|takes|take|spent|spend|spends)\s+)?"
    rf"(?:(?P<v>{_SOME}|many)\s+)?(?P<unit>{'|'.join(_DAYS_OF)})\b(?P<tail>\s+of\s+(?=[a-z])|-long\b|\s+from\s+(?=[a-z]))?"
    r"(?!\s+(?:ago|old|later|earlier|past)\b)", re.IGNORECASE)
# (time gone by, "in recent years", "over the past decades", or no span at all, "the years", "its early days")
_GONE_BEFORE = re.compile(r"\b(?:the|these|those|recent|coming|past|next|early|late|its|their|his|her|our|first|last|"
                          r"few|of)\s+$", re.IGNORECASE)
_VAGUE_COUNT = re.compile(rf"\b(?P<v>(?i:{_SOME}))\s+(?:(?P<adj>[a-z][a-z-]+)\s+)??(?P<noun>{_PLURAL.pattern})\b")
# (counted from the writing: "earlier this year", "last month"; not "later that year", counted from another event)
_RELATIVE = re.compile(r"\b(?:(?:earlier|later)\s+(?:this|last)\s+(?:year|month|week)|(?:last|this|next)\s+"
                       r"(?:year|month|week|spring|summer|autumn|fall|winter))\b(?!'s)", re.IGNORECASE)


def _vague(text: str, add: Callable[..., None]) -> None:
    """The figures of a text said without a number, each added (``add`` as in ``figures``) as vague."""
    for m in _VAGUE_SPAN.finditer(text):
        quantifier = m.group("v")
        if not (m.group("lead") or quantifier or m.group("tail")) or (
                not quantifier and _GONE_BEFORE.search(text, 0, m.start())) or (
                not m.group("lead") and _FROM_AN_EVENT.match(text, m.end())):
            continue  # ("weeks after the fire" counts from it; "shut for weeks after the fire" says how long)
        low, high = _VAGUE.get(" ".join((quantifier or "").lower().split()), (2, 99 if quantifier else 9))
        days = _DAYS_OF[m.group("unit").lower()]
        # ("built ... over several years" is how long something has been so, as "over the past two years" is)
        unit = "elapsed" if (m.group("lead") or "").lower() == "over" else "day"
        add("duration", m, low * days, high * days, unit, (m.start("v") if quantifier else m.start("unit"),
                                                          m.end("unit")), True)
    for m in _VAGUE_COUNT.finditer(text):  # ("a handful of listed miners" counts miners: the adjective is skipped)
        low, high = _VAGUE[" ".join(m.group("v").lower().split())]
        add("count", m, low, high, m.group("noun").lower(), vague=True)
    for m in _RELATIVE.finditer(text):
        add("date", m, 0.0, 0.0, "relative", vague=True)


# A wire story's dateline: the place it was filed from, in capitals before the dash that opens its first sentence
# ("CHIANG RAI - A mini-submarine ...", "SUEZ, Egypt - Salvage teams ...", "WASHINGTON (Reuters) - The ...",
# "LONDON, March 3 (AP) -- ..."), dashes folded by ``prepare``
_DATELINE = re.compile(r"\W{0,2}(?P<place>(?P<caps>[A-Z][A-Z.'/-]*(?:\s[A-Z][A-Z.'/-]*){0,3})"
                       r"(?:,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?)(?:,\s[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
                       r"\s?(?:\([^()]{1,40}\)\s?)?(?:-{1,2})\s(?=[\"'A-Z0-9])")


def dateline(text: str) -> int:
    """Where the place of a prepared sentence's opening dateline ends (0: it opens with none). Its capitals are
    at least three letters ("US - China talks" opens with no dateline)."""
    m = _DATELINE.match(text)
    if m is None or sum(ch.isalpha() for ch in m.group("caps")) < 3:
        return 0
    return m.end("place")


def names(text: str) -> list[tuple[int, int, str]]:
    """Capitalized spans that read as names: (start, end, text), a sentence's first word only when it
    is followed by another capitalized word or is not a common sentence opener."""
    found = []
    for m in _NAME.finditer(text):
        start, value = m.start(), m.group(0)
        words = value.split()
        while words and words[0].lower().strip("'") in _NOT_NAMES:
            start += len(words[0]) + 1
            words = words[1:]
        if not words or (len(words) == 1 and len(words[0]) < 2):
            continue
        # a possessive inside the span joins two names: "Australia's Lynas", "Tesla's Elon Musk" (not "Moody's
        # Investors Service"-like names, whose last word is a company's, nor "People's Republic", "FIFA Men's
        # World Cup": the owner is one word, and a name of its own)
        cut = 1 if (len(words) > 1 and words[0].endswith("'s") and words[0][:-2].lower() not in _NOT_OWNERS
                    and words[-1].lower().strip(".") not in _FIRM_ENDINGS) else 0
        for part in ([words[:cut], words[cut:]] if cut else [words]):
            value = " ".join(part)
            if value.endswith("'s"):
                value = value[:-2]
            if value and not (value.isupper() and len(value) <= 1):
                found.append((start, start + len(value), value))
            start += len(" ".join(part)) + 1
    return _past_abbreviated_titles(text, found)


# titles written short, with a stop that ends no name: "Dr. Marcia McNutt", "Gen. Prayuth Chan-ocha", "St. Louis"
_ABBREVIATED = frozenset("dr mr mrs ms gen sen gov rep lt col sgt capt prof adm cmdr maj rev fr st".split())


def _past_abbreviated_titles(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The names, a span ending in a short title joined to the name just after its stop ("USGS Director Dr." and
    "Marcia McNutt" are one span, which ``rag.claims.extract`` splits at its titles)."""
    out: list[tuple[int, int, str]] = []
    for start, end, value in found:
        if out and start == out[-1][1] + 2 and text[out[-1][1]:start] == ". " and \
                out[-1][2].split()[-1].lower() in _ABBREVIATED:
            out[-1] = (out[-1][0], end, text[out[-1][0]:end])
        else:
            out.append((start, end, value))
    return out


_FIRM_ENDINGS = frozenset("inc corp co ltd llc plc group service services investors company".split())
_NOT_OWNERS = frozenset("men women people children mother mothers father fathers king queen lord lady saint st "
                        "boys girls veterans president presidents world nation nations".split())


def name_key(value: str) -> str:
    """A name folded for comparison: 'the Biden administration's' -> 'biden administration'; initials written
    apart are one word ('U. K. P&I Club' -> 'uk p&i club', as 'UK P&I Club')."""
    value = re.sub(r"'s\b", "", value.lower())
    words = [w for w in re.findall(r"[\w&]+", value) if w not in ("the", "a", "an")]
    joined: list[str] = []
    initials = False  # the last word is a run of single letters
    for word in words:
        letter = len(word) == 1 and word.isalpha()
        if letter and initials:
            joined[-1] += word
        else:
            joined.append(word)
        initials = letter
    return " ".join(joined)


# Figures as verification compares them: canonical tokens that match across wordings ("85–90%" = "85-90
# percent", "one year" = "twelve months"), read from the same parse as the typed claims.
_SPELLED = {w: n for w, n in WORD_NUMBERS.items() if w not in ("a", "an", "half a")}
_SPELLED_RE = re.compile(r"(?<!\w)(?:(" + "|".join(sorted(map(re.escape, _SPELLED), key=len, reverse=True))
                         + r")(?!\w)|(a )(?=(?:year|month|decade|week|day)s?\b))")


def numeric_form(text: str) -> str:
    """Normalized text with number words as digits: "one-year" -> "1-year", "a dozen" -> "12", "a year" -> "1 year"."""
    return _SPELLED_RE.sub(lambda m: "1 " if m.group(2) else f"{_SPELLED[m.group(1)]:g}", normalize(text))


def _duration_token(days: float) -> str:
    if days >= 28:  # in months, when a whole (or half) number of them by either length of a month
        for months in (days * 12 / 365, days / DURATION_UNITS["month"]):
            if abs(months * 2 - round(months * 2)) < 0.02:
                return f"dur:{round(months * 2) / 2:g}mo"
    return f"dur:{round(days, 3):g}d"


_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def figure_tokens(text: str) -> set[str]:
    """Canonical figures of a text: durations (in months or days, each end of a range; a bound's "over" or
    "about" aside), the other numbers, and the months its dates name."""
    form = numeric_form(text)
    found: set[str] = set()
    rest = form
    for f in figures(form):
        if f.kind == "duration":
            pattern = _ELAPSED if f.unit == "elapsed" else _DURATION
            m = pattern.match(form, f.start) or pattern.search(form, f.start)
            if m is None or m.start() >= f.end:
                continue
            days = DURATION_UNITS[m.group("unit").lower()]
            for n in (m.group("a"), m.group("b")):
                value = 1.0 if n and n.lower() in ("a", "an") else number(n) if n else None
                if value is not None:
                    found.add(_duration_token(value * days))
            rest = rest[:f.start] + " " * (f.end - f.start) + rest[f.end:]
        elif f.kind == "date":
            found |= {"month:" + name[:3] for name in MONTH_NAMES if re.search(rf"\b{name[:3]}", f.text.lower())}
    found |= {f"num:{float(n):g}" for n in _DIGITS.findall(rest.replace(",", ""))}
    return found

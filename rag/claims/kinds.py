"""The claim kinds, in one place: how each is asked for, how a value is shown, and when two values agree.

A ``Value`` is one typed thing a sentence states: a person, organization or place (compared by name), or a
date, duration, count, percentage, amount of money or quantity (compared as ranges in one unit, so
"over 85%" overlaps "85-90%" and "12 months" equals "one year").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from rag.caches import QUESTION, lru
from rag.claims import seats
from rag.claims.parse import QUANTITY_UNITS
from rag.claims.people import PERSON_NOUN
from rag.text import STOPWORDS, content_terms, stem

NAMES = ("person", "organization", "place")
FIGURES = ("date", "duration", "count", "percentage", "money", "quantity", "time")
KINDS = NAMES + FIGURES
NAME = "name"  # a capitalized span no tagger typed: may answer who/which/where
LABEL = {"person": "person", "organization": "organization", "place": "place", "date": "date",
         "duration": "duration", "count": "number", "percentage": "share", "money": "amount of money",
         "quantity": "quantity", "time": "time of day", NAME: "name"}

# How each kind is asked: a pattern over the question, first match wins (most specific first).
_W = r"^\s*(?:and\s+|so\s+|but\s+)?(?:in\s+|for\s+|by\s+|since\s+|until\s+)?"
# the nouns of a measure ("What is the depth of the wreck?", "What are the length and width of this hatch?")
_MEASURE_NOUNS = (r"capacity|capacities|population|tonnage|volume|output|throughput|weight|width|height|depth|speed|"
                  r"distance|area|diameter|length|altitude|frequency|thickness")
_NOT_IN_GAP = (r"is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|the|(?-i:a)|an|to|of|in|on|for|"
               r"with|at|by|from|about|into|during|than|and|or|happened|happens|happen")
# a past verb after the first word ends the question's phrase: "Which approaching storm made officials ...?" asks a
# storm, not an official (the first word may be one: "Which retired engineer"; so may a compound's: "Miami-based")
_PAST = (r"(?:(?!(?:based|owned|backed|listed|funded|controlled|armed|licensed|skilled|trained|qualified)\b)[a-z]{2,}ed|"
         r"won|took|led|made|became|sold|bought|built|struck|lost|held|gave|sent|told|kept|met|ran|went|came|got|paid|"
         r"chose|drove|broke|fought|spent|wrote|began|brought|caught|found|left|saw|thought|forced)")
_GAP = (r"(?:(?:(?!(?:" + _NOT_IN_GAP + r")\b)[\w.'\u2019-]+ )(?:(?!(?:" + _NOT_IN_GAP + "|" + _PAST +
        r")\b)[\w.'\u2019-]+ ){0,2})?")
# a class noun is the head of what is asked only when no other class noun follows it: "Which Japanese state body"
# asks for a body (an organization), not a state; "Which think-tank economist" for an economist
_HEAD = (r"(?!\s+(?:body|bodies|companies|company|firms?|agenc(?:y|ies)|ministr(?:y|ies)|groups?|officials?|"
         r"leaders?|economists?|analysts?|experts?|executives?|ministers?|countries|country|cities|city|regions?|"
         r"players?|researchers?|scientists?|units?|producers?|programs?|programmes?|projects?|laws?|policy|"
         r"policies|markets?|sector|sectors|industry|industries|economy|government|governments|"
         # a person of the body: "Which navy SEAL", "Which army officer", "Which company spokesman", "Which party members"
         r"seals?|sailors?|soldiers?|officers?|pilots?|commandos?|divers?|spokes(?:man|woman|person)|members?|"
         r"chiefs?|commanders?|captains?|doctors?|nurses?|surgeons?|medics?|paramedics?|lawyers?|engineers?|workers?|"
         r"guards?|firefighters?|rescuers?|volunteers?|employees?|reporters?|journalists?|correspondents?)\b)")
# Class nouns of a person: those no office names, then the offices (which an administration or a government may
# hold: "Who is the US president?" may be answered "the Biden administration").
_NOT_OFFICES = (r"persons?|people|officials?|players?|actors?|actress(?:es)?|singers?|politicians?|experts?|analysts?|"
                r"economists?|scientists?|researchers?|diplomats?|negotiators?|lawmakers?|advis[eo]rs?|billionaires?|"
                r"magnates?|tycoons?|entrepreneurs?|businessm[ae]n|businesswom[ae]n|investors?|divers?|rescuers?|"
                r"volunteers?|survivors?|athletes?|coach(?:es)?|engineers?|workers?|activists?|seals?|sailors?|"
                r"soldiers?|commandos?|officers?|pilots?|members?|doctors?|nurses?|surgeons?|medics?|paramedics?|"
                r"lawyers?|firefighters?|reporters?|journalists?|correspondents?|employees?")
_PEOPLE = (r"(?:" + _NOT_OFFICES + r"|ministers?|presidents?|leaders?|ceos?|secretar(?:y|ies)|authors?|directors?|"
           r"founders?|chairm[ae]n|spokes(?:man|woman|person)|executives?|senators?|governors?|mayors?|kings?|"
           r"queens?|princes?|princess(?:es)?)\b")
# a nationality asked is a country's ("What nationality was the pilot?", "Of what nationalities were the victims?")
_NATIONALITY = re.compile(r"\b(?:what|which)\s+(?:[\w-]+\s+){0,2}?nationalit(?:y|ies)\b|\bnationalit(?:y|ies)\s+"
                          r"(?:is|was|are|were)\b", re.I)


def asks_nationality(question: str, strictly: bool = False) -> bool:
    """The question asks someone's nationality, or (unless ``strictly``) where someone is from ("Where was he
    from?"): a town answers that as well as a country."""
    return _NATIONALITY.search(question) is not None or not strictly and _FROM.search(question) is not None


_FROM = re.compile(r"\bwhere\s+(?:is|was|are|were|did|does|do)\s+(?:[\w.'\u2019-]+\s+){1,5}?(?:come\s+)?from\W*$", re.I)
# the day asked: "On which day did the attacks take place?", "What date ...?", "On what day of the week ...?"
_DAY_ASKED = re.compile(r"\b(?:what|which)\s+(?:exact\s+|precise\s+)?(?:day|date)s?\b", re.I)
_A_DAY = re.compile(r"(?<![\d.,])(?:[12]?\d|3[01])(?:st|nd|rd|th)?(?![\d,]?\d)")  # "Sept. 7", "5 August", "July 29th"
_WEEKDAY_ASKED = re.compile(r"\bday\s+of\s+the\s+week\b|\bweekday\b", re.I)


def asks_day(question: str) -> bool:
    """The question asks on which day ("On which day did the attacks take place?", "On what day of the week ...?")."""
    return _DAY_ASKED.search(question) is not None


_CALENDAR_ASKED = re.compile(r"\b(?:what|which)\s+(?:year|month|day|date|decade|century|season|week)s?\b", re.I)
AGE_ASKED = re.compile(r"\bhow old\b|\b(?:what|which) ages?\b|\bat what age\b|\bwhat(?:'s|\u2019s| is| was| were| are) "
                       r"(?:the |his |her |their |its )?ages?\b", re.I)

# Words of an organization's name: a name holding one is no person's ("Kessia Policy Institute", "MP Materials")
ORG_WORDS = frozenset("""inc corp corporation co ltd llc plc group company companies holdings bank agency ministry
department office bureau council committee commission board party union university institute institution
foundation association federation league court authority service services fund trust partners capital
materials metals mining minerals resources earths energy industries technologies systems motors media news
times post journal network press club team church school college hospital museum police army navy force forces
guard""".split())

# how far a figure moved, or was moved, or a thing was turned (``asked`` and ``asked_dimension``: a move or an
# angle, no distance: "How far was the wreck rotated?")
_MOVED_HOW_FAR = re.compile(r"\bhow far (?:did|does|do|has|have|had|will|would|could|is|was|were)\b[^?]{0,80}?\b(?:drop|"
                            r"dropped|fall|fallen|fell|slide|slid|slip|slipped|sink|sank|sunk|plunge|plunged|tumble|tumbled|decline|declined|"
                            r"rise|risen|rose|climb|climbed|jump|jumped|gain|gained|surge|surged|dip|dipped|grow|grew|grown|"
                            r"shrink|shrank|shrunk|raise|raised|lift|lifted|increase|increased|expand|expanded|cut|reduce|reduced|"
                            r"lower|lowered|boost|boosted|rotate|rotated|turn|turned|tilt|tilted|list|listed|lean|"
                            r"leaned|heel|heeled)\b", re.I)

ASKED: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    # "How long is the tunnel?" asks a length as much as "How long is the pause?" a duration
    (re.compile(r"\bhow long (?:is|was|are|were)\b(?!.*\b(?:last|lasts|lasted|take|takes|took|run|runs|ran)\b)", re.I),
     ("duration", "quantity")),
    (re.compile(r"\bhow long\b|\bhow many (?:seconds|minutes|days|weeks|months|years|hours|decades)\b|\bfor how long\b|"
                r"\bwhat (?:is|was) the (?:duration|length|term)\b|\b(?:over|for|across) what (?:period|span|stretch|"
                r"length of time|time ?(?:span|frame)) (?:has|have|had)\b|"
                # "How much time ...?", "What is the shortest time he has to serve?", "the minimum term", "What
                # length of time ...?" (not "What time ...?": a time of day)
                r"\bhow much time\b|\bwhat length of time\b|\bwhat(?:'s|\u2019s| is| was| are| were) (?:the |his |her |"
                r"their |its )?(?:(?:shortest|longest|minimum|maximum|least|total|average|expected|required) (?:(?:amount|"
                r"length|period|span) of )?(?:time|term|sentence|period|stay|wait)|(?:amount|length|span) of time)\b",
                re.I), ("duration",)),
    # "What punishment was he given?", "What sentence did the court hand down?", "What was he sentenced to?": a term
    # in prison or a fine
    (re.compile(r"\bwhat (?:punishment|sentence|prison (?:term|sentence)|jail (?:term|sentence))s?\b(?=[^?]{0,60}\b(?:"
                r"give|given|gave|receive|received|get|got|hand|handed|face|faced|serve|served|impose|imposed|pass|passed)"
                r"\b)|\bwhat (?:was|were|is|are|will|has|had) [^?]{1,60}\b(?:sentenced|jailed|condemned) to\b", re.I),
     ("duration", "money")),
    # "How much of the oil did BP capture?": a part of a whole measured, as a share or in its units ("800,000
    # barrels"); a part of the world's (global, a market's) anything is a share
    (re.compile(r"\bhow much of (?!(?:the )?(?:world|global|worldwide|market|total|overall|share)\b)(?:it|them|this|that|"
                r"the|its|their|[\w.-]+(?:'s|\u2019s)(?=\s))(?:\b|(?<=s))(?![^?]*\b(?:world|global|market|share|percent|supply|demand|production|output|"
                r"capacity|processing|refining|manufactur\w*|mining|exports?|imports?)\b)", re.I),
     ("percentage", "quantity")),
    (re.compile(r"\b(?:what|which) (?:share|percent(?:age)?|proportion|fraction|portion)\b|\bwhat %|"
                r"\bhow much of\b|\bhow large (?:is|was) .{0,40}\bshare\b|\b(?:share|percentage|proportion) of\b", re.I),
     ("percentage",)),
    (re.compile(r"\bhow much (?:money|did|does|do|will|would|is|was|has|have|had|are|were)\b.*\b(?:cost|pay|paid|spend|"
                r"spent|invest|worth|raise|raised|earn|fund|price|value|revenue|sales|budget)|\bhow much money\b|"
                r"\bwhat(?:'s|\u2019s| is| was| were| are) (?:the )?(?:[\w.&-]+(?:'s|\u2019s) )?(?:\w+ )?(?:cost|price|value|revenue|"
                r"budget|worth|funding|investment|fine|salary|profit|earnings|income|turnover|wage|fee|dividend|sum|penalt(?:y|ie)|"
                r"compensation|damages)s?\b|"
                r"\bwhat did .{0,40}\b(?:earn|pay|spend|cost|raise|charge)\b|"
                # "What price did the state lender pay?", "What fee was agreed?": a sum asked by its noun
                r"\bwhat (?:price|fee|salary|wage|ransom|premium|compensation|indemnit(?:y|ie)|payout|bail|fine)s? (?:did|does|do|will|would|"
                r"was|were|is|are|has|have|had)\b|"
                # "What is BP's civil settlement with Washington and the Gulf states worth altogether?"
                r"\bwhat(?:'s|\u2019s| is| was| are| were) [^?]{1,80}?\bworth(?:\s+(?:altogether|in all|in total|"
                r"overall|today|now|then))?\s*\?", re.I), ("money",)),
    # a sum asked by its noun: "How much compensation did the state pay?", "How much aid was pledged?"
    (re.compile(r"\bhow much (?:[\w-]+ ){0,2}?(?:compensation|indemnit(?:y|ies)|damages|aid|funding|money|ransom|bail|fines?|salar(?:y|ies)|"
                r"revenues?|profits?|tax(?:es)?|debts?|budget|investments?|capital|cash|rewards?|subsid(?:y|ies)|"
                r"wages?|fees?|bonus(?:es)?|donations?|loans?|grants?)\b", re.I), ("money",)),
    # "How large was the federal funding package?": the size of a sum is money, not any figure ("85-90%")
    (re.compile(r"\bhow (?:large|big|much)\b(?:\s+[\w.'\u2019-]+){0,6}?\s+(?:funding|budget|investment|package|grant|"
                r"loan|subsid(?:y|ies)|fine|revenue|salary|payment|bailout)s?\b", re.I), ("money",)),
    # "How much physical activity a day...?", "how much sleep per night": an amount per period, often a time
    (re.compile(r"\bhow much\b(?!\s+(?:money|does|did|do|will|would)\b).{0,60}?\b(?:(?:a|an|per|each|every)\s+"
                r"(?:day|night|week|month|weekday|session)|daily|nightly|weekly)\b", re.I),
     ("quantity", "count", "money", "percentage", "duration")),
    # "How many tonnes ...?" names its unit: a quantity, not a sum or a share ("multi-billion dollar")
    (re.compile(r"\bhow many (?:tonnes|tons|kilograms|kg|kilos|grams|pounds|barrels|litres|liters|gallons|miles|"
                r"kilometres|kilometers|metres|meters|feet|yards|acres|hectares|megawatts|gigawatts)\b", re.I),
     ("quantity",)),
    # "How soon will alternatives be ready?": a time to wait ("years from maturity") or the date it comes
    (re.compile(r"\bhow soon\b", re.I), ("duration", "date")),
    # how quickly something is done asks a time as "how soon" does ("How fast did the judge want the case resolved?"
    # -> "within a year"); how fast a thing moves is a speed ("How fast was the ship going?")
    (re.compile(r"\bhow (?:quickly|fast)\b(?=[^?]*(?<![\w-])(?:resolved|settled|finished|completed|done|built|"
                r"rebuilt|repaired|restored|cleared|reopened|decided|approved|processed|paid|fixed|removed|"
                r"demolished|installed|patched|replaced)\b)", re.I), ("duration", "date")),
    # "How far are alternatives from maturity?" asks a time ("years from maturity"), "How far is the cave from the
    # entrance?" a distance; either may be answered by a time ("about two hours' drive")
    # how far a price or a figure moved, or was moved: a share of it, or an amount ("How far did the shares fall?":
    # "down 13%"; "How far will the state raise its credit line?": "to 13 billion")
    (_MOVED_HOW_FAR, ("percentage", "money", "quantity", "count")),
    (re.compile(r"\bhow far\b", re.I), ("quantity", "duration", "count")),
    (re.compile(r"\bhow (?:much|heavy|big|large)\b", re.I), ("quantity", "count", "money", "percentage")),
    # a dimension asked by its adjective ("How wide is the ship?", "How fast was it going?"): a measure, not a
    # description ("a wide stretch of water")
    (re.compile(_W + r"how (?:wide|deep|tall|high|thick|fast|steep)\b", re.I),
     ("quantity", "count", "percentage", "money")),
    # the force of weather, a quake or a blast ("How strong were the wind gusts?": "gusts of up to 40 knots"), and
    # heat: a measure, where "How strong is China's position?" asks for a description
    (re.compile(_W + r"how (?:strong|powerful|violent|intense)\b(?=[^?]*\b(?:winds?|gusts?|gales?|storms?|hurricanes?|"
                r"typhoons?|cyclones?|tornado(?:e?s)?|earthquakes?|quakes?|tremors?|aftershocks?|currents?|waves?|"
                r"explosions?|blasts?|bombs?|eruptions?)\b)|" + _W + r"how (?:hot|cold|warm)\b", re.I),
     ("quantity", "count")),
    # a figure asked by that word: "What figure did the canal authority cut its demand to?", "What sum ...?"
    (re.compile(r"\b(?:what|which) (?:(?:final|new|exact|total|overall|revised|latest|official|lower|higher|reduced) )?"
                r"(?:figure|sum)\b(?! of (?:speech|the (?:dead|victims|people)\b))", re.I),
     ("money", "count", "quantity", "percentage")),
    # what something costs asked by its adjective ("How expensive was the salvage?"): a sum
    (re.compile(_W + r"how (?:expensive|costly|pricey|cheap)\b", re.I), ("money",)),
    (re.compile(r"\bhow many\b|\bwhat (?:is|was) the number of\b|\bwhat number\b", re.I), ("count", "quantity")),
    # a tally asked by its noun: "What death toll has been given for the shooting?", "What was the final tally?"
    (re.compile(r"\b(?:what|which)(?:'s|\u2019s| is| was| were| are)? (?:the )?(?:[\w-]+ ){0,2}(?:tolls?|tally|tallies|"
                r"casualty figures?|headcount)\b", re.I), ("count",)),
    # a measure asked by its noun: "What is the annual output capacity of Lynas's plant?", "What was the city's
    # population in 2010?" (the noun is what is asked: "What is the production process?" asks no measure)
    (re.compile(r"\bwhat(?:'s|\u2019s| is| was| are| were) (?:the )?(?:[\w.&-]+(?:'s|\u2019s) )?(?:[\w-]+ ){0,2}"
                r"(?:" + _MEASURE_NOUNS + r")(?:\s+and\s+(?:the\s+)?(?:" + _MEASURE_NOUNS + r"))?"
                r"(?=\s+(?:of|in|at|for)\b|\s*\?)",
                re.I), ("quantity", "count")),
    # a measure asked by what reads it: "What radiation reading was recorded ...?", "What temperature did the core
    # reach?" (a dose or a reading may be written as a count of its units: "400 millisieverts")
    (re.compile(r"\b(?:at|to|from) what (?:[\w-]+ )?(?:speeds?|depths?|altitudes?|heights?|frequenc(?:y|ies)|"
                r"temperatures?|pressures?|distances?)\b", re.I), ("quantity", "count")),
    (re.compile(r"\b(?:what|which) (?:[\w-]+ ){0,2}(?:readings?|measurements?|doses?|temperatures?|concentrations?|"
                r"frequenc(?:y|ies)|wavelengths?|speeds?|altitudes?|depths?|heights?|distances?|widths?|weights?)"
                r"(?= (?:was|were|is|are|did|does|do|has|had|have)\b)", re.I), ("quantity", "count")),
    # "What was the total quantity of oil that escaped?": a quantity, no count of anything else
    (re.compile(r"\bwhat(?:'s|\u2019s| is| was| are| were) (?:the )?(?:[\w-]+ ){0,2}quantit(?:y|ies) of\b", re.I),
     ("quantity",)),
    # "What was the total amount of oil spilled?", "What is the amount of the fine?": a quantity or a sum
    (re.compile(r"\bwhat(?:'s|\u2019s| is| was| are| were) (?:the )?(?:[\w-]+ ){0,2}amounts? of\b", re.I),
     ("quantity", "money", "count")),
    # "Around what time did the government learn of the fire?", "At what hour ...?": a time of day
    (re.compile(r"\b(?:what|which) (?:(?:exact|precise|approximate|local) )?(?:times? of (?:the )?day|times?|hours?)\b"
                r"(?! (?:frame|span|period|zone)\b)", re.I),
     ("time",)),
    # "How old was the diver?", "What ages were the boys?": an age ("38-year-old"), else when one was born
    (AGE_ASKED, ("duration", "date")),
    # "What is the release date of …?", "What was Cyberpunk's launch date?"
    (re.compile(_W + r"when\b|\b(?:what|which) (?:year|date|month|day|decade|century|quarter)s?\b|"
                r"\bwhat(?:'s|\u2019s| is| was| were| are) (?:the )?(?:[\w.&-]+(?:'s|\u2019s) )?"
                r"(?:(?!(?:last|next|this|that|each|every|per|a|of|in|for)\b)[\w-]+ ){0,2}(?:date|year|deadline)(?![\w-])|"
                r"\bsince when\b|\bhow recently\b", re.I), ("date",)),
    (re.compile(r"\b(?:which|what) "+_GAP+r"(?:companies|company|firms?|producers?|processors?|organi[sz]ations?|"
                r"agenc(?:y|ies)|ministr(?:y|ies)|groups?|teams?|banks?|manufacturers?|clubs?|bands?|"
                r"institutions?|universit(?:y|ies)|parties|party|newspapers?|outlets?|suppliers?|automakers?|"
                r"think[ -]tanks?|labels?|publishers?|networks?|bod(?:y|ies)|authorit(?:y|ies)|regulators?|"
                r"commissions?|bureaus?|institutes?|departments?|courts?|tribunals?|committees?|councils?|"
                r"parliaments?|hospitals?|schools?|prisons?|armies|army|navy|churches|church|museums?|airlines?|"
                r"unions?|charit(?:y|ies)|foundations?|associations?|federations?|leagues?|publications?|"
                r"magazines?|journals?|broadcasters?|channels?|wire services?|societ(?:y|ies)|insurers?|operators?|"
                r"websites?|(?:news|web|internet) sites?|tabloids?|(?:radio|tv|television) stations?|newswires?|"
                r"contractors?|carriers?|charterers?|lenders?|retailers?|studios?|shipping lines?|shipowners?|"
                r"developers?|builders?|buyers?|bidders?|sellers?|landlords?|brokerages?|insurance companies|"
                r"factor(?:y|ies)|(?:clothing|fashion|garment) makers?|chains?|watchdogs?|cent(?:re|er)s?|"
                r"forces?|squadrons?|brigades?|regiments?|battalions?|laborator(?:y|ies)|labs?|utilit(?:y|ies))\b"
                + _HEAD, re.I),
     ("organization",)),
    # a unit of a service or a force, after "which" ("Which air traffic control unit ...?"), not a unit of measure
    # ("What unit is measured ...?", "Which unit of length ...?")
    (re.compile(r"\bwhich " + _GAP + r"units?\b(?!\s+(?:of|is\s+used|are\s+used|measures?|measured)\b)" + _HEAD, re.I),
     ("organization",)),
    # where someone works or studies is an employer or a school as often as a town: "Where does Laura Chen work?"
    # -> "a materials economist at the Center for Strategic and International Studies"
    (re.compile(_W + r"where (?:does|did|do|is|was|were|has|had|have) (?:[\w.'\u2019-]+ ){1,4}(?:work|works|worked|"
                r"working|study|studied|studying|teach|teaches|taught|employed|train|trained|training)\b", re.I),
     ("organization", "place")),
    (re.compile(r"\b(?:which|what) "+_GAP+r"(?:countries|country|cities|city|states?|nations?|regions?|"
                r"provinces?|places?|locations?|continents?|towns?|ally|economy|superpower|villages?|communit(?:y|ies)|"
                r"count(?:y|ies)|districts?|neighbou?rhoods?|suburbs?|islands?|ports?|harbou?rs?|rivers?|lakes?|dams?|"
                r"bridges?|streets?|roads?|avenues?|highways?|mountains?|valleys?|canyons?|creeks?|bays?|"
                r"beaches|beach|forests?|canals?|straits?)\b(?!\s+(?:guards?|authorit(?:y|ies)|officials?|officers?|"
                r"engineers?|workers?|residents?|police|council|board|company|operators?|vendors?)\b)" + _HEAD + "|" + _W
                + r"where\b|\b(?:location)\b|" + _NATIONALITY.pattern, re.I),
     ("place",)),
    (re.compile(r"\b(?:which|what) " + _GAP + _PEOPLE + _HEAD, re.I), ("person",)),
    # people by their work or their part in a case, after "which" (not "What drove residents ...?": a cause), the
    # class noun maybe after words joined by "and" ("Which two senior technology and security managers ...?")
    (re.compile(r"\bwhich (?:(?:[\w-]+ ){1,3}(?:and|&) )?" + _GAP + r"(?:" + _PEOPLE + r"|managers?|employees?|"
                r"staffers?|hackers?|defendants?|suspects?|lawyers?|judges?|journalists?|reporters?|doctors?|"
                r"nurses?|teachers?|professors?)\b" + _HEAD, re.I), ("person",)),
    # any other noun of a person's work, office or part ("Which footballer survived ...?", "Which architect
    # offered ...?": ``people.PERSON_NOUNS``)
    # (after "which" only: "What drove residents ...?" asks a cause; and not a noun before another: "Which attorney
    # general ...?" asks an office)
    (re.compile(r"\bwhich " + _GAP + PERSON_NOUN + r"(?!\s+(?:generals?\b|" + PERSON_NOUN + r"))" + _HEAD, re.I),
     ("person",)),
    # a miner is a company in an industry's news ("Which Australian miner ...?") and a worker in a rescue's
    (re.compile(r"\b(?:which|what) " + _GAP + r"miners?\b" + _HEAD, re.I), ("organization", "person")),
    # "Who is the Chinese official who signed ...?": a who-question whose class noun is a person's, not an office
    (re.compile(_W + r"who(?:'s|\u2019s| is| was| are| were) (?:the |a |an )?" + _GAP + r"(?:" + _NOT_OFFICES +
                r"|lawyers?|judges?|journalists?|reporters?|psychiatrists?|doctors?|victims?|suspects?|gunm[ae]n|"
                r"officers?|commanders?|detectives?|prosecutors?|attorneys?|soldiers?|pilots?)\b" + _HEAD, re.I),
     ("person",)),
    # a work by its class noun ("Which movie won Best Picture?", "What album did she release?"): a name, which
    # the tagger calls a person or an organization as it guesses
    # a product by its class noun, too ("Which piece of open-source software ...?", "What make of drill ...?")
    (re.compile(r"\b(?:which|what) (?:(?:piece|kind|type|sort|make|brand|model|version)s? of )?" + _GAP +
                r"(?:movies?|films?|albums?|songs?|books?|novels?|video games?|"
                r"tv shows?|television shows?|sitcoms?|operas?|paintings?|headsets?|smartphones?|consoles?|software|"
                r"apps?|frameworks?|browsers?|operating systems?|rockets?|satellites?|drills?)\b", re.I),
     ("organization", "person")),
    # a rank or a title held by someone: "What is men's year-end No 1 in tennis?", "What was the 2019 champion?"
    (re.compile(r"\bwhat (?:is|was|are|were) (?:the )?(?:[\w.&-]+(?:'s|\u2019s) )?(?:[\w-]+ ){0,2}"
                r"(?:no\.? ?1|number one|world no\.? ?1|champions?|winners?|runners?-up|top seed|record holder)\b",
                re.I), ("person", "organization")),
    # who leads, heads or founded an organization, or is in charge of one: a person ("Who leads the Defense
    # Logistics Agency?", "Who was in charge of the Office of Response and Restoration?", "Who was running the company
    # when the fire broke out?")
    (re.compile(r"\bwho (?:(?:is|was|are|were|has been|had been) )?(?:(?:now|currently|still) )?(?:leads?|led|leading|"
                r"heads?|headed|heading|runs?|ran|running|chairs?|chaired|founded|co-founded|directs?|manages?|managed|"
                r"in charge of|at the helm of)\s+(?:the\s+)?(?:[\w'.&-]+\s+){0,4}?(?:" + "|".join(sorted(ORG_WORDS)) +
                r"|firm|band|organi[sz]ation|charity|label|studio)\b", re.I),
     ("person",)),
    (re.compile(_W + r"(?:who|whom|whose)\b|\bwho (?:is|was|are|were|won|acquired|bought|leads?|led)\b", re.I),
     ("person", "organization")),
]
_LIST = re.compile(r"\b(?:which|what) "+_GAP+r"(?:companies|firms|producers|processors|organi[sz]ations|"
                   r"agencies|countries|cities|states|nations|people|officials|ministers|leaders|players|experts|"
                   r"analysts|economists|scientists|researchers|diplomats|negotiators|lawmakers|advis[eo]rs|"
                   r"manufacturers|miners|suppliers|regions|places)\b|\b(?:list|name) (?:the|all|some)\b|"
                   r"\bwho (?:are|were) the\b", re.I)


@dataclass(frozen=True)
class Value:
    kind: str            # one of KINDS, or NAME when untyped
    text: str            # as written in the sentence
    low: float = 0.0     # figures: the range they state, in ``unit``
    high: float = 0.0
    unit: str = ""
    key: str = ""        # names: folded for comparison
    scope: str = ""      # a figure: what it is of ("global output"); a name: its role ("president")
    start: int = 0       # span in the sentence
    end: int = 0
    vague: bool = False  # a figure said without a number ("a handful of miners", "for decades", "earlier this year")

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for bound in ("low", "high"):
            if math.isinf(out[bound]):
                out[bound] = "inf" if out[bound] > 0 else "-inf"
        if not self.vague:
            del out["vague"]  # (most figures are exact: stored rows stay as they were)
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Value:
        raw = dict(raw)
        for bound in ("low", "high"):
            raw[bound] = float(raw.get(bound, 0.0))
        return cls(**raw)


ROLES = frozenset("""president vice secretary minister premier chancellor governor senator ceo chief chairman
chairwoman director spokesperson spokesman spokeswoman king queen prince mayor ambassador commissioner founder
leader head owner coach captain author boss""".split())
# A role named by its office: "the Biden administration" names the president.
ROLE_OF = {"administration": {"president"}, "presidency": {"president"}, "white house": {"president"},
           "government": {"president", "premier", "minister", "chancellor"}, "cabinet": {"minister"},
           "team": {"president", "coach", "leader"}}


_ROLE_STEMS = {stem(role): role for role in ROLES}


def roles_named(words: Iterable[str]) -> set[str]:
    """The roles among these words, in any form, as ``ROLES`` spells them ("presidents" -> "president")."""
    return {_ROLE_STEMS[s] for s in map(stem, words) if s in _ROLE_STEMS}


# the subject of a question asking about someone else ("Which foreign leader did Thailand's prime minister thank?",
# "Who did the president call?"): a role after a non-copular auxiliary is the subject's, not the role asked
_SUBJECT_AFTER = re.compile(r"\b(?:did|does|do|has|have|had|will|would|can|could|should|might|must)\s+(?!been\b)"
                            r"(?:the\s+)?((?:(?!been\b)[\w.'\u2019-]+\s+){0,3}[\w-]+)\b", re.I)


_WHOSE_THING = re.compile(r"^\W*(?:and\s+|so\s+|but\s+)?whose\s+(?!(?:[a-z-]+\s+)?(?:job|role|office|post|position|title)\b)"
                          r"[a-z-]+\s+(?:was|were|is|are|had|has|have|did|does|do|will|would|could)\b", re.I)


def asked_roles(question: str) -> set[str]:
    """The roles a question asks about ("president", "ceo"), as ``ROLES`` spells them: those it names, but for
    the role of the subject of a question about someone else ("Which foreign leader did Thailand's prime minister
    send a letter to?" asks a leader, not a minister), nor a role the question only sets against what it asks
    ("Which firm took charge of the salvage after the owners?" asks no owner)."""
    if _WHOSE_THING.match(question):  # "Whose advice had the chairman told the owner to wait for?": whoever gave
        # the advice; the roles the question names are of those it speaks of
        return set()
    text = _SET_AGAINST.sub(" ", _OFFICE_OF_A_BODY.sub(" ", _RANKING_A_NOUN.sub(" ", _OWNER_ROLE.sub(" ", question.lower()))))
    spoke = _SPOKE_FOR.search(text)  # "Who spoke for the company?": its spokesman, whatever the article calls him
    return (roles_named(re.findall(r"[a-z]+", text)) | (_SPOKESPEOPLE if spoke else set())) - subject_roles(question)


def unsaid_roles(question: str) -> list[str]:
    """The roles a question asks in other words than their own, for the keyword search ("Who spoke for the
    company?" finds "harbour company spokesman Tor Lunde")."""
    said = set(re.findall(r"[a-z]+", question.lower()))
    return sorted(r for r in asked_roles(question) if r not in said and not roles_named(said) & {r})


# (for a body named with its article, "the company", "the police"; "Who spoke for Russia at the council?" asks its envoy)
_SPOKE_FOR = re.compile(r"\bwho\s+(?:(?:was|is|has been)\s+)?(?:spoke|speaks|speaking|spoken)\s+(?:for|on\s+behalf\s+of)"
                        r"\s+(?:the|its|their)\s")
_SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}


# a role said as an owner: "the mayor's second hearing", "the president's chief of staff" ask of what is the role
# holder's, not the holder ("Which judge ruled at the mayor's second hearing?" asks no mayor)
_OWNER_ROLE = re.compile(r"\b[a-z]+['\u2019]s\b")


# a role word ranking a person's noun after it, no office of its own: "the chief architect", "the head chef", "its
# lead engineer" ask an architect, a chef, an engineer (the offices "chief executive" or "chief of staff" are no
# person's noun)
_RANKING_A_NOUN = re.compile(r"\b(?:chief|head|lead|senior)\s+(?=(?:architect|engineer|economist|prosecutor|inspector|"
                             r"investigator|scientist|surgeon|physician|medical|chef|designer|negotiator|curator|"
                             r"conductor|judge|nurse|analyst|strategist|correspondent|coach|pilot|counsel)s?\b)")


# a role word naming a body's place, not its holder: "its head office" is where a company sits, asked where
_OFFICE_OF_A_BODY = re.compile(r"\bhead[\s-]+(?:offices?|quarters)\b")
# a role after a preposition of time or contrast: who took over "after the owners", "from its founder", "unlike the
# chairman" is someone else than that role's holder
_SET_AGAINST = re.compile(r"\b(?:after|before|from|unlike|besides|than|instead of|rather than)\s+(?:the|its|their|his|"
                          r"her|a|an)?\s*(?:[a-z-]+\s+){0,2}?[a-z]+\b(?=\s*(?:[,.?;]|$|\s+(?:and|or|in|at|on|took|"
                          r"was|were|had|did)\b))")


# the subject of a relative clause saying who is asked: "the young girl the mayor met", "the man whom the president
# thanked" (the mayor, the president: someone else than the one asked)
_RELATIVE_SUBJECT = re.compile(r"\b(?:which|of\s+the)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:(?:that|whom)\s+)?(?:the|a|an|its|"
                               r"their|his|her)\s+((?:[\w.'\u2019-]+\s+){0,2}?[\w-]+)\s+(?:[a-z]{2,}ed|met|saw|told|took|"
                               r"gave|sent|found|hired|chose|picked|thanked|visited|praised|blamed|named|called)\b",
                               re.I)

# someone the question sets beside the one asked for ("Who toured the town with the president?", "Who travelled
# alongside the governor?"): the president is not who went with the president
_BESIDE_ROLE = re.compile(r"^\W*(?:who|which\s+[\w-]+)\b.*?\b(?:with|alongside|beside|accompanying|accompanied\s+by|"
                          r"joined\s+by|than|after|before)\s+the\s+((?:[\w.'\u2019-]+\s+){0,2}?[\w-]+)"
                          r"\s*(?:[?,]|$)", re.I)


def subject_roles(question: str) -> set[str]:
    """The roles of the subject of a question about someone else ("prime minister" of "Which foreign leader did
    Thailand's prime minister thank?", "mayor" of "What was the name of the girl the mayor met?"): a name holding one
    is that subject, not an answer."""
    found: set[str] = set()
    for subject in (_SUBJECT_AFTER.search(question), _RELATIVE_SUBJECT.search(question), _BESIDE_ROLE.search(question)):
        if subject is not None:
            found |= roles_named(re.findall(r"[a-z]+", subject.group(1).lower()))
    return found


def role_words(roles: set[str]) -> set[str]:
    """The words that name a holder of these roles: the roles themselves and the offices that name them."""
    return set(roles) | {office for office, held in ROLE_OF.items() if held & roles} if roles else set()


def says_role(text: str, words: set[str]) -> bool:
    """The text names one of these roles or offices ("President ...", "the ... administration")."""
    folded = " ".join(re.findall(r"[a-z]+", text.lower()))
    return any(re.search(rf"\b{re.escape(w)}s?\b", folded) for w in words)


_GENERIC = frozenset(map(stem, ("global", "world", "worldwide", "total", "overall", "entire", "whole", "all")))


# "Who is the materials economist quoted?", "Who was the analyst cited?": the person a who-question asks for by a
# noun of no office (an office is a role: "Who is the US president?")
_WHO_THE = re.compile(r"^\W*who\s+(?:is|was|are|were)\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?([a-z][\w-]+)"
                      r"(?=\s+(?:quoted|cited|mentioned|named|interviewed|featured|referenced|in|of|at|for|from|who|"
                      r"that|whose|behind)\b|\s*\??\s*$)", re.I)
# what follows a name to say what it is, up to where the description turns to where or whom ("Laura Chen, a
# materials economist at the Center ..."); what stands before it ("Treasury Secretary Scott Bessent")
_APPOSITIVE = re.compile(r"^\s*(?:\([^)]*\)\s*)?,\s+((?:(?!(?:at|of|for|with|in|from|who|which|and|on)\b)[\w'\u2019-]+\s*){1,6})")
TITLE_BEFORE = re.compile(r"((?:[\w.'\u2019-]+\s+){1,4})$")


# people a question asks for who hold no office ("the first victim", "which survivor", "the boy who ..."): a name its
# sentence gives with an office ("Sheriff Karl Holm", "Governor Lena Brandt") is someone else's, the one speaking
_ORDINARY = ("victims?|survivors?|residents?|boys?|girls?|child(?:ren)?|kids?|teenagers?|bab(?:y|ies)|passengers?|"
             "hostages?|patients?|pensioners?|retirees?|tenants?|homeowners?|villagers?|witness(?:es)?|eyewitness(?:es)?|"
             "bystanders?|passers?-by|students?|pupils?|refugees?|migrants?|immigrants?|tourists?|visitors?|"
             "motorists?|pedestrians?|commuters?|orphans?|widows?|widowers?|neighbou?rs?|evacuees?|casualt(?:y|ies)")
_ASKED_ORDINARY = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:" + _ORDINARY + r")\b|\bnames?\s+of\s+(?:the|a|an|"
                             r"this|that|those|these)\s+(?:[\w-]+\s+){0,2}?(?:" + _ORDINARY + r")\b|^\W*who\s+(?:is|was|are|"
                             r"were)\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:" + _ORDINARY + r")\b", re.I)


def asks_ordinary_person(question: str) -> bool:
    """The question asks for someone by a noun of no office ("What was the name of the first victim identified?",
    "Which survivor ...?"): a name given with an office is none of them."""
    return _ASKED_ORDINARY.search(question) is not None


def asked_person_noun(question: str) -> str:
    """The stem of the noun a "Who is the ...?" question names its person by, when no office ("economist"), or ""."""
    match = _WHO_THE.match(question)
    if match is None:
        return ""
    noun = match.group(1).lower()
    return "" if noun in STOPWORDS or roles_named([noun]) else stem(noun)


def described_as(value: Value, sentence: str, noun: str) -> bool:
    """The sentence calls the name by this (stemmed) noun: "Laura Chen, a materials economist at ...", "materials
    economist Laura Chen"."""
    after = _APPOSITIVE.match(sentence[value.end:])
    before = TITLE_BEFORE.search(sentence[:value.start])
    words = (after.group(1).split() if after else []) + (before.group(1).split() if before else [])
    return any(stem(w.strip(".").lower()) == noun for w in words)


def title_words(value: Value, sentence: str) -> list[str]:
    """The words that may give a name's office: the two before it, its first (its first two after an honorific,
    "His Majesty King ..."), and its scope."""
    before = TITLE_BEFORE.search(sentence[:value.start])
    words = value.text.split()
    own = words[:2] if words and words[0].lower() in ("majesty", "highness") else words[:1]
    return [w.strip(".,").lower() for w in (before.group(1).split()[-2:] if before else []) + own + value.scope.split()]


def titled(value: Value, sentence: str) -> bool:
    """The name is given with an office: "Treasury Secretary Scott Bessent", "President Trump"."""
    return bool(roles_named(title_words(value, sentence)))


# offices a name is given with besides ``ROLES`` (the police's, the courts', the forces')
_OFFICE_TITLES = frozenset("""sheriff detective officer judge coroner inspector sergeant lieutenant deputy marshal
commander general colonel major superintendent constable trooper chief captain councillor councilor councilman
councilwoman alderman cllr mp mep""".split())


_FORMER = re.compile(r"\b(?:former|ex|retired|onetime|one-time|erstwhile)\b", re.I)  # "a former vice mayor of ...": no office now
_OFFICE_AFTER = re.compile(r"^\s*,\s+(?:the\s+|a\s+|an\s+)?((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:of|at|for)\b")


def in_office(value: Value, sentence: str) -> bool:
    """The name is given with an office, before it, inside the span taken for it or in the phrase after it ("Rask
    County Sheriff Karl Holm", "Fire Chief Lena Brandt", "Tor Lunde, director of the rescue service"): someone
    speaking for a body, not one of the people a story is about."""
    words = [w.lower().strip(".") for w in title_words(value, sentence)] + re.findall(r"[a-z]+", value.text.lower())[:-2]
    after = _OFFICE_AFTER.match(sentence[value.end:])  # "Tor Lunde, director of the rescue service"
    words += after.group(1).lower().split() if after and not _FORMER.search(after.group(1)) else []
    return bool(roles_named(words)) or any(w in _OFFICE_TITLES for w in words)


# What a quantity's unit measures (rag/claims/parse.py's canonical units): barrels and gallons are both volumes.
_DIMENSIONS = {"kg": "mass", "m": "length", "m2": "area", "acre": "area", "m3": "volume", "l": "volume",
               "bbl": "volume", "w": "power", "hz": "frequency"}


def _dimension(unit: str) -> str:
    base, _, period = unit.partition("/")
    return f"{_DIMENSIONS.get(base, base)}/{period}"


def same_dimension(unit: str, other: str) -> bool:
    """Two units measure one thing: barrels and litres a volume, miles and metres a length (a rate per its period)."""
    return _dimension(unit) == _dimension(other)


def other_measure(a: Value, b: Value) -> bool:
    """Two figures that measure different things whatever their scopes: a quantity and a duration (both answer "how
    far"), counts of different nouns, or how long something has been so ("over the past two years") and how long
    something lasts ("a 90-day period"). A figure said without a number ("a handful of", "for decades") measures
    nothing another could contradict."""
    if a.vague or b.vague:
        return True
    if {a.kind, b.kind} == {"quantity", "duration"}:  # "38 km northwest of Oslo" and "21 years": how far is either
        return True
    if a.kind == "count" and a.unit and b.unit and a.unit != b.unit:
        return True
    if a.kind == b.kind == "quantity" and _dimension(a.unit) != _dimension(b.unit):
        return True  # a distance and an area, barrels a day and barrels in all
    if a.kind == b.kind == "duration" and a.unit == b.unit == "interval":  # times counted from two events ("30
        # seconds later", "one year later"): the same measure only where they say one event counted from
        return not scope_terms(a.scope) & scope_terms(b.scope)
    return a.kind == "duration" and b.kind == "duration" and _span(a.unit) != _span(b.unit)


def _span(unit: str) -> str:
    """What a duration measures: how long something lasted, how long it has been so ("elapsed"), or the time between
    two events ("interval": "six days after leaving Lunde")."""
    return unit if unit in ("elapsed", "interval") else "day"


def scope_terms(scope: str) -> set[str]:
    """The words that say what a figure is of, without those any figure could have ("global", "total")."""
    return specific(content_terms(scope))


def specific(terms: Iterable[str]) -> set[str]:
    """The terms (stemmed) but those any figure could have ("global", "total")."""
    return {t for t in terms if t not in _GENERIC}


def scope_head(scope: str) -> str:
    """The noun a scope ends on, the thing measured: "norland's installed generating capacity" -> "capacity"."""
    words = [w for w in scope.split() if not w.endswith("'s")]
    terms = content_terms(" ".join(words))
    return terms[-1] if terms else ""


# A role asked for by a word that covers several offices: "Which Chinese leader ...?" is answered by "President Xi".
# ("Who heads the Ministry of Commerce?" asks the head of that body, which no president of a country is.)
ROLES_COVERED = {"leader": {"president", "premier", "chancellor", "king", "queen", "prince", "minister", "chairman",
                            "chairwoman", "governor", "mayor"},
                 "boss": {"ceo", "chief", "chairman", "chairwoman", "director", "president", "head", "owner",
                          "founder"}}


def role_fits(role: str, wanted: set[str]) -> bool:
    """A name's role ("president", "administration") is one the question asks about ("leader" covers offices)."""
    wanted = wanted.union(*(ROLES_COVERED.get(w, set()) for w in wanted))
    words = set(role.lower().split())
    return bool(words & wanted) or any(wanted & ROLE_OF.get(w, set()) for w in words)


# a request for names ("Name the victims ...", "List the companies that ...", "Identify the two firms ...")
_NAME_THE = re.compile(r"^\W*(?:please\s+)?(?:name|list|identify)\s+(?:the\s+|all\s+(?:the\s+)?|any\s+|some\s+)?"
                       r"(?:(?:two|three|four|five|six|several|main|other)\s+)?(?=[a-z])", re.I)
_NAME_OF = re.compile(r"^\W*what(?:'s|\u2019s| is| was| were| are) (?:the )?names? of (?:the |a |an |this |that )?",
                      re.I)


# a name asked by its owner's possessive ("What's Tor Lunde's wife's name?", "What was the mayor's name?") or by
# "called" ("What is Lena Brandt's husband called?"): the lower-case noun before it is what is named
_NAME_OWNED = re.compile(r"^\W*[Ww]hat(?:'s|\u2019s| is| was| were| are)\s+(?:[^?]*?\s)?([a-z]+)(?:(?:'s|\u2019s|')\s+"
                         r"names?|\s+called)\s*\?\s*$")
# what a sentence says its name is the name of: "X is the team's name", "X was the name of the boat"
_NAME_HELD = re.compile(r"\W{0,2}(?:is|was|are|were|became)\s+(?:the|their|its|his|her)\s+(?:(?P<owner>[\w-]+)(?:'s|\u2019s)"
                        r"\s+(?:nick)?name|(?:nick)?name\s+of\s+(?:the|their|its|his|her|a|an)\s+(?:[\w-]+\s+)?(?P<of>[\w-]+))\b",
                        re.I)
_HOLDER_ENDS = re.compile(r"\s+(?:who|whom|whose|that|which|in|on|at|of|from|to|with|by|for|during|after|before)\b|[?,]",
                          re.I)


def _names_another_holder(value: Value, sentence: str, question: str) -> bool:
    """Asked "What was the name of the <noun> ...?", the sentence says the name is another noun's ("the team's
    name", "the name of the boat")."""
    named = _NAME_OF.match(question)
    held = _NAME_HELD.match(sentence, value.end)
    if not named or not held:
        return False
    rest = question[named.end():]
    end = _HOLDER_ENDS.search(rest)
    asked_words = set(content_terms(rest[:end.start() if end else len(rest)]))
    holder = set(content_terms(held.group("owner") or held.group("of")))
    return bool(asked_words and holder) and not holder & asked_words


_PARTITIVE = re.compile(r"^\W*which\s+(?:one\s+|ones\s+)?(of\s+(?:the|these|those|its|their|his|her)\s+)(?=[\w-])", re.I)


_OPENING_CLAUSE = re.compile(r"^\s*(?:when|while|after|before|once|as soon as|until|since|if)\s+\w+(?:\s+\w+)*?\s+"
                             r"(?:was|were|is|are|had|has|said|says|did|began|started|ended|hit|struck|came|went)\b",
                             re.I)


# a question a verb of saying or knowing reports ("told reporters how much aid had been gathered", "said when ..."),
# after a question that opens with its own question phrase ("Which minister ...", "Who ...")
_OPENS_WHICH_OR_WHO = re.compile(r"^\W*(?:which\s+[a-z]|who\b)", re.I)
_EMBEDDED = re.compile(r"\b(?:told|tell|tells|said|say|says|asked|explained|revealed|announced|knew|know|estimated|"
                       r"reported|disclosed|described|showed|wondered|predicted|calculated)\b(?:\s+[\w'\u2019-]+){0,4}?"
                       r"(?=\s+(?:how\s+(?:much|many|long|far|old|soon)|when|where|why|whether)\b)", re.I)


# the unit a figure is asked in, set off by commas after "how" and its adjective: "How long, in pages, is ...?"
_UNIT_ASIDE = re.compile(r"^(\W*how\s+[a-z]+)\s*,\s*in\s+([a-z]+(?:\s+[a-z]+)?)\s*,\s*", re.I)


def without_unit_aside(question: str) -> str:
    """The question without the unit it asks its figure in ("How long, in pages, is it?" -> "How long is it?")."""
    aside = _UNIT_ASIDE.match(question)
    return f"{aside.group(1)} {question[aside.end():]}" if aside else question


# a class noun asked as an owner: "Which country's ...", "which company's scaffolders" (not "which one's": no class)
_WHICH_OWNER = re.compile(r"\b(?:which|what)\s+(?!one['\u2019])([a-z][\w-]*)['\u2019]s\s", re.I)


def asked(question: str) -> tuple[str, ...]:
    """The kinds of value the question asks for, most likely first; empty when it cannot be typed.

    A question opening with a clause ("When rich countries trade with poor ones, whose wages rise?") is typed
    by the wh-word of its main clause, after the comma. A choice between two figures ("Is the deal for 90 days
    or for a year?") asks for their kind. A yes/no question whether things differ ("Do common stocks and
    preferred stocks have any differences in terms of percentage of the company...?") asks for a description
    of how they differ, not for the value its words name."""
    aside = _UNIT_ASIDE.match(question)
    if aside:  # "How long, in pages, is the report?" asks a count of pages; "..., in days, ...?" a duration
        unit = aside.group(2).lower()
        single = unit[:-1] if unit.endswith("s") else unit
        if single in ("second", "minute", "hour", "day", "week", "month", "year", "decade"):
            return ("duration",)
        if _LENGTH_COUNTED.search(unit):
            return ("count", "quantity")
        if unit in QUANTITY_UNITS or single in QUANTITY_UNITS:
            return ("quantity",)
        return asked(without_unit_aside(question))
    owner = _WHICH_OWNER.search(question)
    if owner:  # "Which country's industrial units include ...?" asks what "Which country?" does, when that is typed
        kinds = asked(f"Which {owner.group(1)}?")
        if kinds:
            return kinds
    partitive = _PARTITIVE.match(question)
    if partitive:  # "Which of the trapped workers was the youngest?" asks what "Which trapped workers ...?" does
        return asked(question[:partitive.start(1)] + question[partitive.end(1):])
    if _WHETHER_DIFFER.match(question):
        kind, _ = options(question)
        return (kind,) if kind else ()
    named = _NAME_OF.match(question)
    if named:  # "What is the name of the BP chief who ...?" asks what "Which BP chief ...?" does, when that is one
        kinds = asked("Which " + question[named.end():])  # kind of name (not "the song": a title, not typed)
        return kinds if len(kinds) == 1 and kinds[0] in NAMES else ()
    owned = _NAME_OWNED.match(question)
    if owned:  # "What's Tor Lunde's wife's name?", "What is the mayor called?" ask what "What is the name of the wife?" does
        return asked(f"What is the name of the {owned.group(1)}?")
    bidden = _NAME_THE.match(question)
    if bidden:  # "Name the victims police identified." asks what "Which victims police identified?" does
        kinds = asked("Which " + question[bidden.end():].rstrip(" .!") + "?")
        return kinds if len(kinds) == 1 and kinds[0] in NAMES else ()
    embedded = _EMBEDDED.search(question) if _OPENS_WHICH_OR_WHO.match(question) else None
    if embedded is not None:  # "Which minister told a TV channel how much aid had been gathered?": the question the
        # sentence reports is no question asked (a person is, by the opening)
        kinds = asked(question[:embedded.end()].rstrip() + "?")
        if kinds:
            return kinds
    head, _, tail = question.rpartition(",")
    # "Which materials were suspended, and since when?": a follow-up's bare question word asks what is asked now
    joined = bool(head) and _AND_WH.match(tail) is not None
    # ("When the gang said it was closing, what did it say ...?": the opening clause's "when" asks nothing)
    opened = bool(head) and _OPENING_CLAUSE.match(head) is not None and _WH_START.match(tail) is not None
    for text in ([tail] if joined or opened else [tail, question] if head and _WH_START.match(tail) else [question]):
        for pattern, kinds in ASKED:
            if pattern.search(text):
                if kinds == ("duration", "quantity"):  # "How long is the Ever Given?" / "... was the canal blocked?"
                    return ("quantity", "count") if _long_thing(text) else ("duration",) if _LONG_DONE.search(
                        text) else kinds
                return kinds
    kind, _ = options(question)
    return (kind,) if kind else ()


# "How long is the Ever Given?", "How long is the Gjørv Report?": a named thing has a length (metres, pages), not a
# duration, unless its name ends in a word for something that happens ("How long was the Cold War?")
_CAPITALIZED = r"[A-Z][\w\u00c0-\u024f.'\u2019&-]*"
_LONG_SUBJECT = re.compile(r"\b(?i:how long (?:is|was|are|were) (?:the )?)(" + _CAPITALIZED +  # words apart: no backtracking
                           r"(?:(?:\s+(?:of|de|and|&))?\s+" + _CAPITALIZED + r")*)\W*$")
_HAPPENING = frozenset("""war wars crisis strike operation rescue siege blockade lockdown campaign summit festival
games olympics cup championship season tour trial hearing inquiry presidency reign era period administration
government term dynasty empire ban truce ceasefire deal agreement pact treaty programme program mission flight
voyage journey expedition shutdown outage closure visit match race marathon conference talks revolution rebellion
uprising occupation pandemic epidemic outbreak recession depression spill storm hurricane typhoon cyclone
drought famine movie film song album show series episode speech""".split())


# "How long was the canal blocked?", "How long were they held?": how long something done lasted ("How long was the
# section that collapsed?" asks the section's length: its verb is a relative clause's)
_LONG_DONE = re.compile(r"\bhow long (?:is|was|are|were) (?:(?!(?:that|which|who)\b)[\w'\u2019.-]+ ){1,6}?(?:[a-z]{3,}(?<!e)ed|held|kept|shut|"
                        r"stuck|taken|gone|frozen|hidden|paid|given|known)(?: (?:in|at|on|inside|under|by|for|off|"
                        r"out|down|up)\b[^?]*)?\W*$", re.I)


def _long_thing(question: str) -> bool:
    match = _LONG_SUBJECT.search(question.strip())
    words = match.group(1).split() if match else []
    return bool(words) and words[-1].lower().strip(".'\u2019") not in _HAPPENING


# the nouns a length is counted in ("482 pages"): a count in any other ("12 boys") is no length
_LENGTH_COUNTED = re.compile(r"(?:pages?|words?|chapters?|volumes?|lines?|paragraphs?|sections?|articles?|"
                             r"clauses?|recommendations?|episodes?|verses?|stanzas?)$", re.I)


def asking_terms(question: str) -> set[str]:
    """The terms of the words that ask for the kind ("How many years ..." -> {"year"}): they say what kind of
    value answers, not what it is about."""
    return {t for pattern, _ in ASKED for m in pattern.finditer(question) for t in content_terms(m.group(0))}


_OR = re.compile(r"\bor\b", re.I)
# A yes/no question (it opens with its verb) whether things differ: "Do A and B have any differences...?", "Is X
# different from Y?", "Does A differ from B in ...?".
_WHETHER_DIFFER = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|would|will)\b[^?]*?"
                             r"\b(?:differ|differs|differed|difference|differences|different)\b", re.I)


@lru("question_options", QUESTION)
def options(question: str) -> tuple[str, tuple[str, ...]]:
    """A question that offers a choice between two figures of one kind ("for 90 days or for a year?", "70% or
    90%?"): that kind and the two figures as written; ("", ()) for any other question."""
    from rag.claims.parse import figures, prepare  # the parser imports nothing of ours; kept local all the same

    text = prepare(question)
    split = _OR.search(text)
    if split is None:
        return "", ()
    found = figures(text)
    before = [f for f in found if f.end <= split.start()]
    after = [f for f in found if f.start >= split.end()]
    if before and after and before[-1].kind == after[0].kind and text[before[-1].end:split.start()].count(" ") <= 3:
        return before[-1].kind, (before[-1].text.lower(), after[0].text.lower())
    return "", ()


_WH_START = re.compile(r"\s*(?:(?:so|and|but|then)\s+)?(?:who|whom|whose|what|which|when|where|how)\b", re.I)
# a follow-up's bare question word joined to the previous question (rag/conversation/reader.py, "ellipsis")
_AND_WH = re.compile(r"\s*and\s+(?:[a-z]+\s+){0,2}(?:what|which|who|whom|when|where|why|how)(?:\s+[a-z]+)?[\s?]*$",
                     re.I)


def asks_for_list(question: str) -> bool:
    return bool(_LIST.search(question))


def fits(value: Value, kinds: tuple[str, ...], sentence: str = "") -> bool:
    """The value is of a kind asked for (an untyped name fits any question for a name). A place that acts in
    ``sentence`` ("Spain have beaten the Netherlands", "China imposed curbs") stands for its team or government,
    so it also answers who; an "organization" something is based in ("based in Dayton") answers where. (An
    organization that reads as a person's name is one only when it qualifies no noun: not "Social Security numbers".)"""
    return value.kind in kinds or (value.kind == NAME and any(k in NAMES for k in kinds)
                                   and not (kinds in (("organization",), ("person",)) and _a_title(value.text))
                                   and not (kinds == ("person",) and _ACRONYM.fullmatch(value.text))) or (
        value.kind == "organization" and kinds == ("person",) and looks_personal(value.text) and not value.scope) or (
        value.kind == "place" and "organization" in kinds and bool(sentence) and acts(value, sentence)) or (
        value.kind == "organization" and "place" in kinds and bool(sentence) and located(value, sentence)) or (
        value.kind == "percentage" and "count" in kinds and _RATIO.search(value.text) is not None)


# what is still to come, told by how long until it does: "the port says its yard will be full in two years"
_DUE_IN = re.compile(r"\b(?:will|would|could|expects?|expected|plans?|planned|due)\b[^.;:]*\b(?:in|within)\s+(?:about\s+|some\s+|"
                     r"roughly\s+|around\s+|another\s+)?$", re.I)


def due_in(value: Value, sentence: str, kinds: tuple[str, ...]) -> bool:
    """Asked when, a time from the telling to what it says will happen ("the dam will reach its limit in two years")
    answers it, as a date counted from the article's day."""
    return "date" in kinds and value.kind == "duration" and value.unit not in ("interval", "age") \
        and _DUE_IN.search(sentence[:value.start]) is not None


# a share written as a count of a count ("4 out of 5 stations", "one in three voters"): how many of them, too
_RATIO = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:out\s+of|in)\s+(?:every\s+)?"
                    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


# The last word of a named event or structure ("the Lunde Fire", "Holm Tower", "the Vardex Bridge"): no person's
THING_WORDS = frozenset("""fire fires blaze storm hurricane flood earthquake crash disaster attack bombing shooting
war river lake bridge tower dam road street""".split())


def _a_title(text: str) -> bool:
    """A name made of an office's or a rank's words ("Prime Minister", "Vice President", "Retired Petty Officer"): a
    title, no body's name and no person's."""
    words = [w.lower().strip(".") for w in text.split()]
    return bool(words) and all(w in ROLES or w in _TITLE_WORDS for w in words)


_TITLE_WORDS = frozenset("prime deputy foreign general finance retired former acting petty officer officers first second "
                         "third 1st 2nd 3rd class chief senior junior rear vice lieutenant lt sergeant sgt corporal "
                         "cpl private admiral adm captain capt commander cmdr colonel col major maj brigadier marshal "
                         "inspector superintendent detective constable".split())
# an untyped name of capitals alone ("CPR", "PST"): an organization's or a thing's, no person's
_ACRONYM = re.compile(r"[A-Z]{2,6}s?")


def looks_personal(text: str) -> bool:
    """A name the tagger called an organization that reads as a person's: two or three capitalized words, none
    an organization's or a named thing's word or an acronym ("Ivo Brand" in "directed by Ivo Brand"; not "WTO",
    "MP Materials", "Holm Tower Fire")."""
    from rag.claims.demonyms import COUNTRY_OF  # (it imports this module)

    words = text.replace("\u2019", "'").split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() and w.isalpha() for w in words) \
        and not any(w.lower() in ORG_WORDS or w.lower() in THING_WORDS for w in words) and words[0].lower() not in COUNTRY_OF


# A name the tagger calls a person that the text writes as a place: before a word of place ("Chiang Rai state",
# "Ulster county"), or after "in", "near", "throughout" or an office of a place ("the governor of Chiang Rai")
_PLACE_WORD_AFTER = re.compile(r"\s+(?:state|province|prefecture|county|district|region|city|town|village|island|"
                               r"valley|airport|border)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|(?:coast|shore|shores|waters|sank|sunk|anchored|aground|capsized|moored|"
                           r"miles|kilometres|kilometers|km|just)\s+off|throughout|across|(?:governor|mayor|province|"
                           r"city|town|state|region|"
                           r"district|county) of)\s+(?:the\s+)?$", re.I)


def reads_as_place(text: str, start: int, end: int) -> bool:
    """The span, which the tagger calls a person, is written as a place (not "in Trump's view": a possessive)."""
    return bool(_PLACE_WORD_AFTER.match(text, end)) or (
        bool(_PLACE_BEFORE.search(text[:start])) and not re.match(r"['\u2019]s?\b", text[end:]))


def located(value: Value, sentence: str) -> bool:
    """A name the tagger calls an organization but the sentence places something in ("based in Dayton"): the
    small model tags many towns so; after a locative preposition it is the place."""
    return bool(re.search(r"\b(?:based|located|headquartered|situated|born|built|held|founded|lives?|lived) (?:in|at)\s+$",
                          sentence[max(0, value.start - 40):value.start], re.I))


# A verb right after a name (an appositive aside): the name is the one doing something. Past forms, present
# third person of common news verbs, or an auxiliary.
_IRREGULAR = ("won|beat|beaten|took|taken|led|made|became|sold|bought|built|struck|lost|held|gave|given|sent|told|"
              "set|cut|hit|put|kept|met|ran|went|came|got|paid|chose|chosen|drove|broke|fought|spent|wrote|began|"
              "overcame|wins|beats|leads|makes|sells|buys|holds|controls|produces|imposes|signs|says|said")
# a team or country takes a plural verb in British usage ("Spain survive brutal final", "England beat"): right
# after the name only, since after an auxiliary ("the Middle East could become") any subject takes these forms
_PLURAL = "win|beat|lead|take|claim|clinch|defeat|edge|survive|reach|seal|become|top|knock|thrash|hold"
_ACTS = re.compile(r"^(?:'s?\s+\w+)?(?:,[^,]{1,80},)?\s+(?:(?:(?:has|have|had|will|would|could|did|does|do|is set to|"
                   r"was|were)\s+(?:not\s+|also\s+|already\s+)?)?(?:\w+ed|" + _IRREGULAR + r")|(?:" + _PLURAL + r"))\b")


_OBJECT_WHO = re.compile(r"\b(?:who|whom)\s+(?:do|does|did|will|would|can|could|should)\b", re.I)


def asks_who_acts(question: str) -> bool:
    """"Who won ...", "Who imposed ...": the one asked about does something (a country may be that one: its
    government, its team); "Who does the economist work for?" asks for whom something is done (do-support), and
    "whom" the same; "Which think tank ..." and "Which company ..." ask for a body no country stands for."""
    return (not _OBJECT_WHO.search(question) and not re.search(r"\bwhom\b", question, re.I)
            and not _BODIES.search(question))


# The bodies a country acting is not ("Beijing emphasized ..." answers "Which government", not "Which think tank").
_BODIES = re.compile(r"\b(?:which|what) " + _GAP + r"(?:companies|company|firms?|producers?|processors?|agenc(?:y|ies)|"
                     r"banks?|manufacturers?|miners?|universit(?:y|ies)|newspapers?|outlets?|suppliers?|automakers?|"
                     r"think tanks?|labels?|publishers?|networks?|institutions?|bands?)\b", re.I)


def acts(value: Value, sentence: str) -> bool:
    """The name is followed by a verb: the subject of what the sentence says happened."""
    before = sentence[max(0, value.start - 40):value.start]
    if _LOCATIVE.search(before) or _AFTER_PREPOSITION.search(before):
        return False  # "voters in France went": the place is where, not who
    if _LETS.search(before) and _DOES.match(sentence[value.end:value.end + 40]):
        return True  # "allows Beijing to control the flow": the one let do it does it
    return bool(_ACTS.match(sentence[value.end:value.end + 120]))


# a verb that has someone do something, and what they are had do: "allows Beijing to control", "lets Tokyo set"
_LETS = re.compile(r"\b(?:allow|enable|permit|let|help|force|compel|push|prompt|lead|leave|urge|invite|encourage|"
                   r"authori[sz]e)(?:s|d|ed|ing)?\s+$", re.I)
_DOES = re.compile(r"\s+(?:to\s+)?(?!the\b|a\b|an\b)[a-z]{3,}\b")


_AFTER_PREPOSITION = re.compile(r"\b(?:of|for|by|with|against|over|on|about|than|between|and)\s+(?:the\s+)?$", re.I)


def same(a: Value, b: Value) -> bool:
    """The two values agree: the same name, or overlapping ranges of the same measure."""
    if a.kind == b.kind == "date" and _day(a.text) and _day(b.text) and _day(a.text) != _day(b.text):
        return False  # "June 19" and "June 9": dates compare by month, and by day where both give one
    if a.kind == b.kind == "date" and {a.unit, b.unit} == {"month", "day-of-year"}:
        return _same_month(*((a, b) if a.unit == "day-of-year" else (b, a)))
    if a.kind in FIGURES or b.kind in FIGURES:
        if a.kind != b.kind or (a.unit and b.unit and a.unit != b.unit and a.kind != "count"):
            return False
        finite = [abs(x) for x in (a.low, a.high, b.low, b.high) if math.isfinite(x)]
        slack = 0.005 * max(finite + [1.0]) if a.kind != "date" else 0.0  # an open bound ("over 60%") has no scale
        return a.low <= b.high + slack and b.low <= a.high + slack
    ka, kb = set(a.key.split()), set(b.key.split())
    return bool(ka and kb) and (ka <= kb or kb <= ka) or _initials_of(a, b) or _initials_of(b, a)


def _initials_of(short: Value, long: Value) -> bool:
    """"SCA" is the Suez Canal Authority: an all-capitals name that spells the initials of the other's words."""
    letters = short.text.replace(".", "")
    words = [w for w in long.key.split() if w not in STOPWORDS]
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and len(words) == len(letters) and \
        "".join(w[0] for w in words) == letters.lower()


def _day(text: str) -> int:
    """The day of the month a date gives ("August 17, 2021", "17th of August"), 0 when it gives none."""
    match = re.search(r"(?<![\d.A-Za-z])([0-3]?\d)(?:st|nd|rd|th)?(?![\d])(?!\s*(?:-|–)\s*\d)", text)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else 0


def _same_month(partial: Value, full: Value) -> bool:
    """A date without its year ("August 22nd") agrees with a dated one ("August 22, 2021") of the same month."""
    if full.high - full.low >= 11:
        return True  # the dated one spans a whole year, or more
    return any((month - 1) % 12 + 1 == partial.low for month in range(int(full.low), int(full.high) + 1))


def show(value: Value) -> str:
    """A value as the answer states it: durations in their largest whole unit ("1 year", "90 days")."""
    if value.kind == "duration" and value.low == value.high:
        for unit, days in (("year", 365), ("month", 30.4), ("week", 7), ("day", 1)):
            n = value.low / days
            if n >= 0.98 and abs(n - round(n)) < 0.02:
                return f"{round(n)} {unit}{'s' if round(n) != 1 else ''}"
    return value.text


_LOCATIVE = re.compile(r"\b(?:in|at|near|from|to|towards?|outside|inside|across|throughout|within|into)\s+(?:the\s+)?$", re.I)
_ON = re.compile(r"\b(?:on|off)\s+(?:the\s+)?$", re.I)
# words that take "on" for what they bear on, not where: "reliance on China", "tariffs on Chinese goods"
_ON_TAKING = re.compile(r"\b(?:depend\w*|relian\w*|reli\w*|focus\w*|impact|effects?|pressure|sanctions?|tariffs?|"
                        r"restrictions?|bans?|stance|views?|positions?|agree\w*|talks?|report\w*|comment\w*|based|"
                        r"bets?|spend\w*|tax\w*|dut(?:y|ies)|controls?|grip|embargo\w*|limits?|caps?|curbs?|levies|"
                        r"levy|down|insist\w*|war|lean\w*|act\w*|rul\w*|vot\w*|work\w*)\s+(?:on|off)\s+(?:the\s+)?$",
                        re.I)
_ATTRIBUTION = re.compile(r"\b(?:according to|said|says|told|reported by|sources?:)\s+(?:the\s+)?(?:[\w.]+\s+)?$", re.I)
# Verbs that say who said something: a quotation's speaker ("said Dr. Laura Chen"), or what a question asks for
# when it asks who said, warned or argued it.
SPEECH_VERBS = (r"said|says|say|told|tells|added|adds|noted|notes|warned|warns|explained|explains|argued|argues|"
                r"wrote|writes|stated|states|insisted|insists|cautioned|cautions|predicted|predicts|claimed|claims|"
                r"acknowledged|acknowledges|observed|observes|remarked|remarks|continued|continues|declared|declares|"
                r"announced|announces")
# the verbs by which a source gives a figure: "Which agency reported ...", "Which body estimated ..."
_SOURCE_VERBS = r"reported|reports|estimated|estimates|published|publishes|calculated|calculates|projected|projects"
# ("Who is the CSIS economist quoted saying ...?" asks the speaker as "Which economist said ...?" does)
_ASKS_SPEAKER = re.compile(rf"^\W*(?:who|(?:which|who(?:'s|\u2019s| is| was| are| were)(?: the| a| an)?) "
                           rf"(?:[\w.'-]+ ){{0,2}}?(?:expert|analyst|official|economist|person|people|"
                           rf"agenc(?:y|ie)|organi[sz]ation|institut(?:e|ion)|bod(?:y|ie)|source|survey|stud(?:y|ie)|"
                           rf"ministr(?:y|ie)|department|bureau|office|outlet|publication|"
                           rf"[a-z]+ist|[a-z]+er|[a-z]+or)s?)\s+(?:(?:who|that)\s+)?(?:(?:has|had|have|did|was|is|are|were)\s+)?"
                           rf"(?:{SPEECH_VERBS}|{_SOURCE_VERBS}|quoted|cited|called|calls|described|describes|dubbed)\b"
                           rf"|\baccording to (?:which|what|whom)\b", re.I)


def asks_speaker(question: str) -> bool:
    """"Who warned that ...", "Which analyst said ...": the answer is whoever said it, the quotation's speaker."""
    return bool(_ASKS_SPEAKER.search(question))


_HOW_LONG_SO = re.compile(r"\bhow long (?:has|have|had)\b|\bfor how long (?:has|have|had)\b|\bsince when\b|"
                          r"\b(?:over|for|across) what (?:period|span|stretch|length of time|time ?(?:span|frame)) "
                          r"(?:has|have|had)\b", re.I)
# a question asking the time between two events: how soon, how long (or how many days) after or before, or how long
# something took ("How long did the tow take?": it arrived four days after it left)
_BETWEEN_ASKED = re.compile(r"\bhow\s+(?:soon|quickly|fast|early|late)\b|\bhow\s+(?:long|many\s+\w+)\b.*\b(?:after|before|"
                            r"take|takes|took|taken|taking)\b|\bwithin\s+(?:how|what)\b", re.I)
_WHERE = re.compile(r"^\s*where\b|\bin (?:which|what) (?:country|city|town|place|region|state)\b", re.I)
# "Which country is Lynas from?": a place the sentence sets the subject apart from ("outside China") is none it is of
# "Where is Lynas based?": the place of a name, not where something happened
_BASED_WHERE = re.compile(r"^\W*where\s+(?:is|are|was|were)\s+.{1,60}?\s(?:based|headquartered|from)\s*\??\s*$", re.I)
# (an ally or an economy is a country: "Which Asian ally's tech partnerships ...?"; allies are as often a group
# written as adjectives, "European and Asian allies", which no place typing reads)
_WHICH_PLACE = re.compile(r"\b(?:which|what)\s+(?:[a-z]+\s+)?(?:countr(?:y|ies)|nations?|states?|cit(?:y|ies)|regions?|"
                          r"ally|economy)\b|"
                          + _BASED_WHERE.pattern, re.I)
_EXCLUDING = re.compile(r"\b(?:outside(?:\s+of)?|beyond|except|excluding|other\s+than|apart\s+from)\s+(?:the\s+)?$", re.I)
# the few words between a place and the name it is of: "Australia's Lynas", "US-based companies like MP Materials"
_TIE = re.compile(r"^(?:['’]s)?(?:\s+[a-z][\w\-]*){0,2}\s+$")


def asks_which_place(question: str) -> bool:
    """The question asks which country (city, region) something is of, not where it happened."""
    return bool(_WHICH_PLACE.search(question))


def tied_to(value: Value, sentence: str, words: Sequence[str], possessive: bool = False) -> bool:
    """The place is written onto one of the named ``words`` ("Australia's Lynas"; "the Australian miner Lynas" is
    not read: "Australian" is typed no place): the name's place, where another place of the same sentence
    ("US-based companies like MP Materials") is another's. ``possessive``: as the owner of two words of them in
    a row ("Australia's bilateral mining accords"; not "China's export controls" for "controls ... processing")."""
    rest = sentence[value.end:]
    if possessive:  # the two words after it are the question's ("Australia's bilateral mining accords")
        owned = re.match(r"['\u2019]s\s+([a-z][\w-]*)\s+([a-z][\w-]*)", rest)
        # (a word the question shortens counts: "technology partnerships" of "tech partnerships")
        return owned is not None and all(any(w == o or (len(w) >= 4 and o.startswith(w)) for w in words)
                                         for o in (owned.group(1), owned.group(2)))
    for word in words:
        at = re.search(rf"\b{re.escape(word)}\b", rest)
        if at is not None and _TIE.match(rest[:at.start()]):
            return True
    return False


# a job held at a body, written between the body and the person ("U.S. Geological survey Director Marcia McNutt",
# "Fortify Rights specialist Puttanee Kangkun")
# (beside the offices of ``ROLES`` and the ranks of ``_TITLE_WORDS``, which name a job there too)
_STAFF = frozenset("specialist analyst economist researcher scientist professor editor correspondent reporter official "
                   "executive manager adviser advisor engineer lawyer attorney partner".split())
_TOKEN = re.compile(r"[\w.'\u2019-]+")
_POSSESSIVE = re.compile(r"['\u2019]s$")


def works_at(value: Value, sentence: str, words: Sequence[str]) -> bool:
    """The body is written onto a person the question names by the job they hold there: its name (or the last
    words of it the tagger left out, "survey"), a title, then the person ("U.S. Geological survey Director Marcia
    McNutt", "Apple CEO Tim Cook"): the body a question asks that person to be of."""
    rest = sentence[value.end:]
    if rest[:2] in ("'s", "\u2019s"):
        rest = rest[2:]
    if not rest[:1].isspace():
        return False
    tokens = _TOKEN.findall(rest[:120])
    for i, token in enumerate(tokens[:3]):
        if token.lower() in ROLES or token.lower() in _STAFF or token.lower() in _TITLE_WORDS:
            name = []
            for after in tokens[i + 1:i + 5]:
                if not after[:1].isupper():
                    break
                name.append(_POSSESSIVE.sub("", after.rstrip(".,")))  # "McNutt's" is McNutt
            return any(w in name for w in words)
    return False


_PLACE_NOUNS = frozenset("country countries nation nations state states city cities region regions ally economy".split())


def things_asked(question: str) -> list[str]:
    """The words a which-place question asks the place of, as written ("striking", "bilateral", "mining",
    "accords" of "Which country has been striking bilateral mining accords?")."""
    return [w for w in re.findall(r"\b[a-z][a-z-]{3,}\b", question) if w not in _PLACE_NOUNS and w not in STOPWORDS]


# an indefinite article, and at most two lower-case words or a prefix, before a name ("a former", "an ex-"; not
# "a result of")
_INDEFINITE = re.compile(r"(?:^|[^\w'\u2019])(?i:a|an)\s+(?:(?!(?:of|for|in|on|at|to|by|with|from|as|and|or|"
                         r"the|that|who|which)\s)[a-z][a-z-]*\s+){0,2}(?:[a-z]+-)?$")


_NUMBERED = re.compile(r"\s+\d+\b(?![.,]\d)")  # "Chamber 3", "Apollo 13": a word numbered is a place or a thing


def _nationality(value: Value, sentence: str) -> bool:
    """The value is a country's adjective before a lower-case word ("Thai navy divers"): what they are, no name."""
    from rag.claims.demonyms import places_in_adjectives  # (demonyms reads Value from this module)

    return any(place.start == value.start for place in places_in_adjectives(sentence))


def _adjective(value: Value) -> bool:
    """The place is written as its country's adjective ("Canadian"): ``demonyms.answering_places`` typed it
    because it qualifies what a where-question names, or follows a locative preposition."""
    from rag.claims.demonyms import COUNTRY_OF  # (demonyms reads Value from this module)

    return value.text.lower() in COUNTRY_OF


# A figure's movement, by the words that say a fall or a rise
FALLING = frozenset("""drop drops dropped dropping fall falls fell fallen falling plunge plunged plunging slid slide
sliding sank sink sinking tumble tumbled tumbling slump slumped slumping plummet plummeted plummeting dive dived diving
decline declined declining decrease decreased decreasing""".split())
RISING = frozenset("""rise rises rose risen rising soar soared soaring climb climbed climbing jump jumped jumping surge
surged surging rally rallied rallying spike spiked spiking leap leapt leaping skyrocketed increase increased
increasing""".split())
_MOVED = re.compile(r"\b(up|down|higher|lower|gained|lost|added|shed|[a-z]+)\W+(?:(?:by|about|almost|nearly|some|"
                    r"around|roughly|more\s+than|over|another|a\s+further)\s+)*$", re.I)


# what an amount goes to or comes from, right after it ("$40 million to the regulator", "a $50,000 grant from the city")
_RECIPIENT = re.compile(r"^\s*(?:[a-z]+\s+)?(to|from)\s+(?:the\s+|a\s+|an\s+)?([A-Za-z][\w-]*)")
_ASKED_RECIPIENT = re.compile(r"\b(?:paid|pay|pays|paying|given|give|gives|owed|sent|send|went|go|goes|awarded|"
                              r"granted)\s+(to|from)\s+(?:the\s+|a\s+|an\s+)?([A-Za-z][\w-]*)", re.I)


# (once a question: ``answers_as`` asks these of every value of every candidate sentence)
@lru("recipients_asked", QUESTION)
def _recipients_asked(question: str) -> frozenset[tuple[str, str]]:
    return frozenset((m.group(1).lower(), stem(m.group(2).lower())) for m in _ASKED_RECIPIENT.finditer(question))


@lru("way_asked", QUESTION)
def _way_asked(question: str) -> str:
    words = set(re.findall(r"[a-z]+", question.lower()))
    return "down" if words & FALLING else "up" if words & RISING else ""


def to_another_party(value: Value, sentence: str, question: str) -> bool:
    """Asked what was paid to someone ("the penalty paid to the states"), the amount goes to another party: "$100
    million to the regulator" beside "$90 million to the states"."""
    asked = _recipients_asked(question)
    said = _RECIPIENT.match(sentence[value.end:])
    if not asked or said is None:
        return False
    prep, party = said.group(1).lower(), stem(said.group(2).lower())
    return any(p == prep for p, _ in asked) and (prep, party) not in asked


def moved_the_other_way(value: Value, sentence: str, question: str) -> bool:
    """Asked how far something fell (or rose), the figure says a move the other way: "up more than 6%", "climbed 150
    percent" for a fall."""
    asked = _way_asked(question)
    said = _MOVED.search(sentence[:value.start])
    if not asked or said is None:
        return False
    word = said.group(1).lower()
    way = "down" if word in FALLING or word in ("down", "lower", "lost", "shed") else \
        "up" if word in RISING or word in ("up", "higher", "gained", "added") else ""
    return bool(way) and way != asked


_STRENGTH_ASKED = re.compile(r"\b(?:magnitude|strong|stronger|strongest|strength|powerful|big|bigger|large|"
                             r"intens\w*|severe|how bad)\b", re.I)


def answers_as(value: Value, sentence: str, kinds: tuple[str, ...], question: str = "") -> bool:
    """The value stands where an answer of the kind asked would: a place after a locative preposition ("in
    Malaysia") when the question asks where; not the source a sentence is attributed to ("according to the
    USGS"); time gone by ("over the past two years") only when the question asks how long something has been."""
    before = sentence[:value.start]
    if value.kind in ("count", "quantity") and (_in_clock_time(value, sentence) or before[-1:].isalpha()):
        return False  # "at 15:25:22": a time of day, not three counts; "the E16 road": a name's number
    if value.kind in ("person", "organization", NAME) and _INDEFINITE.search(before):
        return False  # "a former Thai Navy Seal who volunteered", "an Apple spokesman": one of a kind, no one named
    if value.kind in ("person", "organization", NAME) and "person" in kinds and " " not in value.text.strip() and (
            _nationality(value, sentence) or _NUMBERED.match(sentence, value.end)):
        return False  # asked who: "Thai navy divers" say a nationality and "Chamber 3" a numbered place, no one
    if value.kind in ("person", "organization", NAME) and _names_another_holder(value, sentence, question):
        return False  # asked the name of the diver: "The Wild Boars is the team's name" names a team
    if _ATTRIBUTION.search(before) and not asks_speaker(question) and not _holder_said(value, sentence, question) \
            and (value.kind not in FIGURES or value.kind == "date"):
        return False  # the source a sentence is attributed to, unless the question asks who said it, or the role
        # it asks the holder of is said beside the name ("said Lt. Gen. Osama Rabei, head of the Suez Canal Authority")
        # (an amount or a count after "said" is what was said: "it said about 12 million people were affected")
    if (value.unit == "age") != bool(AGE_ASKED.search(question)) and value.kind == "duration":
        return False  # "the 25-year-old coach" says how old he is, not how long anything took; asked how old, an age
    if value.unit == "magnitude" and question and not _STRENGTH_ASKED.search(question):
        return False  # "a magnitude 4.1 tremor" says how strong a tremor was, not how much explosive was used
    if value.unit == "weekday" and not _DAY_ASKED.search(question):
        return False  # "on Friday" says the day, not the year, month or date otherwise asked
    if value.kind == "date" and value.unit != "weekday" and _WEEKDAY_ASKED.search(question):
        return False  # asked the day of the week, "23 March" does not say it
    if value.unit == "relative" and _CALENDAR_ASKED.search(question):
        return False  # "earlier this year" says when, but not the year, month or day asked
    if value.kind == "date" and value.unit != "weekday" and _DAY_ASKED.search(question) and (
            value.high - value.low >= 1 or not _A_DAY.search(value.text)):
        return False  # "the 2011 Norway attacks" says the year, not the day or the date asked; nor "September 2017"
    if value.unit == "elapsed" and not _HOW_LONG_SO.search(question):
        return False  # "over the past two years" says how long something has been so, not how long it lasts
    if value.unit == "interval" and not _BETWEEN_ASKED.search(question):
        return False  # "two days after the explosion" counts from an event: it says how long the fire burned no more
        # than how long the talks lasted, only how soon one thing came after another, or how long getting there took
    if _WHERE.search(question) and value.kind in ("place", NAME) and not _BASED_WHERE.match(question) and not (
            value.kind == "place" and _adjective(value)):  # ("Canadian rare earth projects": where they are)
        # (where a name is based or from: its place, "Australia's Lynas"; "on Utøya island", not "reliance on China")
        return bool(_LOCATIVE.search(before)) or bool(_ON.search(before) and not _ON_TAKING.search(before))
    if _WHICH_PLACE.search(question) and value.kind == "place" and _EXCLUDING.search(before):
        return False
    if value.kind in ("percentage", "money", "quantity", "count") and moved_the_other_way(value, sentence, question):
        return False  # asked how far the shares fell: "up more than 6%" says a rise
    if value.kind == "money" and to_another_party(value, sentence, question):
        return False  # asked what was paid to the states: "$40 million to the regulator" went elsewhere
    dimension, adjective = asked_dimension(question)  # "How wide is the ship?": a length, not "224,000-ton"
    if dimension and (value.kind == "money" or value.kind == "count" and (
            adjective != "long" or not _LENGTH_COUNTED.search(value.unit or value.text))
                      or value.kind == "quantity" and not _of_dimension(value, sentence, dimension, adjective)
                      or value.kind == "percentage" and adjective != "far"):
        return False  # ("How long is the report?": "482 pages" is a length; "How far did shares fall?": "12%")
    if not dimension and value.kind == "quantity" and _dimension(value.unit) == "length/" and _OFFSET.match(
            sentence[value.end:]):
        return False  # "sank about eighty kilometers from the Louisiana coast" says where, not how much of anything
        # ("How much shoreline was damaged?"); asked how far, it answers (the dimension's own check)
    # "0.5-1.0 kg of rare earth elements" weighs them; "How many rare earth elements ...?" counts them
    return not (value.kind == "quantity" and kinds[:1] == ("count",) and _weighs_what_is_counted(value, question))


# a length that places something ("80 km from the coast", "3 miles north of the entrance", "5 km offshore"), not
# one that measures a thing or its extent ("1,300 miles of shoreline", "stretching 300 km from Texas to Florida")
# (the directions are those that place a figure in a dimension asked, ``_POSITION``)
_PLACED = (r"north|south|east|west|north-?east|north-?west|south-?east|south-?west|away|off|offshore|inland|upstream|"
           r"downstream")
_OFFSET = re.compile(rf"^\W{{0,3}}(?:(?:{_PLACED})(?:wards?)?\b|from\b(?![^,.;]{{0,60}}\bto\b))", re.I)


def _holder_said(value: Value, sentence: str, question: str) -> bool:
    """The name is followed by the role the question asks the holder of, in apposition ("..., head of ...")."""
    words = role_words(asked_roles(question)) if value.kind in ("person", NAME) else set()
    apposition = _APPOSITION.match(sentence, value.end)
    return bool(words and apposition and says_role(apposition.group(1), words))


_APPOSITION = re.compile(r",\s+((?:the\s+|a\s+|its\s+)?(?:[\w'-]+\s+){0,3}?[\w'-]+)(?=\s+(?:of|at|for)\b|,)")


# a dimension asked by its adjective; "how long is" asks a length as well as a duration (not "how long did it last")
_DIMENSION_ASKED = re.compile(_W + r"how (wide|deep|tall|thick|far|heavy|fast|long(?= (?:is|was|are|were)\b(?!.*\b(?:last|"
                              r"lasts|lasted|take|takes|took|run|runs|ran)\b))|strong(?=[^?]*\b(?:winds?|gusts?|gales?|"
                              r"storms?|hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?)\b))\b", re.I)
# (a wind is as strong as it is fast: "gusts of up to 40 knots")
_ADJECTIVE_DIMENSION = {"heavy": "mass", "fast": "length/hour", "strong": "length/hour", "frequent": "frequency"}
# a width (depth, height, thickness) is said so beside its figure ("59 m wide", "a width of 59 m"); a length or a
# distance need not be ("the 400 m vessel"), but a position is none ("3 miles north of the entrance")
_SAID_OF = {"wide": r"wide|width|across|beam|breadth", "deep": r"deep|depth|draught|draft|below|beneath|under|down",
            "tall": r"tall|high|height|rises|rising|stands|above", "thick": r"thick|thickness"}
_OTHER_DIMENSION = re.compile(r"[\s-]*(?:(?:in|of)\s+)?(?:long|length|wide|width|high|height|tall|deep|depth|thick|"
                             r"thickness)\b", re.I)
_ATTRIBUTE = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.I)
# the noun of a thing that stands upright, right after a length written onto it ("the 90-metre spire")
_UPRIGHT_AFTER = re.compile(r"[\s-]*(?:[a-z]+[\s-]+)?(?:spires?|towers?|steeples?|belfr(?:y|ies)|skyscrapers?|buildings?|"
                            r"masts?|chimneys?|statues?|monuments?|obelisks?|pillars?|columns?|walls?|dams?|waves?|"
                            r"cliffs?|trees?|blocks?|pylons?|cranes?)\b", re.I)
_POSITION = re.compile(rf"^\W{{0,3}}(?:{_PLACED}|outside|from|of)\b", re.I)


# ... or by its verb: "How much did the submarine weigh?", "What does the ship weigh?" (a weight: "four boys" no answer)
_DIMENSION_VERB = re.compile(r"\b(?:how much|what)\s+(?:does|did|do|would|will|could|can|might)\b[^?.!]{0,60}?"
                             r"\bweigh(?:s|ed)?\b(?!\s+(?:up|in|on|against|down)\b)", re.I)
# ... or by its noun: "What is the weight of the ship?"
# (or two: "What are the length and width of this hatch?"), or after a preposition: "At what frequency were ...?",
# "To what altitude did he set the dial?"
_NOUN_ADJECTIVE = {"weight": "heavy", "width": "wide", "height": "tall", "depth": "deep", "speed": "fast",
                   "distance": "far", "length": "long", "altitude": "high", "diameter": "wide", "thickness": "thick",
                   "frequency": "frequent"}
_DIMENSION_NOUN = re.compile(r"(?:\b(?:what|which)(?:'s|\u2019s| is| was| are| were) (?:the )?(?:[\w-]+ ){0,2}?|"
                             r"\b(?:at|to|from) what (?:[\w-]+ )?|\b(?:what|which) (?:[\w-]+ )?)"
                             r"(" + "|".join(_NOUN_ADJECTIVE) + r")s?"
                             r"(?:\s+and\s+(?:the\s+)?[a-z]+)?\s+(?:of|in|at|for|was|were|is|are|did|does|do|had|has)\b"
                             # (not a time's length: "the length of his sentence", "the length of the deal")
                             r"(?!\s+(?:the\s+|his\s+|her\s+|its\s+|their\s+)?(?:service|time|stay|tenure|employment|"
                             r"office|imprisonment|sentence|trial|term|contract|deal|agreement|ban|season|visit|war|"
                             r"search|strike|delay|closure|shutdown|outage|lockdown|career|reign|marriage)s?\b)", re.I)


# where a question's later part begins (rag/answer/parts.py reads each part on its own)
_LATER_PART = re.compile(r",\s*(?:and|or|but)\s|\?\s", re.I)


@lru("asked_dimensions", QUESTION)
def asked_dimension(question: str) -> tuple[str, str]:
    """The dimension a "how wide / deep / tall / far / long / heavy / fast" question asks ("length", "mass",
    "length/hour") and the adjective asking it (to check the figure is said to be that: ``_of_dimension``), or
    ("", "")."""
    question = without_unit_aside(question)  # ("How long, in miles, was the slick?")
    if _MOVED_HOW_FAR.search(question):
        return "", ""  # "How far did the shares fall?", "How far will it raise the limit?": a move, no distance
    match = _DIMENSION_ASKED.search(question)
    noun = None if match else _DIMENSION_NOUN.search(question)
    if noun and _LATER_PART.search(question, 0, noun.start()):
        noun = None  # "About how many containers ..., and at what speed ...?": the second part's, not the question's
    adjective = match.group(1).lower() if match else _NOUN_ADJECTIVE[noun.group(1).lower()] if noun else \
        "heavy" if _DIMENSION_VERB.search(question) else ""
    return (_ADJECTIVE_DIMENSION.get(adjective, "length"), adjective) if adjective else ("", "")


# the words a measure of each dimension is written with, for the keyword side ("How heavy ...?": "224,000-ton")
_UNIT_WORDS = {"mass": "ton tons tonne tonnes kg kilograms pounds weighs weight",
               "length": "metres meters metre meter feet ft miles km kilometres kilometers",
               "length/hour": "knots mph speed", "frequency": "hz khz mhz hertz kilohertz frequency"}


def measure_words(question: str) -> list[str]:
    """Words a sentence giving the dimension asked would use: its units and the adjective's own words."""
    dimension, adjective = asked_dimension(question)
    if not dimension:
        return []
    return _UNIT_WORDS[dimension].split() + [w for w in _SAID_OF.get(adjective, adjective).split("|") if len(w) > 3]


def _of_dimension(value: Value, sentence: str, dimension: str, adjective: str) -> bool:
    if _dimension(value.unit).rstrip("/") != dimension:
        return False
    after, before = sentence[value.end:], sentence[:value.start]
    if adjective in _SAID_OF:  # in the figure's own clause: "59 m wide", "a width of 59 m", "1.5 km below the surface"
        words = _SAID_OF[adjective]
        if re.match(rf"[\s-]*(?:(?:in|of|at|its|the)\s+){{0,2}}(?:{words})\b", after, re.I) or re.search(
                rf"\b(?:{words})\s+(?:of\s+)?(?:[a-z]+\s+)?$", before, re.I):
            return True
        if adjective == "tall" and _ATTRIBUTE.search(before) and _UPRIGHT_AFTER.match(after):
            return True  # "the 90-metre spire", "a 24-storey tower": what stands upright is measured by its height
        # else any length not said to be another ("400 m long", "3 miles north") nor a thing's unnamed one ("the
        # 400 m, 224,000-ton vessel"): "dredged to 14 metres", asked how deep
        return not (_OTHER_DIMENSION.match(after) or _POSITION.match(after) or _ATTRIBUTE.search(before))
    if adjective == "long" and (_ANOTHER_EXTENT.match(after) or _FALLEN.search(before)):
        return False  # asked how long the section was: "plunging 40 metres (130 feet) below" is a drop
    return adjective == "far" or not _POSITION.match(after)


# a length said to be a height, a depth or a width in its own clause ("40 metres (130 feet) below", "30m high",
# "2 km wide"): no answer to how long something is
_ANOTHER_EXTENT = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?[-\s]*(?:below|beneath|underground|under\b|above|high|tall|"
                             r"deep|wide|thick|down\b|up\b)", re.I)
# ... or a height fallen ("sending lorries plummeting up to 35 metres", "fell 30 feet")
_FALLEN = re.compile(r"\b(?:plung|plummet|fall|fell|drop|sink|sank|sunk|dive|dove|tumbl|crash)\w*\s+(?:(?:up to|as far as|"
                     r"about|some|nearly|almost|more than|over|around|roughly)\s+)?$", re.I)


_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")


def _in_clock_time(value: Value, sentence: str) -> bool:
    return any(m.start() <= value.start < m.end() for m in _CLOCK.finditer(sentence))


# "How many rare earth elements are there?": the thing counted, up to the question's verb
_HOW_MANY = re.compile(r"\bhow many\s+((?:(?!(?:are|were|is|was|do|does|did|have|has|had|will|would|can|could|"
                       r"should|must)\b)[\w'-]+\s*){1,6})", re.I)


def _weighs_what_is_counted(value: Value, question: str) -> bool:
    """A measure (a weight, a volume) of the very thing a how-many question counts: no count of it. A measure in
    the question's own unit ("How many megawatts of power ...?") is one; a question counting a known unit ("How
    many kilograms of ...?") asks a quantity first and is not checked."""
    match = _HOW_MANY.search(question)
    if match is None or not value.unit or not value.scope:
        return False
    counted = set(content_terms(match.group(1)))
    return stem(value.unit) not in counted and bool(counted & set(content_terms(value.scope)))


def _literal_in(pattern: str, text: str) -> bool:
    """False when a pattern of letters and digits only (a literal) cannot match: it is nowhere in the text. Such
    patterns are built per value; the check spares compiling them (Python's cache of patterns holds 512)."""
    return not pattern.isalnum() or pattern in text


_BASED = re.compile(r"[\s-]based$")


def in_question(value: Value, question: str) -> bool:
    """The question already holds this value (it cannot be the answer)."""
    folded = question.lower()
    if value.kind in FIGURES:  # the figures a choice question offers are what it asks to choose between
        return value.text.lower() in folded and value.text.lower() not in options(question)[1]
    if value.kind in ("place", NAME) and seats.names(question, value.text):
        return True  # the question names the country by its seat, or the reverse: "U.S." of "... with Washington"
    key = _BASED.sub("", value.key)  # "US-based" is the US ("Where is MP Materials based?" does not give it)
    if key and all(len(w) <= 2 for w in key.split()):  # "US", "U.K.": the whole short name as a word
        short = key.replace(" ", "")
        plain = folded.replace(".", "")
        # a pattern of its own per name: not compiled when the name is nowhere in the text (the same answer)
        return short in plain and bool(re.search(rf"(?<![a-z]){re.escape(short)}(?![a-z])", plain))
    words = [w for w in key.split() if len(w) > 2 and w not in ("of", "and", "for")]
    # the question writes it by its initials: "United States" is the "US" of "Who warned that the US ..."
    initials = "".join(w[0] for w in value.key.split() if w not in ("of", "and", "for", "the"))
    # (written in capitals: "Ingrid Solberg" is not the "is" of "Who is ...?")
    if len(initials) >= 2 and len(words) >= 2 and _literal_in(initials, folded.replace(".", "")) \
            and re.search(rf"(?<![A-Za-z]){initials.upper()}(?![A-Za-z])", question.replace(".", "")):
        return True
    # the words that ask for it are no part of it given: "Chinese Ministry of Commerce" answers "Which Chinese
    # ministry ...?"
    asking, heads = _asking_terms(question)
    if heads & {stem(w) for w in words}:  # a name holding the noun asked for ("... ministry" of "which ministry")
        words = [w for w in words if stem(w) not in asking]
        folded = _without_asking(question)
    # a nationality before the words of the question is the class it asks about, not one of it: "Thai Navy Seals"
    # of "What was the name of the former navy SEAL who died?"
    from rag.claims.demonyms import COUNTRY_OF  # (demonyms reads Value from here)
    while len(words) > 1 and words[0] in COUNTRY_OF and words[0] not in folded:
        words = words[1:]
    # a person's own name after a rank or title the question does not write: "Retired Petty Officer First Class
    # Saman Kunan" is the Saman Kunan of "the diver who was with Saman Kunan"
    if value.kind in ("person", NAME) and len(words) > 2 and all(w in ROLES or w in _TITLE_WORDS for w in words[:-2]) \
            and all(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", folded) for w in words[-2:]):
        return True
    # a person the question names by the surname alone, as news copy does after the first mention: "Francesco
    # Lunde" is the "Lunde" of "Which judge sentenced Lunde?" (not where another first name leads it: "Karl Lunde"
    # is no "Tor Lunde")
    if value.kind in ("person", NAME) and len(words) >= 2 and _by_surname(value.text.split()[-1], question):
        return True
    # its first word (the distinctive one: "Lynas Rare Earths") and most of the others
    return bool(words) and words[0][:4] in folded and 2 * sum(w[:5] in folded for w in words) >= len(words)


def _by_surname(surname: str, question: str) -> bool:
    """The question writes this capitalized surname as a name of its own, no other capitalized word before it."""
    surname = surname.strip(".,;:'\u2019")
    if len(surname) < 4 or not surname[:1].isupper():
        return False
    for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", question):
        before = [w.strip("(\"'\u201c\u2018[") for w in question[:m.start()].split()]
        before = [w for w in before if w]
        word = before[-1].strip(".,;:").lower() if before else ""
        if word in _ATTRIBUTIVE or re.match(r"\s+[A-Z]", question[m.end():]):
            continue  # a thing named after someone ("the Holm bridge", "Which Lunde opera"), or part of a longer
            # name ("the Vardex School of Business")
        if not before or not before[-1][:1].isupper() or word in _OPENING_WORDS or word in ROLES or word in _TITLE_WORDS:
            return True
    return False


_ATTRIBUTIVE = frozenset("the a an which what whose this that these those".split())
# capitalized words that open a question, not a first name ("Did Lunde ...?", "When Holm ...")
_OPENING_WORDS = frozenset("""who whom whose what which when where why how did does do is was were are has had have
can could will would should and but so mr mrs ms dr captain capt""".split())


@lru("asking_terms", QUESTION)
def _asking_terms(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """The terms of the words that ask for a name ("which chinese ministry"), and their nouns ("ministry")."""
    found = [content_terms(m.group(0)) for pattern, kinds in ASKED if set(kinds) & set(NAMES)
             for m in pattern.finditer(question)]
    return frozenset(t for terms in found for t in terms), frozenset(terms[-1] for terms in found if terms)


@lru("without_asking", QUESTION)
def _without_asking(question: str) -> str:
    """The question's lowercase text without the words that ask for a name ("which chinese ministry")."""
    for pattern, kinds in ASKED:
        if set(kinds) & set(NAMES):
            question = pattern.sub(" ", question)
    return question.lower()

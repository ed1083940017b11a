"""A country written as its adjective: "anchored in Chinese territory" and "Japanese industrial strategy units"
say a place (China, Japan) without naming it. The tagger calls such a word a nationality (NORP), no place, so a
where- or which-country question whose only answer is written this way was declined.

``places_in_adjectives`` reads them as places, keyed by the country they name, so that "Chinese territory" and
"China" agree and "Japanese" answers "Which country ...?". Only an adjective before a lower-case word counts: "the
Chinese" (people) and "Chinese Academy of Sciences" (a name) do not.
"""

from __future__ import annotations

import re

from rag.claims.kinds import Value
from rag.claims.parse import name_key
from rag.text import content_terms

# adjective -> country, as news writes them
COUNTRY_OF = {
    "afghan": "Afghanistan", "albanian": "Albania", "algerian": "Algeria", "american": "United States",
    "angolan": "Angola", "argentine": "Argentina", "argentinian": "Argentina", "armenian": "Armenia",
    "australian": "Australia", "austrian": "Austria", "azerbaijani": "Azerbaijan", "bangladeshi": "Bangladesh",
    "belarusian": "Belarus", "belgian": "Belgium", "bolivian": "Bolivia", "bosnian": "Bosnia", "brazilian": "Brazil",
    "british": "Britain", "bulgarian": "Bulgaria", "burmese": "Myanmar", "cambodian": "Cambodia",
    "cameroonian": "Cameroon", "canadian": "Canada", "chilean": "Chile", "chinese": "China", "colombian": "Colombia",
    "congolese": "Congo", "croatian": "Croatia", "cuban": "Cuba", "cypriot": "Cyprus", "czech": "Czech Republic",
    "danish": "Denmark", "dutch": "Netherlands", "ecuadorian": "Ecuador", "egyptian": "Egypt", "emirati": "UAE",
    "english": "England", "estonian": "Estonia", "ethiopian": "Ethiopia", "filipino": "Philippines",
    "finnish": "Finland", "french": "France", "georgian": "Georgia", "german": "Germany", "ghanaian": "Ghana",
    "greek": "Greece", "guatemalan": "Guatemala", "hungarian": "Hungary", "icelandic": "Iceland", "indian": "India",
    "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel",
    "italian": "Italy", "ivorian": "Ivory Coast", "jamaican": "Jamaica", "japanese": "Japan", "jordanian": "Jordan",
    "kazakh": "Kazakhstan", "kenyan": "Kenya", "korean": "Korea", "kuwaiti": "Kuwait", "kyrgyz": "Kyrgyzstan",
    "laotian": "Laos", "latvian": "Latvia", "lebanese": "Lebanon", "libyan": "Libya", "lithuanian": "Lithuania",
    "malagasy": "Madagascar", "malawian": "Malawi", "malaysian": "Malaysia", "malian": "Mali", "mexican": "Mexico",
    "moldovan": "Moldova", "mongolian": "Mongolia", "moroccan": "Morocco", "mozambican": "Mozambique",
    "namibian": "Namibia", "nepalese": "Nepal", "nigerian": "Nigeria", "norwegian": "Norway", "omani": "Oman",
    "pakistani": "Pakistan", "palestinian": "Palestine", "panamanian": "Panama", "paraguayan": "Paraguay",
    "peruvian": "Peru", "polish": "Poland", "portuguese": "Portugal", "qatari": "Qatar", "romanian": "Romania",
    "russian": "Russia", "rwandan": "Rwanda", "saudi": "Saudi Arabia", "scottish": "Scotland",
    "senegalese": "Senegal", "serbian": "Serbia", "singaporean": "Singapore", "slovak": "Slovakia",
    "slovenian": "Slovenia", "somali": "Somalia", "spanish": "Spain", "sudanese": "Sudan", "swedish": "Sweden",
    "swiss": "Switzerland", "syrian": "Syria", "taiwanese": "Taiwan", "tajik": "Tajikistan", "tanzanian": "Tanzania",
    "thai": "Thailand", "tunisian": "Tunisia", "turkish": "Turkey", "ugandan": "Uganda", "ukrainian": "Ukraine",
    "uruguayan": "Uruguay", "uzbek": "Uzbekistan", "venezuelan": "Venezuela", "vietnamese": "Vietnam",
    "welsh": "Wales", "yemeni": "Yemen", "zambian": "Zambia", "zimbabwean": "Zimbabwe",
}

# the adjective, before a lower-case word (what it qualifies): not "the Chinese" alone, not "Chinese Academy"
# country (lower case) -> its adjectives: "denmark" -> ["danish"]
_ADJECTIVES_OF: dict[str, list[str]] = {}
for _adjective, _country in COUNTRY_OF.items():
    _ADJECTIVES_OF.setdefault(_country.lower(), []).append(_adjective)


def other_country_words(word: str) -> list[str]:
    """A country's adjectives, or an adjective's country, lower case ("Denmark" -> ["danish"], "Dutch" ->
    ["netherlands"]): the same country in a word that may share no stem with it; [] for other words."""
    word = re.sub(r"['\u2019]s$", "", word.lower())
    return _ADJECTIVES_OF.get(word, []) + ([COUNTRY_OF[word].lower()] if word in COUNTRY_OF else [])
_ADJECTIVE = re.compile(r"(?<![\w-])(" + "|".join(sorted((w.capitalize() for w in COUNTRY_OF), key=len, reverse=True))
                        + r")(?=\s+[a-z])")


def opens_with_adjective(phrase: str) -> bool:
    """The phrase opens with a country's adjective before a noun ("Danish inquiry")."""
    return _ADJECTIVE.match(phrase) is not None


def places_in_adjectives(text: str) -> list[Value]:
    """The countries a sentence writes as adjectives ("in Chinese territory"), each a place keyed by its country."""
    return [Value("place", m.group(1), key=name_key(COUNTRY_OF[m.group(1).lower()]), start=m.start(1), end=m.end(1))
            for m in _ADJECTIVE.finditer(text)]


# a nationality as a noun or an adjective, asked what nationality someone is: "nine Peruvians and one Bolivian"
_NATIONAL = re.compile(r"(?<![\w-])(" + "|".join(sorted((w.capitalize() for w in COUNTRY_OF), key=len, reverse=True))
                       + r")(?:s|es)?(?![\w-])")


def nationalities(text: str) -> list[Value]:
    """The nationalities a sentence says, nouns ("nine Peruvians", "one Bolivian") and adjectives ("a Thai diver"),
    each a place keyed by its country: what a question asking someone's nationality is answered with."""
    return [Value("place", m.group(0), key=name_key(COUNTRY_OF[m.group(1).lower()]), start=m.start(), end=m.end())
            for m in _NATIONAL.finditer(text)]


# "Which country's industrial strategy units ...?": the noun the country is asked of
_WHOSE = re.compile(r"\b(?:which|what)\s+(?:country|nation)['\u2019]s\s+((?:[a-z][\w-]*\s*){1,4})", re.I)
_LOCATIVE = re.compile(r"\b(?:in|at|inside|within|into|throughout|across)\s+(?:the\s+)?$", re.I)


# "Where are rare earth projects drawing investment?": where the things the question names are
_WHERE_IS = re.compile(r"^\W*(?:\w+\W+){0,8}?where\b", re.I)


def answering_places(text: str, question: str) -> list[Value]:
    """The countries written as adjectives that answer a question for a place: one after a locative preposition
    ("anchored in Chinese territory"), one qualifying the noun a "Which country's ...?" asks of ("Japanese
    industrial strategy units"), or, asked where, one qualifying what the question names ("Canadian rare earth
    projects receiving strategic investment", asked where rare earth projects are drawing investment). An
    adjective elsewhere ("dependence on Chinese processing") says whose a thing is, not where."""
    whose = _WHOSE.search(question)
    asked = set(content_terms(whose.group(1))) if whose else set()
    subject = set(content_terms(question)) if _WHERE_IS.search(question) else set()
    out = []
    for value in places_in_adjectives(text):
        qualified = set(content_terms(" ".join(re.split(r"[,;:.()]", text[value.end:])[0].split()[:4])))
        if _LOCATIVE.search(text[:value.start]) or asked & qualified or (
                len(subject & qualified) >= min(2, len(qualified))):
            out.append(value)
    return out


def named_as_adjective(value: Value, question: str) -> bool:
    """The question names this place by its adjective ("Chinese negotiators" names China): a place the question
    gives is no answer to it, whichever way it is written."""
    key = value.key or name_key(value.text)
    return any(name_key(COUNTRY_OF[w.lower()]) == key for w in re.findall(r"[A-Za-z]+", question)
               if w[:1].isupper() and w.lower() in COUNTRY_OF)

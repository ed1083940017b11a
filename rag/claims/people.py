"""Nouns that name a person by what they do or are ("footballer", "architect", "pensioner").

A which-question asks for a person when its class noun is one of these ("Which footballer survived ...?", "Which
architect offered ...?"); a follow-up's "the architect" refers to a person. The list holds the common nouns of
work, office, family and part in an event that news uses of people; nouns that name a body as often as a person
("producer", "operator", "carrier", "lender") are left out, since "Which producer ...?" asks for a company.
"""

from __future__ import annotations

import re

PERSON_NOUNS = frozenset("""
footballer goalkeeper keeper striker midfielder defender winger captain coach referee umpire cyclist swimmer
boxer wrestler golfer jockey skier sprinter gymnast cricketer batsman quarterback athlete player olympian
architect designer builder engineer mechanic technician electrician plumber carpenter labourer laborer
firefighter fireman paramedic surgeon physician doctor nurse dentist pharmacist psychologist psychiatrist
therapist artist painter sculptor photographer filmmaker writer novelist poet playwright author journalist
columnist editor correspondent commentator presenter blogger musician composer singer rapper guitarist drummer
pianist violinist dancer actor actress comedian priest bishop archbishop cardinal pope monk nun imam rabbi pastor
vicar cleric historian philosopher physicist chemist biologist geologist seismologist mathematician astronomer
economist sociologist scholar academic professor lecturer teacher student pupil scientist researcher expert
specialist analyst lawyer attorney barrister solicitor prosecutor judge magistrate detective inspector
investigator coroner soldier sergeant colonel lieutenant commander admiral marine sailor commando veteran spy
hacker whistleblower activist protester campaigner candidate senator congressman congresswoman governor mayor
councillor councilor ambassador envoy diplomat minister premier chancellor president monarch king queen prince
princess duke duchess emperor dictator rebel militant terrorist gunman attacker bomber assailant killer
murderer suspect defendant convict prisoner inmate hostage refugee migrant immigrant tourist visitor passenger
commuter motorist pedestrian witness eyewitness bystander survivor victim patient donor heir widow widower
orphan founder owner shareholder investor banker trader broker accountant auditor consultant executive chairman
chairwoman ceo boss spokesman spokeswoman spokesperson official bureaucrat politician lawmaker legislator
negotiator adviser advisor aide secretary employee worker staffer volunteer rescuer diver climber explorer
astronaut pilot crewman fisherman farmer pensioner retiree resident citizen villager homeowner landlord tenant
parent mother father son daughter wife husband brother sister grandmother grandfather uncle aunt cousin nephew
niece boy girl child kid teenager baby man woman person individual entrepreneur billionaire millionaire tycoon
magnate businessman businesswoman chef cook waiter bodyguard policeman policewoman officer constable sheriff
nominee appointee successor predecessor incumbent chief people forecaster dispatcher ranger trooper deputy marshal
chaplain counselor counsellor superintendent supervisor medic personality celebrity reporter pollster driver
neighbour neighbor trucker caretaker manager
""".split())


def _plural(word: str) -> str:
    """A pattern for the noun and its plural ("man" -> "m[ae]n", "party" -> "part(?:y|ies)")."""
    irregular = {"child": "child(?:ren)?", "person": "persons?", "wife": "wi(?:fe|ves)", "woman": "wom[ae]n",
                 "man": "m[ae]n", "chief": "chiefs?", "people": "people"}
    if word in irregular:
        return irregular[word]
    if word.endswith("man"):
        return word[:-3] + "m[ae]n"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "(?:y|ies)"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "(?:es)?"
    return word + "s?"


# the nouns and their plurals, longest first so "policewoman" is not read as "police"
# (and any "-ologist" or "-ographer": "meteorologist", "volcanologist", "oceanographer")
PERSON_NOUN = "(?:" + "|".join(_plural(w) for w in sorted(PERSON_NOUNS, key=len, reverse=True)) + \
    r"|[a-z]{3,}ologists?|[a-z]{3,}ographers?)\b"
_ONE = re.compile(PERSON_NOUN, re.I)


def is_person_noun(word: str) -> bool:
    """The word, singular or plural, names a person ("footballers", "architect", "policewomen")."""
    return _ONE.fullmatch(word.strip(".,;:'\u2019")) is not None


# the apposition after a name that calls it a person: by a noun of ``PERSON_NOUNS`` ("Eva Dahl, a local presenter,
# said", "..., the TV personality who ...", an answer's "..., the ship's pilot [1].") or by an age ("Tor Lunde, a
# 23-year-old who ...", "Lena Brandt, 54,")
_CALLED = re.compile(r"\s*,\s+(?:the|an?)\s+(?:[\w'\u2019-]+\s+){0,3}?([a-z]+)\b"
                     r"(?=\s*(?:\[\d+\]\s*)?(?:[,;.]|who\b|$))")
_AGED = re.compile(r"\s*,\s+(?:an?\s+)?\d{1,3}(?:-year-old\b|\s*,)")


def called_a_person(text: str, end: int) -> str | None:
    """What the apposition after the name ending at ``end`` calls it, when that is a person: its noun ("presenter"),
    "" for an age; None when it calls it nothing of the kind."""
    noun = called(text, end)
    if noun and is_person_noun(noun):
        return noun
    return "" if _AGED.match(text, end) else None


def called(text: str, end: int) -> str:
    """The noun the apposition after the name ending at ``end`` calls it ("Holm Heavy, the ship's manufacturer"
    -> "manufacturer"), lower case; "" when no apposition follows."""
    found = _CALLED.match(text, end)
    return found.group(1).lower() if found is not None else ""

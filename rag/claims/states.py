"""A U.S. state written short: news datelines and headlines give "SURFSIDE, Fla." or "FL Condo Collapse" where a
question names Florida. ``names(text, word)`` says whether the text names the state ``word`` (or its short form)
by its full name, its postal code or the abbreviation newswire style gives it.
"""

from __future__ import annotations

import re

from rag.caches import TEXT, lru

# state -> (postal code, newswire abbreviation); the states newswire style never shortens have only their code
_STATES: dict[str, tuple[str, ...]] = {
    "Alabama": ("AL", "Ala."), "Alaska": ("AK",), "Arizona": ("AZ", "Ariz."), "Arkansas": ("AR", "Ark."),
    "California": ("CA", "Calif."), "Colorado": ("CO", "Colo."), "Connecticut": ("CT", "Conn."),
    "Delaware": ("DE", "Del."), "Florida": ("FL", "Fla."), "Georgia": ("GA", "Ga."), "Hawaii": ("HI",),
    "Idaho": ("ID",), "Illinois": ("IL", "Ill."), "Indiana": ("IN", "Ind."), "Iowa": ("IA",),
    "Kansas": ("KS", "Kan."), "Kentucky": ("KY", "Ky."), "Louisiana": ("LA", "La."), "Maine": ("ME",),
    "Maryland": ("MD", "Md."), "Massachusetts": ("MA", "Mass."), "Michigan": ("MI", "Mich."),
    "Minnesota": ("MN", "Minn."), "Mississippi": ("MS", "Miss."), "Missouri": ("MO", "Mo."),
    "Montana": ("MT", "Mont."), "Nebraska": ("NE", "Neb."), "Nevada": ("NV", "Nev."),
    "New Hampshire": ("NH", "N.H."), "New Jersey": ("NJ", "N.J."), "New Mexico": ("NM", "N.M."),
    "New York": ("NY", "N.Y."), "North Carolina": ("NC", "N.C."), "North Dakota": ("ND", "N.D."), "Ohio": ("OH",),
    "Oklahoma": ("OK", "Okla."), "Oregon": ("OR", "Ore."), "Pennsylvania": ("PA", "Pa."),
    "Rhode Island": ("RI", "R.I."), "South Carolina": ("SC", "S.C."), "South Dakota": ("SD", "S.D."),
    "Tennessee": ("TN", "Tenn."), "Texas": ("TX",), "Utah": ("UT",), "Vermont": ("VT", "Vt."),
    "Virginia": ("VA", "Va."), "Washington": ("WA", "Wash."), "West Virginia": ("WV", "W.Va."),
    "Wisconsin": ("WI", "Wis."), "Wyoming": ("WY", "Wyo."),
}
# (codes that are English words in capitals, "IN", "OR", "ME", "OK", "HI", "ID", "DE", "LA", "CO", "MA", "PA", "AL",
# "MI", "MS", are read as the state only after a comma: "Portland, OR"; a headline's "OR" is no Oregon)
_WORDS = frozenset({"IN", "OR", "ME", "OK", "HI", "ID", "DE", "LA", "CO", "MA", "PA", "AL", "MI", "MS", "MO", "GA"})
_SHORT = {short: state for state, forms in _STATES.items() for short in forms}
_FOLDED = {state.lower(): state for state in _STATES}
_THE_COUNTRY = frozenset(("us", "usa", "united states", "america"))
# a state by its full name, in a text asked of the country (not those that name a country or a person too)
_ANY_STATE = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in sorted(_STATES, key=len, reverse=True)
                                            if s not in ("Georgia", "Washington")) + r")\b")


def state_of(word: str) -> str:
    """The state a word names by its full name or a short form ("Fla." -> "Florida"); "" for none."""
    word = word.strip(" ,;:'\u2019")
    return _FOLDED.get(word.lower(), "") or _SHORT.get(word, "") or _SHORT.get(word + ".", "")


@lru("state_forms", TEXT)
def _forms(text: str) -> frozenset[str]:
    """The states the text names by a short form."""
    found = set()
    for short, state in _SHORT.items():
        if short.endswith("."):  # "Fla.", "N.Y."
            pattern = rf"(?<![\w.]){re.escape(short)}"
        elif short in _WORDS:  # "Portland, OR"
            pattern = rf",\s*{short}(?![\w.'\u2019-])"
        else:  # "FL Condo Collapse"
            pattern = rf"(?<![\w.'\u2019-]){short}(?![\w.'\u2019-])"
        if re.search(pattern, text):
            found.add(state)
    return frozenset(found)


def names(text: str, word: str) -> bool:
    """The text names the state ``word`` (a full name or a short form) by another of its forms: "SURFSIDE, Fla."
    and "FL Condo Collapse" name Florida; "Florida" names "Fla."; a state named in full names the country ("USA")."""
    if word.strip(" ,;:'\u2019").lower().replace(".", "") in _THE_COUNTRY:
        return bool(_ANY_STATE.search(text))  # "sailed in the USA": "can be sailed its whole length in Missouri"
    state = state_of(word)
    if not state:
        return False
    return state in _forms(text) or bool(re.search(rf"\b{re.escape(state)}\b", text))

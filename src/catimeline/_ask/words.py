"""The words ``ask()`` knows besides names: filler, kinds, targets, causes, topics,
demonyms, project kinds and statuses.

A word of a question is one of these, part of a name in the timeline, part of a time
phrase, or it is refused.  Question words and common English words are filler here, so
they are never looked up as names and never "corrected" to one.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from catimeline import vocabulary as v

#: Words that carry no filter.  Prepositions that say how a name is used are below.
FILLER = frozenset(
    """
    a about all also an any anything are as be been being can could did do does done
    during each every everything find for get give happen happened happening happens
    has have how i is it its list me my of on or our please show so tell than that the
    their them there these they this those us was we were what whats when where which
    who whom why will would you regarding concerning occur occurred
    took take place places kind kinds sort type types any some many much
    signed sign signing made make deliveries delivery news story stories
    mention mentions mentioning mentioned containing contain contains word words
    """.split()
)
#: A name after one of these is where something happened: a country there is the country.
LOCATION = frozenset("in at to inside across into within near through".split())
#: A name after one of these took part: even a country is then a participant.
PARTICIPANT = frozenset("by with involving against from between including".split())
JOINING = frozenset(["and", "&"])

#: Target words: what the question asks for.
TARGETS: Mapping[str, str] = MappingProxyType(
    {
        "event": "events",
        "events": "events",
        "happenings": "events",
        "timeline": "events",
        "accident": "accidents",
        "accidents": "accidents",
        "project": "projects",
        "projects": "projects",
    }
)
#: Target words in the singular (a superlative with one of them asks for one item).
SINGULAR = frozenset(["event", "accident", "project", "incident", "investment", "loan"])


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "sh", "ch")) else "s")


#: Kind words, singular and plural, to kinds or groups.
KINDS: Mapping[str, str] = MappingProxyType(
    {
        **{k: k for k in v.EVENT_KINDS},
        **{_plural(k): k for k in v.EVENT_KINDS},
        **{g: g for g in v.KIND_GROUPS},
        **{_plural(g): g for g in v.KIND_GROUPS},
        **{g: g for g in v.READER_GROUPS},
        "policies": "policy",
        "ipos": "ipo",
        "strikes": "strike",
        "deal": "agreement",
        "deals": "agreement",
        "memorandum": "agreement",
        "memoranda": "agreement",
        "treaty": "agreement",
        "treaties": "agreement",
        "talks": "meeting",
        "demonstrations": "protest",
        "rallies": "protest",
        "listings": "ipo",
        "loan": "finance",
        "loans": "finance",
        "investment": "finance",
        "investments": "finance",
        "money": "finance",
        "credit": "finance",
        "credits": "finance",
        "financing": "finance",
        "funding": "finance",
        "lending": "finance",
        "diplomatic": "diplomacy",
        "visited": "visit",
        "visiting": "visit",
        "met": "meeting",
        "protested": "protest",
        "attacked": "attack",
        "invested": "finance",
        "lent": "finance",
        "borrowed": "finance",
        "fined": "fine",
        "arrested": "arrest",
        "sanctioned": "sanction",
        "dismissed": "dismissal",
        "appointed": "appointment",
        "legal": "legal",
        "violence": "violence",
    }
)

#: Accident causes, as a question words them (each implies the accidents target).
CAUSES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "fire": ("fire",),
        "fires": ("fire",),
        "electrocution": ("electrocution",),
        "electrocutions": ("electrocution",),
        "explosion": ("methane-explosion", "gas-explosion", "explosion"),
        "explosions": ("methane-explosion", "gas-explosion", "explosion"),
        "methane explosion": ("methane-explosion",),
        "methane explosions": ("methane-explosion",),
        "gas explosion": ("gas-explosion",),
        "gas explosions": ("gas-explosion",),
        "gas leak": ("gas-leak",),
        "gas leaks": ("gas-leak",),
        "rock collapse": ("rock-collapse",),
        "rockfall": ("rock-collapse",),
        "flooding": ("flooding",),
    }
)

#: Topic words: a full-text search (words of an event's text and tags), shown in ``.query``.
#: Mapped to the word searched: plurals to the singular, mining words to the prefix "mine".
TOPICS: Mapping[str, str] = MappingProxyType(
    {
        **{
            w: w
            for w in """
            coal gas oil solar wind hydropower drone migrant railway airport covid methane
            copper gold uranium grain steel pipeline remittance ppe water irrigation energy
            electricity port border aluminium metals logistics corridor ferry road
            telemedicine masks sinophobia media education culture agriculture wheat corn
            refinery renewables nuclear pandemic tariffs quarantine uighurs export import
            flood earthquake drought dam sanction visa labour worker student hospital
            """.split()
        },
        **{
            _plural(w): w
            for w in """drone migrant railway airport pipeline remittance port road refinery
            ferry corridor export import flood earthquake dam sanction worker student
            hospital""".split()
        },
        "covid-19": "covid",
        "coronavirus": "covid",
        "mine": "mine",
        "mines": "mine",
        "mining": "mine",
        "miner": "mine",
        "miners": "mine",
        "hydro": "hydropower",
        "hydroelectric": "hydropower",
        "rail": "railway",
        "railways": "railway",
        "migration": "migra",
        "tariff": "tariffs",
    }
)

#: In a projects question, topic words that are project kinds.
PROJECT_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "railway": "railway",
        "pipeline": "pipeline",
        "airport": "airport",
        "hydropower": "hydropower-plant",
        "port": "port",
        "road": "road",
        "refinery": "refinery",
        "corridor": "transport-corridor",
    }
)

#: Project statuses as a question words them.
STATUSES: Mapping[str, str] = MappingProxyType(
    {
        "announced": "announced",
        "agreed": "agreed",
        "financed": "financed",
        "cancelled": "cancelled",
        "canceled": "cancelled",
        "completed": "completed",
        "finished": "completed",
        "suspended": "suspended",
        "delayed": "delayed",
        "operating": "operating",
        "proposed": "proposed",
        "planned": "proposed",
    }
)

#: Demonyms and adjectives of countries: the country's actors, affiliated ones included.
DEMONYMS: Mapping[str, str] = MappingProxyType(
    {
        "chinese": "China",
        "kazakh": "Kazakhstan",
        "kazakhstani": "Kazakhstan",
        "kyrgyz": "Kyrgyzstan",
        "kirghiz": "Kyrgyzstan",
        "tajik": "Tajikistan",
        "uzbek": "Uzbekistan",
        "turkmen": "Turkmenistan",
        "russian": "Russia",
        "american": "United States",
        "iranian": "Iran",
        "pakistani": "Pakistan",
        "indian": "India",
        "afghan": "Afghanistan",
        "ukrainian": "Ukraine",
        "turkish": "Turkey",
        "azerbaijani": "Azerbaijan",
        "armenian": "Armenia",
        "georgian": "Georgia",
        "panamanian": "Panama",
    }
)

#: Regions a question names that are several countries (the event's country, any of them).
REGIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"central asia": ("KZ", "KG", "TJ", "UZ", "TM")}
)

#: Every word this module knows, for "did you mean" among the grammar's own words.
KNOWN = frozenset([*TARGETS, *KINDS, *CAUSES, *TOPICS, *STATUSES, *DEMONYMS])

__all__ = [
    "CAUSES",
    "DEMONYMS",
    "FILLER",
    "JOINING",
    "KINDS",
    "KNOWN",
    "LOCATION",
    "PARTICIPANT",
    "PROJECT_KINDS",
    "REGIONS",
    "SINGULAR",
    "STATUSES",
    "TARGETS",
    "TOPICS",
]

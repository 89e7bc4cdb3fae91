"""The controlled vocabularies: event kinds and their groups, roles, causes, statuses.

One place defines every word the seeds and the query layer may use, so that a
curator's typo is caught by validation and ``kind="incident"`` means the same
thing everywhere.  Each entry maps the word to a one-line meaning, which the
documentation and ``catimeline validate`` show.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Event kinds, grouped.  A group name is also accepted wherever a kind is.
KIND_GROUPS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "incident": MappingProxyType(
            {
                "accident": "an industrial, mining or transport accident",
                "attack": "a deliberate attack on people or property",
                "clash": "a violent clash between groups, crowds or armed forces",
            }
        ),
        "hazard": MappingProxyType(
            {
                "disaster": "a natural disaster: earthquake, flood, mudslide, drought",
                "epidemic": "an epidemic milestone: first cases, lockdowns, case counts",
            }
        ),
        "unrest": MappingProxyType(
            {
                "protest": "a protest, rally or demonstration",
                "strike": "a labour strike or walk-out",
            }
        ),
        "diplomacy": MappingProxyType(
            {
                "visit": "an official visit by a leader or delegation",
                "meeting": "a meeting, forum or talks between parties",
                "summit": "a summit of an international organisation or format",
                "agreement": "an agreement, memorandum or treaty signed or announced",
                "statement": "a public statement, announcement, promise or warning",
                "aid": "humanitarian or medical aid sent or received",
            }
        ),
        "economy": MappingProxyType(
            {
                "investment": "an investment made, pledged or announced",
                "loan": "a loan or credit line granted, drawn or owed",
                "grant": "a grant or other non-repayable funding",
                "contract": "a commercial contract or deal between companies",
                "trade": "trade flows, exports, imports, prices or tariffs",
                "production": "output figures or production plans of an industry",
                "acquisition": "a purchase, sale, nationalisation or change of owner",
                "ipo": "a share listing or public offering",
                "debt": "a debt figure, default, restructuring or repayment",
            }
        ),
        "project": MappingProxyType(
            {
                "milestone": "a project milestone: launch, construction start, commissioning",
            }
        ),
        "politics": MappingProxyType(
            {
                "policy": "a government policy decision, programme or emergency measure",
                "law": "a law, decree or regulation proposed, passed or changed",
                "election": "an election or referendum",
                "appointment": "a person appointed, elected to or taking an office",
                "dismissal": "a person dismissed, resigning or removed from office",
                "sanction": "sanctions, bans or restrictions imposed on a party",
            }
        ),
        "legal": MappingProxyType(
            {
                "inspection": "an inspection or safety audit",
                "investigation": "a criminal or official investigation opened",
                "fine": "a fine or penalty imposed",
                "arrest": "an arrest or detention",
                "trial": "a trial, charge, verdict or sentence",
            }
        ),
        "information": MappingProxyType(
            {
                "report": "a report, study, poll or ranking published",
                "other": "a dated happening that fits no other kind (say why in notes)",
            }
        ),
    }
)

#: Groups a reader means, cutting across :data:`KIND_GROUPS` (a kind can be in several).
#: Accepted wherever a kind is, like the groups above.
READER_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        # Money lent, given, invested or owed.  The query also counts any event
        # carrying a money figure, outside the incident and hazard groups, as finance
        # (MONEY_EXCLUDED_GROUPS): a pledge or a plan with a price is findable so.
        "finance": ("investment", "loan", "grant", "debt", "acquisition", "ipo"),
        # What a reader of mine and plant safety looks for.
        "safety": ("accident", "disaster", "inspection", "investigation", "fine"),
        # Violence of any kind, by people.
        "violence": ("attack", "clash"),
    }
)

#: Kinds that are often reported as a figure of another event rather than as an event of
#: their own (a statement giving a country's debt): asked for by name, such a kind also
#: matches the events carrying a figure of that name (``{name: debt, ...}``).
FIGURE_KINDS: tuple[str, ...] = READER_GROUPS["finance"]

#: Groups whose events a money figure does not make "finance" (a funeral payment
#: after an accident is not a loan).
MONEY_EXCLUDED_GROUPS: tuple[str, ...] = ("incident", "hazard")

#: Every kind, flattened: kind -> meaning.
EVENT_KINDS: Mapping[str, str] = MappingProxyType(
    {kind: meaning for group in KIND_GROUPS.values() for kind, meaning in group.items()}
)

#: The group each kind belongs to.
GROUP_OF_KIND: Mapping[str, str] = MappingProxyType(
    {kind: group for group, kinds in KIND_GROUPS.items() for kind in kinds}
)

#: Roles an actor can play in an event or project.
ROLES: Mapping[str, str] = MappingProxyType(
    {
        "operator": "runs the facility or project",
        "owner": "owns the facility, company or project",
        "investor": "puts money in as equity",
        "financier": "lends or grants the money",
        "borrower": "receives a loan",
        "contractor": "builds or supplies under contract",
        "developer": "develops the project",
        "partner": "one of several parties to a deal or project",
        "signatory": "signs an agreement",
        "host": "hosts a visit, meeting or summit",
        "visitor": "travels to visit",
        "attendee": "takes part in a meeting or summit",
        "announcer": "announces or reports the happening",
        "perpetrator": "carries out an attack or wrongdoing",
        "victim": "suffers harm",
        "target": "is the object of an attack, sanction or protest",
        "protester": "protests",
        "regulator": "inspects, fines or regulates",
        "investigator": "investigates",
        "defendant": "is charged, tried or detained",
        "donor": "gives aid or a grant",
        "recipient": "receives aid, a grant or an appointment",
        "buyer": "buys",
        "seller": "sells",
        "subject": "the person or body the event is about",
        "official": "acts for a government or organisation in the event",
        "mediator": "mediates between parties",
        "participant": "takes part in some other way",
    }
)

#: Causes of accidents.
CAUSES: Mapping[str, str] = MappingProxyType(
    {
        "methane-explosion": "an explosion of methane (firedamp)",
        "gas-outburst": "a sudden outburst of gas from the rock",
        "gas-explosion": "an explosion of gas of unstated kind",
        "explosion": "an explosion of unstated origin",
        "fire": "a fire",
        "rock-collapse": "a collapse of rock, roof or wall",
        "flooding": "water or mud breaking in",
        "electrocution": "an electric shock",
        "vehicle": "a vehicle or transport accident",
        "fall": "a fall from height or into a shaft",
        "gas-leak": "a leak of toxic gas",
        "equipment": "a failure of equipment or machinery",
        "unknown": "not stated in the sources",
    }
)

#: Project statuses, in the order a project usually passes through them.
STATUSES: Mapping[str, str] = MappingProxyType(
    {
        "proposed": "suggested or under study, not yet decided",
        "announced": "publicly announced as going ahead",
        "agreed": "an agreement between the parties has been signed",
        "financed": "the money has been committed",
        "under-construction": "being built",
        "completed": "built or finished",
        "operating": "in service",
        "delayed": "behind its schedule",
        "suspended": "work stopped for now",
        "cancelled": "abandoned",
    }
)

#: Actor kinds.
ACTOR_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "person": "a person",
        "company": "a private or listed company",
        "state-company": "a company owned by a state",
        "government-body": "a ministry, agency, parliament, court or local government",
        "country": "a state acting as a whole",
        "international-organisation": "an intergovernmental organisation or bank",
        "media": "a news outlet or publisher",
        "group": "a movement, party, union, community or armed group",
        "other": "anything else",
    }
)

#: Place kinds.  Facilities are the kinds that can have owners and operators.
PLACE_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "country": "a sovereign state",
        "region": "a province, oblast, region or autonomous area",
        "district": "a district inside a region",
        "city": "a city or town",
        "village": "a village or settlement",
        "mine": "a mine or quarry",
        "plant": "a factory, plant, refinery or smelter",
        "power-plant": "a power station of any kind",
        "deposit": "a mineral, coal, oil or gas deposit or field",
        "border-crossing": "a border crossing point",
        "logistics-hub": "a dry port, logistics centre or free-trade zone",
        "port": "a sea or river port",
        "airport": "an airport",
        "building": "a building or site",
        "natural-feature": "a river, lake, mountain or valley",
        "area": "a wider area spanning borders",
    }
)

#: How a date was reached.
DATE_HOW: Mapping[str, str] = MappingProxyType(
    {
        "stated": "the text states the date at the precision given",
        "inferred": "worked out from the article's own time (say how in notes)",
        "footnote": "taken from a footnote or reference of the document",
        "outside": "confirmed outside the documents (notes say where)",
    }
)

#: Kinds of other names.
NAME_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "alias": "another name in use",
        "abbreviation": "a short form or acronym",
        "transliteration": "another spelling from another script",
        "misspelling": "a wrong spelling printed by a source",
        "former": "a name the actor or place held before (give from/until)",
        "translation": "the name in another language",
    }
)

#: Relations between actors.
RELATION_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "successor-of": "took over from the other actor",
        "subsidiary-of": "is owned and controlled by the other actor",
        "part-of": "is a unit of the other actor (a ministry of a government)",
        "member-of": "is a member of the other actor",
        "owned-by": "is owned, wholly or in part, by the other actor",
        "head-of": "leads the other actor (a president, chairman, director)",
        "official-of": "holds another office in the other actor",
    }
)

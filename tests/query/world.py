"""Records added on top of the test fixture to exercise the query's readings: a second
country with its bank, company and embassy, two ministries sharing an alias, a parent
company with a chain of subsidiaries, money in several currencies, an open-ended date,
transliterated names, and projects with other names and statuses."""

from __future__ import annotations

import catimeline as ct
from catimeline._model import Name, Participant, Quantity, Relation, StatusChange
from catimeline._seeds import seed_if_changed
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS
from tests.helpers import cited


def _p(actor: str, role: str = "participant") -> Participant:
    return Participant(actor, role)


ACTORS = [
    ct.Actor("china", "China", "country", country="CN"),
    ct.Actor("china-eximbank", "China Eximbank", "state-company", country="CN"),
    ct.Actor("east-hope", "East Hope Group", "company", country="CN"),
    ct.Actor(
        "chinese-embassy",
        "Embassy of China in Kyrgyzstan",
        "government-body",
        country="CN",
        relations=[Relation("part-of", "china")],
    ),
    ct.Actor(
        "kz-mfa",
        "Ministry of Foreign Affairs of Kazakhstan",
        "government-body",
        country="KZ",
        names=[Name("Foreign Ministry")],
    ),
    ct.Actor(
        "cn-mfa",
        "Ministry of Foreign Affairs of China",
        "government-body",
        country="CN",
        names=[Name("Foreign Ministry")],
    ),
    ct.Actor("steel-holding", "Steel Holding", "company"),
    ct.Actor(
        "holding-logistics",
        "Holding Logistics",
        "company",
        relations=[Relation("subsidiary-of", "steel-holding")],
    ),
    ct.Actor(
        "depot-unit",
        "Depot Unit",
        "company",
        relations=[Relation("part-of", "holding-logistics")],
    ),
    ct.Actor("city-akimat", "City Akimat", "government-body", names=[Name("Akimat")]),
    ct.Actor(
        "akimat-office",
        "Akimat Press Office",
        "government-body",
        names=[Name("Akimat")],
        relations=[Relation("part-of", "city-akimat")],
    ),
    ct.Actor("kassym-tokayev", "Kassym Tokayev", "person", country="KZ"),
]

PLACES = [
    ct.Place("china", "China", "country", country="CN"),
    ct.Place("qaraghandy", "Qaraghandy", "city", parent="kazakhstan", country="KZ"),
    ct.Place("twin-town-kz", "Twin Town", "city", parent="kazakhstan", country="KZ"),
    ct.Place("twin-town-kg", "Twin Town", "city", parent="kyrgyzstan", country="KG"),
    ct.Place("deep-pit-region", "Deep Pit", "region", parent="kazakhstan", country="KZ"),
    ct.Place("deep-pit-mine", "Deep Pit", "mine", parent="deep-pit-region", country="KZ"),
]

PROJECTS = [
    ct.Project(
        "desert-railway",
        "Desert Railway",
        "railway",
        names=[Name("DRW", "abbreviation"), Name("Kambar-Ata Line")],
        status=[StatusChange("announced", "2018"), StatusChange("under-construction", "2020")],
    ),
    ct.Project(
        "another-line",
        "Another Line",
        "railway",
        status=[StatusChange("announced", "2019")],
    ),
    ct.Project(
        "zenith-dam",
        "Zenith Dam",
        "hydropower-plant",
        participants=[_p("holding-logistics", "contractor")],
        status=[StatusChange("under-construction", "2021")],
    ),
]

EVENTS = [
    ct.Event(
        "eximbank-loan-2021",
        "2021-03",
        "loan",
        "China Eximbank lends to Kyrgyzstan",
        country="KG",
        participants=[_p("china-eximbank", "financier"), _p("kyrgyzstan", "borrower")],
        figures=[Quantity("amount", 5.0e8, "USD")],
    ),
    ct.Event(
        "east-hope-pledge-2022",
        "2022-05",
        "statement",
        "East Hope pledges a smelter",
        country="KZ",
        participants=[_p("east-hope", "announcer")],
        figures=[Quantity("amount", 1.2e9, "USD")],
        tags=["aluminium-smelter"],
    ),
    ct.Event(
        "tenge-grant-2022",
        "2022-08",
        "statement",
        "A grant promised in tenge",
        country="KZ",
        participants=[_p("city-akimat", "announcer")],
        figures=[Quantity("amount", 9.0e9, "KZT")],
    ),
    ct.Event(
        "kz-cn-agreement-2023",
        "2023-09-02",
        "agreement",
        "Kazakhstan and China sign a transit agreement",
        country="KZ",
        participants=[_p("kazakhstan", "signatory"), _p("china", "signatory")],
    ),
    ct.Event(
        "kz-agreement-2023",
        "2023-04",
        "agreement",
        "Kazakhstan signs a water agreement",
        country="KZ",
        participants=[_p("kazakhstan", "signatory")],
    ),
    ct.Event(
        "embassy-statement-2023",
        "2023-06",
        "statement",
        "The Chinese embassy comments on trade",
        country="KG",
        participants=[_p("chinese-embassy", "announcer")],
    ),
    ct.Accident(
        "funeral-payment-accident-2019",
        "2019-02-11",
        "accident",
        "Two die in a depot; families paid",
        country="KZ",
        participants=[_p("depot-unit", "operator")],
        figures=[Quantity("amount", 2.0e6, "KZT")],
        deaths=2,
        injured=7,
        cause="fall",
        operator="depot-unit",
    ),
    ct.Event(
        "railway-works-2024",
        "2024-07/..",
        "milestone",
        "Works begin on the Desert Railway",
        country="KZ",
        project="desert-railway",
        participants=[_p("steel-holding", "contractor")],
    ),
    ct.Event(
        "covid-lockdown-2020",
        "2020-03-19",
        "policy",
        "COVID-19 lockdown declared",
        country="KZ",
        participants=[_p("kassym-tokayev", "announcer")],
    ),
    ct.Event(
        "crew-of-19-2020",
        "2020-04",
        "other",
        "A crew of 19 rescued",
        country="KG",
    ),
    ct.Event(
        "office-notice-2021",
        "2021-09",
        "statement",
        "The akimat press office issues a notice",
        country="KZ",
        participants=[_p("akimat-office", "announcer")],
    ),
]


def build(tl: ct.Timeline) -> None:
    """Load the fixture seeds and the records above into ``tl``."""
    seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
    tl.add(cited([*ACTORS, *PLACES, *PROJECTS, *EVENTS]))

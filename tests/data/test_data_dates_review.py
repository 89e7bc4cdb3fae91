"""Dates the data review settled: each is checked against what the documents (or the page a
footnote cites) support, at the precision they support and no finer."""

from __future__ import annotations

import pytest

import catimeline as ct
from tests.data.review import events


def test_jack_ma_norov_meeting_is_the_day_of_the_meeting() -> None:
    """The Jack Ma-Norov meeting is dated 26 August 2019 (the day the page cited by footnote 58
    gives), reached outside the document, not the page's publication date of 29 August."""
    event = events()["jack-ma-norov-meeting-2019"]
    assert str(event.date) == "2019-08-26"
    assert event.date_how == "outside"
    assert "29 August 2019" in (event.notes or "")


@pytest.mark.parametrize(
    ("event_id", "earliest", "latest"),
    [
        # The ownership change came after the fire of 28 October 2023, within 2023.
        ("qarmet-ownership-change-2023", "2023-10-29", "2023-12-31"),
        # Fined after the inspection of 8 June 2022, before the September 2022 visit.
        ("amt-fined-2022", "2022-06-08", "2022-09-30"),
        # "A few days after" 10 June 2022: from the next day, within June.
        ("amt-plant-boiler-fall-2022", "2022-06-11", "2022-06-30"),
        # The follow-ups of the 17 February 2025 collapse and drone attack.
        ("kazakhmys-zhomart-compensation-2025", "2025-02-17", "2025-02-28"),
        ("zhomart-government-commission-2025", "2025-02-17", "2025-02-28"),
        ("tokayev-zhomart-condolences-2025", "2025-02-17", "2025-02-28"),
        ("cpc-kropotkinskaya-damage-commission-2025", "2025-02-17", "2025-02-28"),
        ("umarov-cpc-vulnerability-comment-2025", "2025-02-17", "2025-02-28"),
    ],
)
def test_narrowed_date_bounds(event_id: str, earliest: str, latest: str) -> None:
    """The event's stated bounds are exactly those the text supports."""
    event = events()[event_id]
    assert str(event.date.earliest) == earliest
    assert str(event.date.latest) == latest
    assert event.date_how == "inferred"


def test_follow_ups_sort_after_the_happening_they_follow() -> None:
    """The boiler fall sorts after the furnace collapse it followed, and every February 2025
    follow-up after the happening of 17 February it followed."""
    e = events()
    pairs = [
        ("amt-furnace-roof-collapse-2022", "amt-plant-boiler-fall-2022"),
        ("zhomart-mine-collapse-2025", "kazakhmys-zhomart-compensation-2025"),
        ("zhomart-mine-collapse-2025", "zhomart-government-commission-2025"),
        ("zhomart-mine-collapse-2025", "tokayev-zhomart-condolences-2025"),
        ("kropotkinskaya-drone-attack-2025", "cpc-kropotkinskaya-damage-commission-2025"),
        ("kropotkinskaya-drone-attack-2025", "umarov-cpc-vulnerability-comment-2025"),
    ]
    for first, then in pairs:
        assert e[first].date < e[then].date, (first, then)


#: Events whose text gives an early/mid/late part of a month and a footnote dates a report:
#: the part-of-month window (early 1-10, mid 11-20, late 21-end, first half 1-15, "by mid-month"
#: 1-20), its end capped by the footnoted report when that comes earlier.
PART_OF_MONTH = {
    "masanchi-ethnic-clashes-2020": "2020-02-01/2020-02-10",
    "at-bashi-logistics-centre-cancelled-2020": "2020-02-11/2020-02-18",
    "uzbekistan-medical-aid-to-china-2020": "2020-02-01/2020-02-12",
    "kazakhstan-medical-aid-to-china-2020": "2020-02-01/2020-02-03",
    "kyrgyzstan-security-council-seeks-china-aid-2020": "2020-03-01/2020-03-16",
    "china-aid-kyrgyzstan-medics-2020": "2020-03-21/2020-03-26",
    "china-aid-uzbekistan-2020": "2020-03-21/2020-03-30",
    "chinese-embassy-ppe-kyrgyz-border-guards-2020": "2020-04-21/2020-04-24",
    "pla-aid-uzbekistan-armed-forces-2020": "2020-05-01/2020-05-13",
    "pla-aid-kyrgyzstan-military-2020": "2020-05-01/2020-05-17",
    "pla-aid-tajikistan-military-2020": "2020-05-01/2020-05-17",
    "xinjiang-doctors-tour-kazakhstan-2020": "2020-04-01/2020-04-10",
    "sco-alibaba-covid-seminar-2020": "2020-05-11/2020-05-14",
    "dushanbe-airport-chinese-diplomats-quarantine-row-2020": "2020-02-01/2020-02-09",
    "chinese-article-kazakhstan-return-to-china-2020": "2020-04-11/2020-04-14",
    "china-russia-us-biolabs-campaign-2020": "2020-05-01/2020-05-10",
    "kyrgyzstan-road-projects-chinese-workers-leave-2020": "2020-03-01/2020-03-04",
    "tajikistan-first-covid-cases-2020": "2020-04-21/2020-04-30",
}


@pytest.mark.parametrize(("event_id", "edtf"), sorted(PART_OF_MONTH.items()))
def test_part_of_month_footnote_rule(event_id: str, edtf: str) -> None:
    """Each early/mid/late-month event bounded by a footnote follows the one rule, and says so."""
    event = events()[event_id]
    assert str(event.date) == edtf
    assert event.date_how == "footnote"
    assert "Part-of-month rule" in (event.notes or "")


@pytest.mark.parametrize("window", ["2023-08", "2025", "2026-12"])
def test_kyrgyz_energy_emergency_period_is_found_by_date(curated: ct.Timeline, window: str) -> None:
    """A Kyrgyz policy event spanning August 2023 to December 2026 is found for any date
    inside that period."""
    found = curated.events(country="KG", kind="policy", during=window)
    spans = {str(e.date) for e in found}
    assert "2023-08/2026-12" in spans

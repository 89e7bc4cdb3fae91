"""Each filter of ``Timeline.events`` narrows the results as documented, on both backends."""

from __future__ import annotations

import catimeline as ct


def test_actor_filter_matches_current_name(fx: ct.Timeline) -> None:
    """An actor's current name finds the events it took part in or operated."""
    ids = fx.events(actor="Northern Steel").ids
    assert "pit-one-fire-2023" in ids
    assert "lake-town-protest-2020" not in ids


def test_actor_filter_matches_former_name_abbreviation_and_misspelling(fx: ct.Timeline) -> None:
    """A former name, an abbreviation and a misspelling answer exactly like the current name."""
    current = fx.events(actor="Northern Steel").ids
    assert fx.events(actor="Steppe Metal Works").ids == current
    assert fx.events(actor="NS").ids == current
    assert fx.events(actor="nothern steel").ids == current


def test_actor_filter_accepts_id_object_and_list(fx: ct.Timeline) -> None:
    """An id, an Actor object, and a list (any of) are accepted."""
    by_id = fx.events(actor="northern-steel").ids
    assert fx.events(actor=fx.actor("NS")).ids == by_id
    both = fx.events(actor=["NS", "Copper Union"]).ids
    assert set(by_id) < set(both)
    assert "lake-power-investment-2019" in both


def test_why_names_the_alias_used(fx: ct.Timeline) -> None:
    """Each result says which name of the actor it was matched under."""
    results = fx.events(actor="Steppe Metal Works", kind="accident")
    assert "Steppe Metal Works (former)" in str(results.why(0))


def test_kind_group_incident_covers_accidents_and_attacks(fx: ct.Timeline) -> None:
    """The group 'incident' covers accidents, attacks and clashes, not protests."""
    kinds = {e.kind for e in fx.events(kind="incident")}
    assert kinds == {"accident", "attack"}


def test_kind_single(fx: ct.Timeline) -> None:
    """A single kind returns only events of that kind."""
    assert fx.events(kind="protest").ids == ("lake-town-protest-2020",)


def test_country_by_code_and_by_name(fx: ct.Timeline) -> None:
    """A country filter takes an ISO code or any name of the country."""
    by_code = fx.events(country="KG").ids
    assert by_code == fx.events(country="Kyrgyzstan").ids
    assert set(by_code) == {"lake-town-protest-2020", "lake-power-investment-2019"}
    assert fx.events(country="Qazaqstan").ids == fx.events(country="kz").ids


def test_place_includes_everything_inside(fx: ct.Timeline) -> None:
    """A region finds events at the mines and cities inside it."""
    ids = fx.events(place="North Region").ids
    assert {"pit-one-accident-2020", "steel-city-depot-attack-2022"} <= set(ids)
    assert "lake-town-protest-2020" not in ids


def test_project_filter(fx: ct.Timeline) -> None:
    """A project filter by name or id finds its linked events."""
    assert fx.events(project="Lake Power Plant").ids == ("lake-power-investment-2019",)
    assert fx.events(project="lake-power-plant").ids == ("lake-power-investment-2019",)


def test_text_filter_searches_titles_and_names(fx: ct.Timeline) -> None:
    """Free text matches titles, case-insensitively, and participants' names."""
    assert fx.events(text="DEPOT").ids == ("steel-city-depot-attack-2022",)
    assert "supply-deal-2021" in fx.events(text="copper union").ids


def test_order_limit_and_keyset_paging(fx: ct.Timeline) -> None:
    """Pages fetched with limit and after= join up to the whole ordered list, in both orders."""
    for order in ("date", "-date"):
        everything = fx.events(order=order).ids
        pages: list[str] = []
        after = None
        while True:
            page = fx.events(order=order, limit=3, after=after)
            if not page:
                break
            pages.extend(page.ids)
            after = page[-1].id
        assert pages == list(everything)
    dates = [e.date for e in fx.events()]
    assert dates == sorted(dates)


def test_accident_filters(fx: ct.Timeline) -> None:
    """accidents() adds min_deaths, cause and operator filters and returns Accidents."""
    results = fx.accidents(min_deaths=2)
    assert results.ids == ("pit-one-accident-2020", "pit-one-fire-2023")
    assert all(isinstance(a, ct.Accident) for a in results)
    assert fx.accidents(cause="fire").ids == ("pit-one-fire-2023",)
    assert len(fx.accidents(operator="Steppe Metal Works")) == 3


def test_results_query_reads_as_text(fx: ct.Timeline) -> None:
    """results.query renders the resolved filters as a sentence."""
    text = str(fx.events(actor="NS", kind="incident", since="2021").query)
    assert "actor in (northern-steel)" in text
    assert "kind in (accident, attack, clash)" in text
    assert "2021-01-01" in text

"""``_repr_html_()`` of Results and single records: complete, cited and escaped."""

from __future__ import annotations

import catimeline as ct
from catimeline._html import MAX_ROWS


def test_results_html_lists_every_title_and_the_query(fx: ct.Timeline) -> None:
    """The Results table has a row per item and is headed by the count and the query."""
    results = fx.events(kind="accident")
    html = results._repr_html_()
    assert all(e.title in html for e in results)
    assert f"{len(results)} results" in html
    assert "accident" in html and "ordered by date" in html


def test_results_html_cites_sources_by_title_and_span(fx: ct.Timeline) -> None:
    """Each row cites its source by title and publisher, with the character span."""
    html = fx.events(kind="accident")._repr_html_()
    assert "<i>Fixture Gazette</i>, Fixture Press" in html
    assert "characters 58–159" in html


def test_results_html_names_actors(fx: ct.Timeline) -> None:
    """Actor ids are shown as the names the actors had on the event's date."""
    html = fx.events(text="supply deal")._repr_html_()
    assert "Copper Union, Steppe Metal Works" in html


def test_long_results_html_is_cut_with_a_count_of_the_rest() -> None:
    """Past MAX_ROWS rows, the table stops and says how many more there are."""
    events = [ct.Event(f"e{i}", "2020", "other", f"Event {i}") for i in range(MAX_ROWS + 7)]
    html = ct.Results(events, None)._repr_html_()
    assert f"Event {MAX_ROWS - 1}<" in html
    assert f"Event {MAX_ROWS}<" not in html
    assert "and 7 more" in html


def test_results_html_escapes_text() -> None:
    """Markup in titles is shown as text, never interpreted."""
    event = ct.Event("e1", "2020", "other", "<script>alert('x')</script> & co")
    html = ct.Results([event], None)._repr_html_()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in html


def test_event_html_shows_date_bounds_toll_and_citations() -> None:
    """An accident's card gives its EDTF date with bounds, its toll and its citations."""
    event = ct.Accident(
        "a1",
        "2021-11~",
        "accident",
        "Blast",
        citations=[ct.Citation("src-1", 10, 99)],
        deaths=6,
        cause="methane-explosion",
    )
    html = event._repr_html_()
    assert "2021-11~" in html and "2021-11-01 to 2021-11-30" in html and "approximate" in html
    assert "<th>deaths</th><td>6</td>" in html
    assert "src-1, characters 10–99" in html


def test_event_html_escapes_every_field() -> None:
    """Summaries, notes and tags are escaped as well as the title."""
    event = ct.Event("e1", "2020", "other", "T", summary="<b>x</b>", notes="<i>", tags=["<t>"])
    html = event._repr_html_()
    assert "<b>x</b>" not in html and "<i>" not in html.replace("<i>Fixture", "")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "&lt;t&gt;" in html


def test_actor_html_shows_names_over_time(fx: ct.Timeline) -> None:
    """An actor's card lists its other names with their type and dates."""
    html = fx.actor("NS")._repr_html_()
    assert "Northern Steel" in html
    assert "Steppe Metal Works <span class='ct-muted'>former</span> (../2022-06)" in html


def test_place_html_shows_parent_and_coordinates(fx: ct.Timeline) -> None:
    """A place's card gives what it lies inside and its coordinates."""
    html = fx.place("steel-city")._repr_html_()
    assert "north-region" in html and "50.0000, 73.0000" in html


def test_project_html_shows_status_history_and_planned_steps(fx: ct.Timeline) -> None:
    """A project's card lists its dated status steps, marking planned ones, with citations."""
    html = fx.project("lake-power-plant")._repr_html_()
    assert "2019 announced" in html
    assert "2027 completed <span class='ct-muted'>(planned)</span>" in html
    assert "fx-gazette, characters 560–658" in html

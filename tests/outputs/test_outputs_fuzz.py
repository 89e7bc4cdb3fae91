"""Property-based fuzzing of the export writers with hostile text in every field: each
writer returns text its readers parse (or raises a CatimelineError), formulas stay
neutralised, calendar lines stay free of control characters, and no text closes the
HTML page's inline script.

CI runs a modest number of examples; ``CATIMELINE_FUZZ_EXAMPLES`` runs more.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html import escape

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import catimeline as ct
from catimeline._cells import FORMULA_STARTS

EXAMPLES = int(os.environ.get("CATIMELINE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HTML_FUZZ = settings(
    max_examples=max(EXAMPLES // 4, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

NASTY = st.sampled_from(
    [
        "</script><script>alert(1)</script>",
        "</SCRIPT >",
        "<!--",
        "<img src=x onerror=alert(1)>",
        '=HYPERLINK("http://x")',
        "+1",
        "-1",
        "@x",
        "\t=1",
        "\r=1",
        "a\rb",
        "\x00\x1b\x7f\x85",
        "\u2028\u2029",
        "\ud800",
        "\\;,:",
        '"quoted", text',
        "Қарағанды 🔥",
        "\ufeff",
        "]]>",
        "{{x}}",
        "${x}",
        "",
    ]
)
TEXT = st.one_of(
    NASTY, st.text(max_size=40), st.builds(lambda a, b: a + b, NASTY, st.text(max_size=10))
)
DATES = st.sampled_from(
    [
        "2020-05-10",
        "2021-11",
        "2022",
        "199X",
        "2019/2021",
        "../2018-03",
        "2024-07/..",
        "2021-11~",
        "0001-01-01",
        "9999-12-31",
        "9999",
    ]
)


@st.composite
def events(draw: st.DrawFn) -> list[ct.Event]:
    found = []
    for n in range(draw(st.integers(1, 4))):
        found.append(
            ct.Event(
                f"e{n}-" + draw(TEXT),
                draw(DATES),
                draw(st.one_of(st.sampled_from(["accident", "protest", "other"]), TEXT)),
                draw(TEXT),
                summary=draw(st.one_of(st.none(), TEXT)),
                country=draw(st.one_of(st.none(), TEXT)),
            )
        )
    return found


def _clean(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


@FUZZ
@given(events())
def test_csv_parses_and_neutralises_every_formula(items: list[ct.Event]) -> None:
    """Every row parses back; no text cell starts like a formula."""
    rows = list(csv.DictReader(io.StringIO(ct.Results(items, None).export("csv"), newline="")))
    assert len(rows) == len(items)
    for row in rows:
        assert not any(value.startswith(FORMULA_STARTS) for value in row.values())


@FUZZ
@given(events())
def test_json_writers_parse_back(items: list[ct.Event]) -> None:
    """JSON Lines, TimelineJS and GeoJSON parse as JSON; JSON Lines keeps each title."""
    results = ct.Results(items, None)
    lines = results.export("jsonl").splitlines()  # any line break a reader may use
    assert [json.loads(line)["title"] for line in lines] == [_clean(e.title) for e in items]
    json.loads(results.export("timelinejs"))
    json.loads(results.export("geojson"))


@FUZZ
@given(events(), TEXT)
def test_ics_lines_hold_no_control_characters(items: list[ct.Event], title: str) -> None:
    """Every iCalendar line is free of control characters and the calendar parses."""
    text = ct.Results(items, None).export("ics", title=title)
    for line in text.split("\r\n"):
        assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]", line)
    icalendar.Calendar.from_ical(text)


@HTML_FUZZ
@given(events(), TEXT)
def test_html_script_cannot_be_closed_by_data(items: list[ct.Event], title: str) -> None:
    """The page's own inline script holds no `</script` or `<!--` from the data, and the
    heading shows the title escaped (an empty title gives the default one)."""
    page = ct.Results(items, None).export("html", title=title)
    script = page[page.rindex("const spec = ") :]
    body = script[: script.rindex("</script>")]
    assert "</script" not in body.lower() and "<!--" not in body
    if title:
        assert f'<h1 id="ct-title">{escape(_clean(title))}</h1>' in page

"""Sources carry a URL: stored, shown by `show event` and in the notebook HTML."""

from __future__ import annotations

from click.testing import CliRunner

import catimeline as ct
from catimeline._cli import main


def _with_source(tl: ct.Timeline) -> None:
    tl.add(
        [
            ct.Source(
                "my-article",
                "my-article.txt",
                "Miners strike at Pit One",
                publisher="My Paper",
                published="2024-05-02",
                published_how="stated",
                url="https://example.org/news/strike?id=1&lang=en",
            ),
            ct.Event(
                "my-strike-2024",
                "2024-05-01",
                "strike",
                "Miners strike at Pit One",
                places=["pit-one"],
                citations=[ct.Citation("my-article", 0, 120)],
            ),
        ]
    )


def test_show_event_lists_outlet_title_date_and_link(fixture_timeline: ct.Timeline) -> None:
    """`catimeline show event` ends with each cited source: outlet, title, date and URL."""
    _with_source(fixture_timeline)
    url = fixture_timeline.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["show", "event", "my-strike-2024", "--url", url])
    assert result.exit_code == 0, result.output
    assert (
        '  - My Paper, "Miners strike at Pit One", 2024-05-02 [my-article] '
        "https://example.org/news/strike?id=1&lang=en"
    ) in result.output.splitlines()


def test_notebook_html_links_each_source(fixture_timeline: ct.Timeline) -> None:
    """The HTML view of results names the outlet, title and date and links the source's URL
    (escaped)."""
    _with_source(fixture_timeline)
    html = fixture_timeline.events(place="Pit One", since="2024")._repr_html_()
    assert "My Paper" in html and "Miners strike at Pit One" in html and "2024-05-02" in html
    assert "href='https://example.org/news/strike?id=1&amp;lang=en'" in html


def test_bundled_sources_carry_the_publishers_url(db_url: str) -> None:
    """The curated sources whose page shows the publisher's site carry it as their URL."""
    with ct.open(db_url) as tl:
        assert tl.source("tca-zhomart-mine-collapse-2025-02").url == "https://timesca.com/"
        assert (
            tl.source("pantucci-eaf-china-complicated-relationship-2019").url
            == "https://eastasiaforum.org/"
        )

"""User data is never lost to seeding: every seed command and upgrade path keeps every link
of the user's records, and a seed folder never removes rows it did not load.

The bundled seeds are played here by copies of the small test fixture (``seeds_dir`` is
pointed at them), so that "a new release" is a folder we can edit.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, create_engine, delete, select
from sqlalchemy.exc import IntegrityError

import catimeline as ct
from catimeline import _seeds as seeds
from catimeline._cli import main
from catimeline._store import migrate
from catimeline._store import schema as s
from catimeline._store.repository import Repository
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS
from tests.errors.catalogue import FIXTURE_TEXT

CITED = [ct.Citation("fx-gazette", 0, 10)]
TEAM_YAML = """\
actors:
  - {id: team-union, name: Team Union, kind: group, country: KZ}
events:
  - id: team-strike-2024
    date: "2024-02"
    kind: strike
    title: Team Union stops work at Pit One
    places: [pit-one]
    participants: [{actor: team-union, role: protester}, {actor: northern-steel, role: target}]
    citations: [{source: fx-gazette, start: 58, end: 159}]
"""
#: The fixture with the ministry (and the statement citing it) and the depot attack gone.
RELEASE_2 = FIXTURE_TEXT.replace(
    "  - {id: fx-ministry, name: Ministry of Mines, kind: government-body, country: KZ, "
    "relations: [{type: part-of, actor: kazakhstan}]}\n",
    "",
).split("  - id: steel-city-depot-attack-2022")[0]


def _user_records() -> list[ct.Source | ct.Place | ct.Event]:
    """The user's own records, linked to seed actors, places, a project and a source."""
    return [
        ct.Place("my-shaft", "My shaft", "mine", parent="pit-one"),
        ct.Event(
            "my-inspection-2024",
            "2024-04",
            "inspection",
            "Ministry inspects Pit One and my shaft",
            country="KZ",
            places=["pit-one", "my-shaft", "steel-city"],
            participants=[
                ct.Participant("fx-ministry", "regulator"),
                ct.Participant("northern-steel", "operator"),
                ct.Participant("copper-union", "owner"),
            ],
            project="lake-power-plant",
            citations=[ct.Citation("fx-gazette", 721, 800)],
        ),
    ]


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A stand-in for the bundled seeds (release 1 = the fixture), checked against the
    fixture's documents."""
    folder = tmp_path / "bundled"
    shutil.copytree(FIXTURE_SEEDS, folder)
    monkeypatch.setattr(seeds, "seeds_dir", lambda: folder)
    monkeypatch.setenv("CATIMELINE_DOCUMENTS", str(FIXTURE_DOCUMENTS))
    yield folder


def _release_2(bundled: Path) -> None:
    (bundled / "fixture.yaml").write_text(RELEASE_2, encoding="utf-8")


def _team(tmp_path: Path, text: str = TEAM_YAML, name: str = "team") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "team.yaml").write_text(text, encoding="utf-8")
    return folder


def _seed_cli(url: str, folder: Path) -> str:
    result = CliRunner().invoke(
        main, ["seed", "--url", url, "--path", str(folder), "--documents", str(FIXTURE_DOCUMENTS)]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _assert_user_links(tl: ct.Timeline) -> None:
    mine = _user_records()
    assert tl.event("my-inspection-2024") == mine[1]
    assert tl.place("my-shaft") == mine[0]


def _origins(tl: ct.Timeline, kind: str) -> dict[str, str]:
    table = {"event": s.events, "actor": s.actors, "place": s.places}[kind]
    with tl.engine.connect() as connection:
        return {
            row.id: row.origin for row in connection.execute(select(table.c.id, table.c.origin))
        }


def test_seed_path_on_a_partial_folder_keeps_user_links_and_the_bundled_rows(
    db_url: str, bundled: Path, tmp_path: Path
) -> None:
    """Loading a team folder that holds a few records (and refers to bundled ones) adds
    them as their own origin; the bundled rows and the user's links are untouched."""
    with ct.open(db_url) as tl:
        tl.add(_user_records())
        bundled_before = {k: v for k, v in _origins(tl, "event").items() if v == "seed"}
    output = _seed_cli(db_url, _team(tmp_path))
    assert "loaded 2 records" in output
    with ct.open(db_url) as tl:
        _assert_user_links(tl)
        events = _origins(tl, "event")
        assert {k: v for k, v in events.items() if v == "seed"} == bundled_before
        assert events["team-strike-2024"] == "seed:team"


def test_reloading_a_team_folder_keeps_a_dropped_record_the_user_refers_to(
    db_url: str, bundled: Path, tmp_path: Path
) -> None:
    """A team record that left the folder stays while a user record refers to it (and is
    reported); one nobody refers to goes."""
    with ct.open(db_url) as tl:
        pass
    team = _team(tmp_path)
    _seed_cli(db_url, team)
    with ct.open(db_url) as tl:
        tl.add(
            ct.Event(
                "my-talks-2024",
                "2024-03",
                "meeting",
                "Talks with Team Union",
                participants=[ct.Participant("team-union", "attendee")],
                citations=CITED,
            )
        )
    (team / "team.yaml").write_text("events: []\n", encoding="utf-8")
    output = _seed_cli(db_url, team)
    assert "actor:team-union" in output
    with ct.open(db_url) as tl:
        assert tl.event("my-talks-2024").participants[0].actor == "team-union"
        assert tl.actor("team-union").name == "Team Union"
        with pytest.raises(ct.UnknownEvent):
            tl.event("team-strike-2024")


def test_seed_path_on_an_empty_folder_is_refused_and_changes_nothing(
    db_url: str, bundled: Path, tmp_path: Path
) -> None:
    """A folder without seed files is refused: it would otherwise read as 'remove it all'."""
    with ct.open(db_url) as tl:
        tl.add(_user_records())
        before = _origins(tl, "event")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["seed", "--url", db_url, "--path", str(empty)])
    assert result.exit_code == 2
    assert "holds no seed files" in result.output
    with ct.open(db_url) as tl:
        assert _origins(tl, "event") == before
        _assert_user_links(tl)


def test_plain_open_after_a_team_loaded_its_folder_keeps_the_team_rows(
    db_url: str, bundled: Path, tmp_path: Path
) -> None:
    """ct.open() loading a new bundled release leaves every row of a team's folder."""
    with ct.open(db_url):
        pass
    _seed_cli(db_url, _team(tmp_path))
    _release_2(bundled)
    with ct.open(db_url) as tl:
        origins = _origins(tl, "event")
        assert origins["team-strike-2024"] == "seed:team"
        assert _origins(tl, "actor")["team-union"] == "seed:team"
        assert "steel-city-depot-attack-2022" not in origins


def test_a_release_dropping_a_referenced_seed_id_keeps_it_and_the_user_links(
    db_url: str, bundled: Path
) -> None:
    """A seed id that left the new release stays while the user's record refers to it;
    seed rows nobody refers to are removed."""
    with ct.open(db_url) as tl:
        tl.add(_user_records())
    _release_2(bundled)
    with ct.open(db_url) as tl:
        _assert_user_links(tl)
        assert tl.actor("fx-ministry").name == "Ministry of Mines"
        events = _origins(tl, "event")
        assert "steel-city-depot-attack-2022" not in events
        assert "ministry-safety-statement-2018" not in events


def test_another_folder_under_the_same_origin_name_is_refused(
    db_url: str, bundled: Path, tmp_path: Path
) -> None:
    """Two folders of the same name are not mixed up: the second needs its own --origin."""
    with ct.open(db_url):
        pass
    _seed_cli(db_url, _team(tmp_path))
    other = _team(tmp_path / "elsewhere", name="team")
    result = CliRunner().invoke(main, ["seed", "--url", db_url, "--path", str(other)])
    assert result.exit_code == 2
    assert "--origin" in result.output
    result = CliRunner().invoke(
        main, ["seed", "--url", db_url, "--path", str(other), "--origin", "team-two"]
    )
    assert result.exit_code == 0, result.output


def _old_database(url: str) -> None:
    """A database as an earlier catimeline left it: schema 0004 (cascading references),
    the fixture's seed rows and the user's records (tables of later revisions, such as
    project names, are left for the migrations to fill)."""
    engine = create_engine(url)
    migrate.upgrade(engine, "0004")
    old = MetaData()
    old.reflect(engine)
    release_1 = seeds.validate(FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS).records()
    with engine.begin() as connection:
        for records, origin in ((release_1, "seed"), (_user_records(), "user")):
            staged = Repository.stage(records, origin=origin)
            for table in s.TABLES:
                if table.name not in old.tables:
                    continue
                rows = [
                    {k: v for k, v in row.items() if k != "url"} for row in staged.get(table, [])
                ]
                if rows:
                    connection.execute(old.tables[table.name].insert(), rows)
        connection.execute(old.tables["ct_state"].insert().values(key="seed_hash", value="old"))
    engine.dispose()


def test_the_package_upgrade_path_keeps_every_user_link(db_url: str, bundled: Path) -> None:
    """Opening a database of the previous schema with a newer release (which dropped a seed
    id the user refers to) migrates it, reseeds, and keeps every link of the user's records;
    from then on a referenced seed row cannot be deleted, even by hand."""
    _old_database(db_url)
    _release_2(bundled)
    with ct.open(db_url) as tl:
        assert migrate.current(tl.engine) == migrate.HEAD
        _assert_user_links(tl)
        assert tl.actor("fx-ministry").name == "Ministry of Mines"
        assert tl.events(text="fire").ids == ("pit-one-fire-2023",)
        with pytest.raises(IntegrityError), tl.engine.begin() as connection:
            connection.execute(delete(s.places).where(s.places.c.id == "my-shaft"))

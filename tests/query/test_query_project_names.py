"""Project names: the seed loader keeps a project's ``names:``, and revision 0005 gives the
projects of an existing database their current name as a lookup name, losing nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import create_engine, text

import catimeline as ct
from catimeline._seeds import seed_if_changed
from catimeline._store import migrate
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS


def _seeds_with_project_names(folder: Path) -> Path:
    target = folder / "seeds"
    shutil.copytree(FIXTURE_SEEDS, target)
    path = target / "fixture.yaml"
    original = path.read_text(encoding="utf-8")
    named = original.replace(
        "    name: Lake Power Plant\n",
        "    name: Lake Power Plant\n"
        "    names: [{name: LPP, type: abbreviation}, {name: Lake Hydro, type: alias}]\n",
    )
    assert named != original
    path.write_text(named, encoding="utf-8")
    return target


def test_seeded_project_names_resolve(db_url: str, tmp_path: Path) -> None:
    """A project's names: in a seed file are loaded: its abbreviation finds it and its events."""
    with ct.open(db_url, seed=False) as tl:
        seed_if_changed(tl.engine, _seeds_with_project_names(tmp_path), documents=FIXTURE_DOCUMENTS)
        assert tl.project("LPP").id == "lake-power-plant"
        assert tl.events(project="Lake Hydro").ids == ("lake-power-investment-2019",)
        assert [n.name for n in tl.project("lake-power-plant").names] == ["LPP", "Lake Hydro"]


def test_upgrade_to_0005_names_every_existing_project(db_url: str) -> None:
    """Projects written before revision 0005 keep their rows and are found by name after
    the upgrade (their current name becomes seq 0 of ct_project_names)."""
    engine = create_engine(db_url)
    migrate.upgrade(engine, "0004")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO ct_projects (id, name, kind, origin) "
                "VALUES ('old-dam', 'Old Dam of Qaraghandy', 'dam', 'user')"
            )
        )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT project_id, seq, name, key, type FROM ct_project_names")
        ).all()
        kept = connection.execute(text("SELECT id, name, kind FROM ct_projects")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("old-dam", 0, "Old Dam of Qaraghandy", "old dam of qaraghandy", "name")
    ]
    assert [tuple(r) for r in kept] == [("old-dam", "Old Dam of Qaraghandy", "dam")]
    with ct.open(db_url, seed=False) as tl:
        assert tl.project("old dam of karaganda").id == "old-dam"


def test_project_names_are_replaced_with_their_project(db_url: str, tmp_path: Path) -> None:
    """Seeding again replaces a project's names with the new ones (no stale alias)."""
    folder = _seeds_with_project_names(tmp_path)
    with ct.open(db_url, seed=False) as tl:
        seed_if_changed(tl.engine, folder, documents=FIXTURE_DOCUMENTS)
        path = folder / "fixture.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("{name: LPP, type: abbreviation}, ", ""),
            encoding="utf-8",
        )
        seed_if_changed(tl.engine, folder, documents=FIXTURE_DOCUMENTS)
        assert [n.name for n in tl.project("lake-power-plant").names] == ["Lake Hydro"]

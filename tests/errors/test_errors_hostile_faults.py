"""Faults met by hostile or unlucky use: full disks and read-only databases under
``catimeline seed``, documents that are not UTF-8, a version table of two rows, a
Postgres connection killed under a timeline, a database without tables.

Each raises a typed CatimelineError whose message says what to do; the command line
prints it as one line and exits non-zero.  The full disks are real tmpfs mounts (a
Postgres tablespace on one for Postgres), skipped where this process may not mount.
"""

from __future__ import annotations

import os
import pwd
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, make_url, text

import catimeline as ct
from catimeline._cli import main
from catimeline._seeds import validate
from catimeline._store.migrate import VERSION_TABLE
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS, POSTGRES_URL, _fresh_url
from tests.errors.test_errors_environment import _mounted
from tests.helpers import dump

needs_postgres = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="CATIMELINE_TEST_POSTGRES_URL is not set"),
]


def _with_options(url: str, *options: str) -> str:
    """``url`` with more ``-c name=value`` server options beside those it has."""
    parsed = make_url(url)
    given = parsed.query.get("options", "")
    joined = " ".join([given if isinstance(given, str) else " ".join(given), *options]).strip()
    return parsed.update_query_dict({"options": joined}).render_as_string(hide_password=False)


def _one_line_failure(result: Result, code: int, *fragments: str) -> None:
    """The command failed with ``code``: one error line holding every fragment, no traceback
    (progress lines of `catimeline seed` may come before it)."""
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("catimeline:")]
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


def _big_seeds(folder: Path, actors: int) -> Path:
    """A valid seed folder of ``actors`` actors with 8,000 incompressible characters each."""
    folder.mkdir()
    lines = ["actors:"]
    for i in range(actors):
        lines.append(f"  - {{id: filler-{i}, name: Filler {i}, kind: company,")
        lines.append(f"     description: {os.urandom(4000).hex()}}}")
    (folder / "actors.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# ------------------------------------------------------------------ catimeline seed


def test_seed_into_a_read_only_sqlite_file_is_one_line(tmp_path: Path) -> None:
    """seed-readonly-database: `catimeline seed` on a file opened read-only exits 1 with advice."""
    path = tmp_path / "tl.db"
    ct.open(f"sqlite:///{path}", seed=False).close()
    engine = create_engine(f"sqlite:///{path}")
    before = dump(engine)
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    argv = ["seed", "--url", url, "--path", str(FIXTURE_SEEDS)]
    result = CliRunner().invoke(main, [*argv, "--documents", str(FIXTURE_DOCUMENTS)])
    _one_line_failure(result, 1, "readonly database", "make it writable")
    assert dump(engine) == before
    engine.dispose()


@pytest.mark.parametrize("_pg", [pytest.param("postgres", marks=needs_postgres)])
def test_seed_into_a_read_only_postgres_is_one_line(_pg: str, tmp_path: Path) -> None:
    """seed-readonly-database on Postgres: a read-only transaction refuses the load, exit 1."""
    for url in _fresh_url("postgres", tmp_path):
        ct.open(url, seed=False).close()
        readonly = _with_options(url, "-cdefault_transaction_read_only=on")
        argv = ["seed", "--url", readonly, "--path", str(FIXTURE_SEEDS)]
        result = CliRunner().invoke(main, [*argv, "--documents", str(FIXTURE_DOCUMENTS)])
        _one_line_failure(result, 1, "read-only transaction", "writable")


def test_seed_onto_a_full_disk_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    """seed-full-disk: `catimeline seed` on a full tmpfs exits 1, says so, and loads nothing."""
    big = _big_seeds(tmp_path / "big", 400)
    folder = tmp_path / "tiny"
    with _mounted(folder, "size=2m"):
        _seed_fails_and_changes_nothing(f"sqlite:///{folder / 'tl.db'}", big, "disk is full")


def _seed_fails_and_changes_nothing(url: str, seeds: Path, reason: str) -> None:
    """`catimeline seed` of ``seeds`` into a fresh database at ``url`` fails for ``reason``,
    says what to do, writes none of the folder's rows and changes no row that was there.
    (`seed --path` first loads the bundled seeds a folder may refer to, in a transaction
    of their own; the disk may fill during either load.)"""
    ct.open(url, seed=False).close()
    engine = create_engine(url)
    before = dump(engine)
    result = CliRunner().invoke(main, ["seed", "--url", url, "--path", str(seeds)])
    _one_line_failure(result, 1, reason, "free some space", "nothing was written")
    after = dump(engine)
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), table
    assert not [row for row in after["ct_actors"] if str(row[0]).startswith("filler-")]
    assert not [row for row in after["ct_state"] if str(row[0]).endswith(seeds.name)]
    engine.dispose()


@pytest.fixture
def tiny_tablespace() -> Iterator[str]:
    """A Postgres tablespace on a 3 MB tmpfs; skipped unless this process may mount and the
    server (on this machine) lets the test user create tablespaces."""
    assert POSTGRES_URL is not None
    base = Path(tempfile.mkdtemp(prefix="ct-tablespace-"))
    base.chmod(0o755)
    owner = pwd.getpwnam("postgres") if _has_user("postgres") else None
    if owner is None:
        pytest.skip("no postgres user on this machine to own a tablespace")
    name = f"ct_tiny_{uuid.uuid4().hex[:8]}"
    options = f"size=3m,uid={owner.pw_uid},gid={owner.pw_gid},mode=0700"
    try:
        with _mounted(base / "space", options):
            engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
            try:
                with engine.connect() as connection:
                    location = str(base / "space")
                    connection.execute(text(f"CREATE TABLESPACE {name} LOCATION '{location}'"))
            except Exception as exc:  # a remote server, or no superuser
                engine.dispose()
                pytest.skip(f"cannot create a tablespace here: {exc}")
            try:
                yield name
            finally:
                with engine.connect() as connection:
                    connection.execute(text(f"DROP TABLESPACE IF EXISTS {name}"))
                engine.dispose()
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="CATIMELINE_TEST_POSTGRES_URL is not set")
def test_seed_into_a_full_postgres_tablespace_is_one_line(
    tiny_tablespace: str, tmp_path: Path
) -> None:
    """seed-full-disk on Postgres: a load filling its tablespace exits 1 and loads nothing."""
    big = _big_seeds(tmp_path / "big", 800)
    for url in _fresh_url("postgres", tmp_path):
        tiny = _with_options(url, f"-cdefault_tablespace={tiny_tablespace}")
        _seed_fails_and_changes_nothing(tiny, big, "No space left on device")


# ------------------------------------------------------------------ documents not UTF-8


def _cp1252_documents(tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    folder.mkdir()
    text = (FIXTURE_DOCUMENTS / "fixture.txt").read_text(encoding="utf-8")
    (folder / "fixture.txt").write_bytes(text.replace("Pit One", "Pit Øne").encode("cp1252"))
    return folder


def test_cite_on_a_document_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    """document-not-utf8: `catimeline cite` names the document and the line of the bad byte."""
    document = _cp1252_documents(tmp_path) / "fixture.txt"
    result = CliRunner().invoke(main, ["cite", str(document), "Pit"])
    _one_line_failure(result, 2, "fixture.txt:3:", "not UTF-8 text", "save the document as UTF-8")


def test_validate_with_a_document_that_is_not_utf8_names_the_source(tmp_path: Path) -> None:
    """Validation names the seed line of the source whose document is not UTF-8."""
    with pytest.raises(ct.SeedError, match=r"'fixture\.txt': not UTF-8 text") as info:
        validate(FIXTURE_SEEDS, documents=_cp1252_documents(tmp_path))
    assert info.value.line == 3
    assert info.value.path is not None and info.value.path.endswith("fixture.yaml")


def test_cli_validate_with_a_document_that_is_not_utf8_exits_2(tmp_path: Path) -> None:
    """`catimeline validate --documents` with a non-UTF-8 document exits 2 without traceback."""
    argv = ["validate", str(FIXTURE_SEEDS), "--documents", str(_cp1252_documents(tmp_path))]
    _one_line_failure(CliRunner().invoke(main, argv), 2, "not UTF-8 text")


# ------------------------------------------------------------------ the database itself


def _two_version_rows(url: str) -> None:
    ct.open(url, seed=False).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES ('0003')"))
    engine.dispose()


def test_version_table_with_two_rows_is_a_migration_error(db_url: str) -> None:
    """schema-two-version-rows: opening says the version table holds two rows, and what to do."""
    _two_version_rows(db_url)
    with pytest.raises(ct.MigrationError, match=r"holds 2 rows .* delete every row but"):
        ct.open(db_url, seed=False)
    with pytest.raises(ct.MigrationError, match="holds 2 rows"):
        ct.open(db_url, readonly=True)


@pytest.mark.parametrize("command", [["current"], ["upgrade"], ["downgrade", "0003"], ["check"]])
def test_version_table_with_two_rows_in_the_cli_is_one_line(
    db_url: str, command: list[str]
) -> None:
    """Every `catimeline db` command on a version table of two rows exits 1 with one line,
    and none touches the schema."""
    _two_version_rows(db_url)
    engine = create_engine(db_url)
    before = dump(engine)
    result = CliRunner().invoke(main, ["db", *command, "--url", db_url])
    _one_line_failure(result, 1, "holds 2 rows")
    assert dump(engine) == before
    engine.dispose()


def test_ask_on_a_database_without_tables_says_to_upgrade(db_url: str) -> None:
    """ask-no-tables: ask() on a database never migrated says to run `catimeline db upgrade`."""
    with (
        ct.open(db_url, migrate=False, seed=False) as tl,
        pytest.raises(ct.DatabaseError, match=r"no catimeline tables.*catimeline db upgrade"),
    ):
        tl.ask("all accidents since 2021")


@pytest.fixture(params=[pytest.param("postgres", marks=needs_postgres)])
def dropping(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ct.Timeline]:
    """A Postgres timeline of the fixture whose connections the test can terminate."""
    for url in _fresh_url(request.param, tmp_path):
        tagged = make_url(url).update_query_dict({"application_name": f"ct-{uuid.uuid4().hex}"})
        with ct.open(tagged.render_as_string(hide_password=False), seed=False) as tl:
            from catimeline._seeds import seed_if_changed

            seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
            yield tl


def _terminate(tl: ct.Timeline) -> None:
    """Kill every server process serving ``tl`` (as a restart or an admin would)."""
    assert POSTGRES_URL is not None
    name = tl.engine.url.query["application_name"]
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        killed = connection.execute(
            text(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE application_name = :name"
            ),
            {"name": name},
        ).all()
    engine.dispose()
    assert killed and all(row[0] for row in killed)


DROPPED = {
    "ask": lambda tl, results: tl.ask("all accidents since 2021"),
    "repr-html": lambda tl, results: results._repr_html_(),
    "export": lambda tl, results: results.export("csv"),
}


@pytest.mark.parametrize("call", list(DROPPED), ids=list(DROPPED))
def test_lost_connection_is_a_database_error_then_reconnects(
    dropping: ct.Timeline, call: str
) -> None:
    """connection-lost: after the server kills the connection, the call raises DatabaseError
    saying to try again, and trying again works."""
    results = dropping.events()
    expected = DROPPED[call](dropping, results)
    _terminate(dropping)
    with pytest.raises(ct.DatabaseError, match=r"connection to the database was lost.*try again"):
        DROPPED[call](dropping, results)
    assert DROPPED[call](dropping, results) == expected

"""Hostile input: secrets in URLs stay hidden, seeds stay inside their folders, YAML bombs
are refused, and validation without the documents says what it did not check.

Faults of the database itself (full disks, read-only files, lost connections) are in
``test_errors_hostile_faults.py``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import event, make_url

import catimeline as ct
from catimeline import _seeds as seeds
from catimeline import _seedyaml as seedyaml
from catimeline import _yamllimits as yamllimits
from catimeline._cli import main
from catimeline._errors import SeedErrors
from catimeline._seeds import seed_if_changed, validate
from catimeline._store import urls
from tests.conftest import BACKENDS, FIXTURE_DOCUMENTS, FIXTURE_SEEDS, POSTGRES_URL, _fresh_url
from tests.errors.catalogue import FIXTURE_TEXT
from tests.helpers import dump

SECRET = "s3cr3t-Qu3ry"
#: Query keys that carry a secret: libpq's own, and any key naming a password or secret.
SECRET_KEYS = ["password", "sslpassword", "oauth_client_secret", "PASSWORD", "api_token"]
CLOSED_PORT = "postgresql+psycopg://alice@127.0.0.1:1/nowhere"


# ------------------------------------------------------------------ secrets in URLs


@pytest.mark.parametrize("key", SECRET_KEYS)
def test_secret_query_value_is_masked_in_the_error_message(key: str) -> None:
    """url-query-password: a secret given as ?password= (or the like) never shows in a message."""
    with pytest.raises(ct.DatabaseError) as info:
        ct.open(f"{CLOSED_PORT}?{key}={SECRET}")
    assert SECRET not in str(info.value)
    assert f"{key}=***" in str(info.value)


@pytest.mark.parametrize("key", SECRET_KEYS)
def test_secret_query_value_is_masked_in_cli_output(key: str) -> None:
    """The command line prints one line, exit 1, and neither output stream holds the secret."""
    result = CliRunner().invoke(main, ["events", "--url", f"{CLOSED_PORT}?{key}={SECRET}"])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert SECRET not in result.output


@pytest.fixture(params=BACKENDS)
def secret_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A working URL of each backend carrying a password and an sslpassword in its query
    (SQLite ignores them; Postgres with trust authentication does too)."""
    for url in _fresh_url(request.param, tmp_path):
        yield (
            make_url(url)
            .update_query_dict({"password": SECRET, "sslpassword": SECRET + "2"})
            .render_as_string(hide_password=False)
        )


def test_open_timeline_masks_secret_query_values(secret_url: str) -> None:
    """repr(tl) and tl.url show password=*** and sslpassword=***, never the values; the
    engine's own URL holds neither (the driver gets them as connection arguments)."""
    with ct.open(secret_url, seed=False) as tl:
        assert SECRET not in repr(tl.engine) and SECRET not in str(tl.engine.url)
        for shown in (tl.url, repr(tl)):
            assert SECRET not in shown
            assert "password=***" in shown and "sslpassword=***" in shown


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="CATIMELINE_TEST_POSTGRES_URL is not set")
def test_secret_query_values_still_reach_the_driver(tmp_path: Path) -> None:
    """Taken out of the engine's URL, password and sslpassword are still given to libpq."""
    seen: dict[str, Any] = {}

    def record(_dialect: Any, _record: Any, _args: Any, params: dict[str, Any]) -> None:
        seen.update(params)

    for url in _fresh_url("postgres", tmp_path):
        given = make_url(url).update_query_dict({"password": SECRET, "sslpassword": "k"})
        with ct.open(given.render_as_string(hide_password=False), seed=False) as tl:
            event.listen(tl.engine, "do_connect", record)
            tl.engine.dispose()
            tl.engine.connect().close()
    assert seen["password"] == SECRET and seen["sslpassword"] == "k"


def test_scrub_masks_every_spelling_of_a_secret() -> None:
    """A secret with URL-special characters is masked raw and URL-encoded alike."""
    url = "postgresql+psycopg://u:p%40ss%2Fw@h/db?sslpassword=a%20b%26c"
    message = "failed for p@ss/w, p%40ss%2Fw, a b&c, a%20b%26c and a+b%26c"
    assert urls.scrub(message, url) == "failed for ***, ***, ***, *** and ***"


@pytest.mark.parametrize("port", ["abc", "5432x", "99999", "0"])
def test_bad_port_is_a_database_error_with_advice(port: str) -> None:
    """url-bad-port: a port that is no number, or out of range, says to use 1-65535."""
    with pytest.raises(ct.DatabaseError, match="1-65535"):
        ct.open(f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:{port}/db")


def test_bad_port_in_cli_is_one_line_without_the_password() -> None:
    """`--url` with a bad port prints one line, exits 1 and does not repeat the password."""
    bad = f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:abc/db"
    result = CliRunner().invoke(main, ["ask", "accidents", "--url", bad])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "port" in result.stderr
    assert SECRET not in result.output


# ------------------------------------------------------------------ seeds stay inside


def _seed_folder(tmp_path: Path, text: str = FIXTURE_TEXT) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "fixture.yaml").write_text(text, encoding="utf-8")
    return folder


def _outside_file(tmp_path: Path) -> tuple[Path, str, str]:
    """A file outside both folders, with its size and hash as a message could leak them."""
    secret = tmp_path / "private.txt"
    secret.write_text("private notes " * 37, encoding="utf-8")
    data = secret.read_bytes()
    return secret, str(len(data)), hashlib.sha256(data).hexdigest()[:12]


@pytest.mark.parametrize(
    "document",
    ["/etc/passwd", "../private.txt", "sub/../../private.txt", "C:/Windows/win.ini", "a\\b.txt"],
)
def test_document_outside_the_documents_folder_is_refused(tmp_path: Path, document: str) -> None:
    """seed-document-outside: an absolute, climbing or Windows path is refused at its line."""
    text = FIXTURE_TEXT.replace("document: fixture.txt", f"document: {document!r}")
    with pytest.raises(ct.SeedError, match="name a file of the documents folder") as info:
        validate(_seed_folder(tmp_path, text), documents=FIXTURE_DOCUMENTS)
    assert info.value.line == 3


def test_document_symlinked_outside_is_refused_without_revealing_it(tmp_path: Path) -> None:
    """seed-document-symlink-out: a document linking out is refused; no size or hash leaks."""
    secret, size, digest = _outside_file(tmp_path)
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "fixture.txt").symlink_to(secret)
    text = FIXTURE_TEXT.replace("start: 0, end: 801", f"sha256: '{'0' * 64}', start: 0, end: 9999")
    with pytest.raises(ct.SeedError, match="outside the documents folder") as info:
        validate(_seed_folder(tmp_path, text), documents=documents)
    assert isinstance(info.value, SeedErrors)
    shown = " ".join(str(e) for e in info.value.errors)
    assert size not in shown and digest not in shown


def test_document_symlinked_inside_the_folder_is_read(tmp_path: Path) -> None:
    """A link from one document name to another file of the same folder is allowed."""
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "real.txt").write_bytes((FIXTURE_DOCUMENTS / "fixture.txt").read_bytes())
    (documents / "fixture.txt").symlink_to(documents / "real.txt")
    assert validate(_seed_folder(tmp_path), documents=documents).counts()["events"] > 0


def _folder_linking_out(tmp_path: Path) -> Path:
    """A seed folder whose one file is a link to a seed file outside it."""
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(FIXTURE_TEXT, encoding="utf-8")
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "linked.yaml").symlink_to(outside)
    return folder


def test_seed_file_symlinked_outside_is_refused(tmp_path: Path) -> None:
    """seed-file-symlink-out: a seed file linking to a file outside the folder is refused."""
    with pytest.raises(ct.SeedError, match="outside the seed folder") as info:
        validate(_folder_linking_out(tmp_path), documents=FIXTURE_DOCUMENTS)
    assert info.value.path is not None and info.value.path.endswith("linked.yaml")


def test_seed_file_symlinked_outside_is_refused_by_the_cli(tmp_path: Path) -> None:
    """`catimeline validate` on a folder with a link out prints one line and exits 2."""
    result = CliRunner().invoke(main, ["validate", str(_folder_linking_out(tmp_path))])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "outside the seed folder" in result.stderr


def test_seed_file_symlinked_inside_the_folder_is_read(tmp_path: Path) -> None:
    """A seed file that links to another place inside the seed folder is read normally."""
    folder = tmp_path / "seeds"
    (folder / "real").mkdir(parents=True)
    (folder / "real" / "fixture.txt.yaml").write_text(FIXTURE_TEXT, encoding="utf-8")
    (folder / "linked.yaml").symlink_to(folder / "real" / "fixture.txt.yaml")
    with pytest.raises(ct.SeedError, match="duplicate"):  # read twice: once by each name
        validate(folder, documents=FIXTURE_DOCUMENTS)


# ------------------------------------------------------------------ YAML bombs


def _laughs(levels: int, width: int = 9) -> str:
    """The billion laughs: each anchor lists ``width`` aliases of the one before."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


BOMBS: dict[str, tuple[str, str, int]] = {
    # id: (text, message fragment, line of the refusal)
    "seed-yaml-billion-laughs": (_laughs(10), "past 100,000 YAML nodes", 6),
    "seed-yaml-alias-expansion": (
        "big: &big ["
        + ", ".join(str(i) for i in range(1000))
        + "]\n"
        + "".join(f"c{i}: *big\n" for i in range(300)),
        "the alias *big (repeating 1,001 nodes)",
        100,
    ),
    "seed-yaml-deep-nesting": ("events: " + "[" * 5000 + "]" * 5000 + "\n", "32 levels deep", 1),
    "seed-yaml-deep-block-nesting": (
        "events:\n" + "".join(" " * (2 * i) + f"- k{i}:\n" for i in range(60)),
        "32 levels deep",
        17,
    ),
    "seed-yaml-long-string": (
        "events:\n  - title: " + "x" * 200_000 + "\n",
        "the 10,000 a seed value may have",
        2,
    ),
    "seed-yaml-too-many-nodes": (
        "sources: []\nevents: [" + ", ".join(["0"] * 100_001) + "]\n",
        "past 100,000 YAML nodes",
        2,
    ),
    "seed-yaml-self-alias": ("events: &e [1, *e]\n", "inside its own anchor", 1),
}


@pytest.fixture(params=["libyaml", "ruamel"])
def yaml_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each of the two YAML readers: libyaml's fast path, and ruamel.yaml alone."""
    if request.param == "ruamel":
        monkeypatch.setattr(seedyaml, "load", lambda _text: seedyaml.SLOW)
    return str(request.param)


@pytest.mark.parametrize("bomb", list(BOMBS), ids=list(BOMBS))
def test_yaml_bomb_is_refused_naming_file_and_line(
    bomb: str, yaml_reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A YAML bomb raises SeedError naming the file and the line where a limit was passed."""
    text, message, line = BOMBS[bomb]
    if yaml_reader == "ruamel" and bomb == "seed-yaml-too-many-nodes":
        # ruamel alone composes ~15,000 nodes a second: the same limit, scaled down.
        monkeypatch.setattr(yamllimits, "MAX_NODES", 2_000)
        text = "events: [" + ", ".join(["0"] * 2_001) + "]\n"
        message, line = "past 2,000 YAML nodes", 1
    with pytest.raises(ct.SeedError, match="YAML refused") as info:
        validate(_seed_folder(tmp_path, text), documents=FIXTURE_DOCUMENTS)
    assert message in str(info.value)
    assert info.value.path is not None and info.value.path.endswith("fixture.yaml")
    assert info.value.line == line


HOSTILE_FOLDERS = {
    "billion-laughs": lambda tmp: _seed_folder(tmp, FIXTURE_TEXT + _laughs(10)),
    "deep-nesting": lambda tmp: _seed_folder(tmp, BOMBS["seed-yaml-deep-nesting"][0]),
    "document-outside": lambda tmp: _seed_folder(
        tmp, FIXTURE_TEXT.replace("document: fixture.txt", "document: /etc/passwd")
    ),
    "seed-file-link-out": lambda tmp: _folder_linking_out(tmp),
}


@pytest.mark.parametrize("hostile", list(HOSTILE_FOLDERS))
def test_hostile_seed_folder_loads_nothing_into_either_database(
    db_url: str, tmp_path: Path, hostile: str
) -> None:
    """Seeding a hostile folder into SQLite or Postgres raises SeedError and writes no row."""
    folder = HOSTILE_FOLDERS[hostile](tmp_path)
    with ct.open(db_url, seed=False) as tl:
        seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
        before = dump(tl.engine)
        with pytest.raises(ct.SeedError):
            seed_if_changed(tl.engine, folder, documents=FIXTURE_DOCUMENTS)
        assert dump(tl.engine) == before


def test_yaml_bomb_behind_a_tag_is_refused_by_libyaml(tmp_path: Path) -> None:
    """A tag sends the file to ruamel, but libyaml checks the rest of it first."""
    text = "note: !!str tagged\n" + _laughs(10)
    with pytest.raises(ct.SeedError, match="past 100,000 YAML nodes"):
        validate(_seed_folder(tmp_path, text), documents=FIXTURE_DOCUMENTS)


def test_yaml_tag_whose_constructor_fails_is_a_seed_error(tmp_path: Path) -> None:
    """seed-yaml-tag-constructor: a tag ruamel cannot build (``!!set null``) is a SeedError."""
    text = FIXTURE_TEXT.replace("country: KG}", "country: !!set null}", 1)
    with pytest.raises(ct.SeedError, match=r"YAML value cannot be read .*: check its tag"):
        validate(_seed_folder(tmp_path, text), documents=FIXTURE_DOCUMENTS)


def test_seed_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    """seed-yaml-file-too-large: a seed file over 8 MiB is refused before it is parsed."""
    text = "# " + "x" * (yamllimits.MAX_BYTES + 10) + "\n"
    with pytest.raises(ct.SeedError, match="larger than the 8 MiB") as info:
        validate(_seed_folder(tmp_path, text), documents=FIXTURE_DOCUMENTS)
    assert info.value.path is not None and info.value.path.endswith("fixture.yaml")


def test_yaml_just_under_every_limit_is_read(tmp_path: Path, yaml_reader: str) -> None:
    """Aliases, nesting and long notes below the limits are read as data, not refused."""
    note = "n" * yamllimits.MAX_SCALAR
    text = FIXTURE_TEXT.replace(
        "title: Three die at Pit One", f"title: &t Three die at Pit One\n    notes: {note}"
    ).replace("title: One dies at Pit One", "title: *t")
    found = validate(_seed_folder(tmp_path, text), documents=FIXTURE_DOCUMENTS)
    titles = {e.id: e.title for e in found.records("events") if isinstance(e, ct.Event)}
    assert titles["pit-one-accident-2022"] == "Three die at Pit One"


# ------------------------------------------------------------------ spans without documents


@pytest.fixture
def no_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """No documents folder anywhere, as in an installed wheel."""
    monkeypatch.delenv("CATIMELINE_DOCUMENTS", raising=False)
    monkeypatch.setattr(seeds, "documents_dir", lambda: None)


@pytest.mark.usefixtures("no_documents")
def test_validation_without_documents_says_spans_were_not_checked() -> None:
    """seed-spans-unchecked: the SeedSet says spans were not checked, and what was."""
    found = validate(FIXTURE_SEEDS)
    assert len(found.unchecked) == 1
    assert "citation spans were not checked against the documents" in found.unchecked[0]
    assert "inside their article's recorded range" in found.unchecked[0]


def test_validation_with_documents_checks_every_span() -> None:
    """With the documents at hand nothing is left unchecked."""
    assert validate(FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS).unchecked == ()


@pytest.mark.usefixtures("no_documents")
def test_span_outside_the_recorded_range_is_refused_without_documents(tmp_path: Path) -> None:
    """Without documents a citation outside its source's recorded range is still an error."""
    text = FIXTURE_TEXT.replace("start: 332, end: 407", "start: 332, end: 900")
    with pytest.raises(ct.SeedError, match="lies outside the article"):
        validate(_seed_folder(tmp_path, text))


@pytest.mark.usefixtures("no_documents")
def test_malformed_sha256_is_refused_without_documents(tmp_path: Path) -> None:
    """seed-sha256-malformed: a recorded sha256 that is no digest is an error, documents or not."""
    text = FIXTURE_TEXT.replace("start: 0, end: 801", "sha256: not-a-digest, start: 0, end: 801")
    with pytest.raises(ct.SeedError, match="is not a SHA-256 digest") as info:
        validate(_seed_folder(tmp_path, text))
    assert info.value.line == 3


@pytest.mark.usefixtures("no_documents")
def test_sources_of_one_document_with_two_hashes_are_refused(tmp_path: Path) -> None:
    """seed-sha256-disagree: two sources of one document recording different hashes."""
    first = FIXTURE_TEXT.replace("start: 0, end: 801", f"sha256: {'a' * 64}, start: 0, end: 801")
    text = first.replace(
        "actors:\n",
        "  - {id: fx-other, document: fixture.txt, title: Other, sha256: "
        + "b" * 64
        + "}\nactors:\n",
        1,
    )
    with pytest.raises(ct.SeedError, match="differs from that of source 'fx-gazette'"):
        validate(_seed_folder(tmp_path, text))


@pytest.mark.usefixtures("no_documents")
def test_cli_validate_without_documents_prints_a_note() -> None:
    """`catimeline validate` without documents exits 0 and says on stderr what it skipped."""
    result = CliRunner().invoke(main, ["validate", str(FIXTURE_SEEDS)])
    assert result.exit_code == 0
    assert "catimeline: note: citation spans were not checked" in result.stderr
    assert "files valid" in result.stdout

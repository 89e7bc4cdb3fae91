"""The ``catimeline`` command: a thin shell over the Python API.

User mistakes print one line on stderr and exit 2 (1 for a database problem);
tracebacks are for bugs only.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from catimeline._errors import CatimelineError, DatabaseError, MigrationError, QueryError
from catimeline._query import MATCH_MODES, ORDERS, EventFilters

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "json", "csv")
#: What a terminal table shows; JSON and CSV carry every column.
TABLE_COLUMNS = ("id", "date", "kind", "title", "country", "deaths", "injured", "name", "status")


def _fail(exc: CatimelineError) -> None:
    message = str(exc)
    suggestions = getattr(exc, "suggestions", ())
    if suggestions and "did you mean" not in message:
        message += f" (did you mean {', '.join(map(repr, suggestions))}?)"
    click.echo(f"catimeline: {message}", err=True)
    errors = getattr(exc, "errors", ())
    for extra in errors[1:]:
        click.echo(f"catimeline: {extra}", err=True)
    code = 1 if isinstance(exc, DatabaseError | MigrationError) else 2
    sys.exit(code)


def friendly(fn: F) -> F:
    """Turn CatimelineError into a one-line message and a non-zero exit."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CatimelineError as exc:
            _fail(exc)

    return wrapper  # type: ignore[return-value]


def url_option(fn: F) -> F:
    """The ``--url`` option every data command takes."""
    return click.option(
        "--url",
        envvar="CATIMELINE_URL",
        default=None,
        help="Database URL (default: $CATIMELINE_URL, else the embedded SQLite file).",
    )(fn)


def format_option(fn: F) -> F:
    """The ``--format`` option of commands that print results."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output as a table, JSON or CSV.",
    )(fn)


def _open(url: str | None, **kwargs: Any) -> Any:
    import catimeline

    return catimeline.open(url, **kwargs)


def emit(items: Iterable[Any], fmt: str, *, title: str | None = None) -> None:
    """Print results as a rich table, JSON (full records) or CSV (flat rows)."""
    from catimeline._rows import as_dict, flat_rows

    items = list(items)
    if fmt == "json":
        click.echo(json.dumps([as_dict(i) for i in items], ensure_ascii=False, indent=2))
        return
    columns, rows = flat_rows(items)
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    columns = [c for c in columns if c in TABLE_COLUMNS and any(r.get(c) != "" for r in rows)]
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(row.get(c, "")) for c in columns))
    console = Console()
    console.print(table)
    console.print(f"{len(items)} result{'s' if len(items) != 1 else ''}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="catimeline", prog_name="catimeline")
def main() -> None:
    """catimeline: a curated, cited timeline of events in Central Asia."""


@main.command()
@click.argument("question")
@url_option
@format_option
@friendly
def ask(question: str, url: str | None, fmt: str) -> None:
    """Answer a short QUESTION, e.g. "all AMT incidents since 2021"."""
    with _open(url) as tl:
        results = tl.ask(question)
        if fmt == "table":
            # The query describes itself: "'all AMT incidents since 2021' read as: events ...".
            click.echo(results.query, err=True)
        emit(results, fmt, title=question)


def _filters(fn: F) -> F:
    options = [
        click.option("--actor", multiple=True, help="Actor name, alias or id (repeat for any of)."),
        click.option(
            "--all-actor",
            "actors_all",
            multiple=True,
            help="An actor that must take part (repeat: every one of them).",
        ),
        click.option(
            "--affiliated",
            "include_affiliated",
            is_flag=True,
            help="Also the actors affiliated with those named (a country's actors, "
            "subsidiaries and parts).",
        ),
        click.option("--kind", multiple=True, help="Event kind or group, e.g. incident, finance."),
        click.option("--country", multiple=True, help="ISO code or country name."),
        click.option("--place", multiple=True, help="Place; includes everything inside it."),
        click.option("--project", multiple=True, help="Project id, name or alias."),
        click.option("--text", default=None, help="Words in titles, summaries or names."),
        click.option("--since", default=None, help="From this EDTF date (2021, 2023-10)."),
        click.option("--until", default=None, help="Up to this EDTF date."),
        click.option("--during", default=None, help="Within this EDTF date."),
        click.option(
            "--match",
            type=click.Choice(list(MATCH_MODES)),
            default="overlaps",
            show_default=True,
            help="How dates meet the window.",
        ),
        click.option(
            "--order",
            type=click.Choice(list(ORDERS)),
            default="date",
            show_default=True,
            help="Oldest first, newest first (-date), or most deaths, injured or money first.",
        ),
        click.option("--limit", type=int, default=None, help="At most this many results."),
        click.option("--after", default=None, help="Continue after this event id (paging)."),
        click.option(
            "--accidents", is_flag=True, help="Only accidents (adds deaths, cause, operator)."
        ),
        click.option(
            "--min-deaths", type=int, default=None, help="Accidents with at least this many deaths."
        ),
        click.option("--cause", multiple=True, help="Accident cause (repeat for any of)."),
        click.option("--operator", multiple=True, help="Accident operator (repeat for any of)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _event_filters(kw: dict[str, Any]) -> EventFilters:
    """The filters of the command line: accident options need ``--accidents`` (every
    other filter, ``--kind`` too, combines with it)."""
    given = [
        f"--{name.replace('_', '-')}"
        for name in ("min_deaths", "cause", "operator")
        if kw.get(name) not in (None, ())
    ]
    if given and not kw.get("accidents"):
        raise QueryError(f"{', '.join(given)} apply to accidents: add --accidents")
    return EventFilters(**kw)


@main.command()
@_filters
@url_option
@format_option
@friendly
def events(url: str | None, fmt: str, **filters: Any) -> None:
    """List events matching every filter given."""
    query = _event_filters(filters)
    with _open(url) as tl:
        results = tl.query(query)
        if fmt == "table":
            click.echo(f"Query: {results.query}", err=True)
        emit(results, fmt)


@main.command("export")
@_filters
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "timelinejs", "geojson", "ics", "html"]),
    required=True,
    help="csv, jsonl (JSON Lines), timelinejs, geojson, ics (iCalendar) or html "
    "(an interactive timeline that opens offline).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output). Written whole or not at all.",
)
@click.option("--title", default=None, help="Title of the page, calendar or timeline.")
@click.option(
    "--bom", is_flag=True, help="csv: start with a UTF-8 byte-order mark (for spreadsheets)."
)
@click.option(
    "--keep-formulas",
    is_flag=True,
    help="csv: keep cells starting with = + - @ tab or CR as they are (default: prefix ').",
)
@url_option
@friendly
def export_command(
    url: str | None,
    fmt: str,
    output: Path | None,
    title: str | None,
    bom: bool,
    keep_formulas: bool,
    **filters: Any,
) -> None:
    """Export the events matching every filter given to a file other tools read."""
    from catimeline._exportreport import report

    query = _event_filters(filters)
    with _open(url) as tl:
        results = tl.query(query)
        text = results.export(fmt, output, title=title, bom=bom, keep_formulas=keep_formulas)
    if output is None:
        click.echo(text, nl=False)
        click.echo(report(fmt, text, len(results)), err=True)
    else:
        click.echo(f"{output}: {report(fmt, text, len(results))}", err=True)


@main.command()
@click.argument("what", type=click.Choice(["actor", "place", "project", "event", "source"]))
@click.argument("ref")
@url_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Readable text or JSON.",
)
@friendly
def show(what: str, ref: str, url: str | None, fmt: str) -> None:
    """Show one WHAT (actor, place, project, event or source) called REF, with its citations."""
    from catimeline._outputs import source_ids
    from catimeline._rows import as_dict

    with _open(url) as tl:
        item = getattr(tl, what)(ref)
        data = as_dict(item)
        cited = [tl.source(i) for i in source_ids(item)]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key, value in data.items():
        if value in (None, [], ""):
            continue
        if isinstance(value, list):
            click.echo(f"{key}:")
            for entry in value:
                shown = (
                    entry
                    if not isinstance(entry, dict)
                    else ", ".join(
                        f"{k}={v}" for k, v in entry.items() if v not in (None, [], "", False)
                    )
                )
                click.echo(f"  - {shown}")
        else:
            click.echo(f"{key}: {value}")
    if cited:
        click.echo("sources:")
        for source in cited:
            click.echo(f"  - {source_line(source)}")


def source_line(source: Any) -> str:
    """A source as its outlet, title, date and link (what a reader needs to find it)."""
    parts = [source.publisher, f'"{source.title}"', str(source.published or "")]
    line = ", ".join(p for p in parts if p) + f" [{source.id}]"
    return f"{line} {source.url}" if source.url else line


@main.group()
def db() -> None:
    """Schema migrations: upgrade, downgrade, current, check."""


def _engine(url: str | None) -> Any:
    import catimeline

    return catimeline.open(url, migrate=False, seed=False).engine


@db.command()
@click.argument("revision", default="head")
@url_option
@friendly
def upgrade(revision: str, url: str | None) -> None:
    """Upgrade the schema to REVISION (default: head)."""
    from catimeline._store import migrate

    engine = _engine(url)
    migrate.upgrade(engine, revision)
    click.echo(f"at revision {migrate.current(engine)}")


@db.command()
@click.argument("revision")
@url_option
@friendly
def downgrade(revision: str, url: str | None) -> None:
    """Downgrade the schema to REVISION ('base' removes every catimeline table)."""
    from catimeline._store import migrate

    engine = _engine(url)
    migrate.downgrade(engine, revision)
    click.echo(f"at revision {migrate.current(engine)}")


@db.command()
@url_option
@friendly
def current(url: str | None) -> None:
    """Print the revision the database is at."""
    from catimeline._store import migrate

    click.echo(migrate.current(_engine(url)) or "none (no catimeline tables)")


@db.command()
@url_option
@friendly
def check(url: str | None) -> None:
    """Check that the database schema matches this version of catimeline."""
    from catimeline._store import migrate

    diffs = migrate.check(_engine(url))
    if diffs:
        for diff in diffs:
            click.echo(f"differs: {diff}", err=True)
        raise MigrationError(
            f"{len(diffs)} differences between the database and catimeline's schema"
        )
    click.echo("schema up to date")


@main.command()
@url_option
@click.option(
    "--path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Seed folder (default: the bundled seeds).",
)
@click.option(
    "--documents",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of source documents, to check citation spans against.",
)
@click.option(
    "--origin",
    default=None,
    help="Name the rows of a --path folder carry (default: the folder's name).",
)
@friendly
def seed(url: str | None, path: Path | None, documents: Path | None, origin: str | None) -> None:
    """Validate and load seeds, all or nothing.

    A --path folder is loaded as its own origin: it may refer to the bundled seeds,
    and never changes or removes the bundled rows, another folder's or your own.
    """
    from catimeline._seeds import seed_if_changed

    with _open(url, seed=path is not None) as tl:
        report = seed_if_changed(
            tl.engine,
            path,
            force=True,
            documents=documents,
            progress=lambda msg: click.echo(msg, err=True),
            origin=origin,
        )
    assert report is not None
    _notes(report.unchecked)
    total = sum(report.written.values())
    click.echo(
        f"loaded {total} records ({', '.join(f'{n} {k}' for k, n in report.written.items())})"
        f"; removed {report.removed} stale"
    )
    if report.kept_user:
        click.echo(
            f"kept {len(report.kept_user)} rows of another origin over seeds with the same id: "
            + ", ".join(report.kept_user)
        )
    if report.kept_stale:
        click.echo(
            f"kept {len(report.kept_stale)} seed rows that left the seeds because other "
            "records still refer to them: " + ", ".join(report.kept_stale)
        )


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option(
    "--documents",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of source documents, to check citation spans against.",
)
@friendly
def validate(folder: Path | None, documents: Path | None) -> None:
    """Check a seed FOLDER (default: the bundled seeds) without a database."""
    from catimeline._seeds import validate as check_seeds

    seeds = check_seeds(folder, documents=documents)
    _notes(seeds.unchecked)
    counts = ", ".join(f"{n} {k}" for k, n in seeds.counts().items())
    click.echo(f"{seeds.files} files valid: {counts}")


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "acled"]),
    default=None,
    help="csv or jsonl (as `export` writes them) or acled (ACLED-style columns); "
    "default: from the file's suffix and header.",
)
@click.option("--dry-run", is_flag=True, help="Check everything and report; write nothing.")
@url_option
@friendly
def import_command(file: Path, fmt: str | None, dry_run: bool, url: str | None) -> None:
    """Import FILE as your own records, all or nothing (see docs: Adding your own data)."""
    from catimeline._importing import import_file

    with _open(url) as tl:
        report = import_file(
            tl,
            file,
            format=fmt,
            dry_run=dry_run,
            progress=lambda msg: click.echo(msg, err=True),
        )
    click.echo(str(report))


def _notes(unchecked: Iterable[str]) -> None:
    """Say on stderr what validation could not check (citation spans without documents)."""
    for note in unchecked:
        click.echo(f"catimeline: note: {note}", err=True)


@main.command()
@click.argument("document", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("phrase")
@click.option("--exact", is_flag=True, help="Span the phrase only, not its whole sentence.")
@friendly
def cite(document: Path, phrase: str, exact: bool) -> None:
    """Print the character span of PHRASE in DOCUMENT, to cite it in seeds."""
    from catimeline._cite import find_spans, read_document

    text = read_document(document)
    spans = find_spans(text, phrase, sentence=not exact)
    if not spans:
        raise CatimelineError(f"{phrase!r} is not in {document.name}: check the words")
    for span in spans:
        click.echo(
            f"{{source: SOURCE-ID, start: {span.start}, end: {span.end}}}"
            f"  # {document.name}, {span.end - span.start} characters"
        )


if __name__ == "__main__":  # pragma: no cover
    main()

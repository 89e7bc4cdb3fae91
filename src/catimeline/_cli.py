"""The ``catimeline`` command: a thin shell over the Python API.

This module holds the ``main`` group (the console script) and the commands that read
or load a timeline; ``db`` is in :mod:`catimeline._clidb`, the shared options in
:mod:`catimeline._clioptions` and the printing in :mod:`catimeline._clioutput`.
User mistakes print one line on stderr and exit 2 (1 for a database problem);
tracebacks are for bugs only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from catimeline._clidb import db
from catimeline._clioptions import (
    choice_option,
    event_filters,
    filter_options,
    format_option,
    friendly,
    url_option,
)
from catimeline._clioutput import echo_record, emit, notes
from catimeline._errors import CatimelineError


def _open(url: str | None, **kwargs: Any) -> Any:
    """The timeline a command works on: every command that reads or loads one opens it here."""
    import catimeline

    return catimeline.open(url, **kwargs)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="catimeline", prog_name="catimeline")
def main() -> None:
    """catimeline: a curated, cited timeline of events in Central Asia."""


main.add_command(db)


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


@main.command()
@filter_options
@url_option
@format_option
@friendly
def events(url: str | None, fmt: str, **filters: Any) -> None:
    """List events matching every filter given."""
    query = event_filters(filters)
    with _open(url) as tl:
        results = tl.query(query)
        if fmt == "table":
            click.echo(f"Query: {results.query}", err=True)
        emit(results, fmt)


@main.command("export")
@filter_options
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

    query = event_filters(filters)
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
@choice_option(
    "--format", "fmt", choices=("text", "json"), default="text", help="Readable text or JSON."
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
    echo_record(data, cited)


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
    notes(report.unchecked)
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
    notes(seeds.unchecked)
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

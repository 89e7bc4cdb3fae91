"""What the ``catimeline`` commands share: the ``--url`` and ``--format`` options, the
event filter options of ``events`` and ``export`` (and the EventFilters they build), and
:func:`friendly`, which turns a user's mistake into one line on stderr and an exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

import click

from catimeline._errors import CatimelineError, DatabaseError, MigrationError, QueryError
from catimeline._query import MATCH_MODES, ORDERS, EventFilters

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "json", "csv")


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
    return choice_option(
        "--format", "fmt", choices=FORMATS, default="table", help="Output as a table, JSON or CSV."
    )(fn)


def choice_option(*names: str, choices: Iterable[str], default: str, help: str) -> Callable[[F], F]:
    """An option that takes one of ``choices``, with its default shown in the help."""
    return click.option(
        *names, type=click.Choice(list(choices)), default=default, show_default=True, help=help
    )


def filter_options(fn: F) -> F:
    """The event filter options of ``events`` and ``export`` (see :func:`event_filters`)."""
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
        choice_option(
            "--match", choices=MATCH_MODES, default="overlaps", help="How dates meet the window."
        ),
        choice_option(
            "--order",
            choices=ORDERS,
            default="date",
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


def event_filters(kw: dict[str, Any]) -> EventFilters:
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

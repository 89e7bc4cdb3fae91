"""Database URLs as catimeline shows them: every secret masked, a bad port refused early.

A URL can carry a secret in two places: the ``user:password@`` part, and the
query, where libpq takes ``password``, ``sslpassword`` (the passphrase of the
client key) and ``oauth_client_secret``.  Any query key that names a password,
secret or token is treated the same way, so a driver's own option of that
kind stays hidden too.  Every URL catimeline prints (``repr(tl)``, ``tl.url``,
messages, the command line) goes through :func:`masked`; every driver message
goes through :func:`scrub` before it reaches one of ours.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote, quote_plus

from sqlalchemy import make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError

from catimeline._errors import DatabaseError

MASK = "***"
#: Query keys libpq reads a secret from (PostgreSQL 18's list of connection parameters).
LIBPQ_SECRETS = frozenset({"password", "sslpassword", "oauth_client_secret"})
#: Words that make any other query key a secret too.
SECRET_WORDS = ("password", "passwd", "pwd", "secret", "token", "credential")
UNREADABLE = "<unreadable database URL>"


def is_secret(key: str) -> bool:
    """Whether a URL query key carries a secret (``password``, ``sslpassword``...)."""
    low = key.lower()
    return low in LIBPQ_SECRETS or any(word in low for word in SECRET_WORDS)


def parse(url: URL | str) -> URL:
    """``url`` as a SQLAlchemy URL, or :class:`DatabaseError` saying what is wrong with it.

    The port is checked here (a number, 1-65535), so a typo fails with advice
    instead of a driver error; the message never repeats the URL's text,
    which may hold a password.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(
            f"{UNREADABLE!r} is not a database URL: use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host/dbname"
        ) from exc
    except (ValueError, TypeError) as exc:
        # SQLAlchemy reads the port with int(): "host:abc" or "host:5432x".
        raise DatabaseError(
            "the port of the database URL is not a number: write host:PORT with a port "
            "1-65535 (Postgres listens on 5432), or leave the port out"
        ) from exc
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise DatabaseError(
            f"the port {parsed.port} of the database URL is out of range: use a port "
            "1-65535 (Postgres listens on 5432), or leave the port out"
        )
    return parsed


def masked(url: URL | str) -> str:
    """The URL as text with the password and every secret query value shown as ``***``."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError, TypeError):
        return UNREADABLE
    hidden = {
        key: MASK if isinstance(value, str) else tuple(MASK for _ in value)
        for key, value in parsed.query.items()
        if is_secret(key)
    }
    if hidden:
        parsed = parsed.update_query_dict(hidden)
    return parsed.render_as_string(hide_password=True).replace(quote_plus(MASK), MASK)


def without_secrets(url: URL) -> tuple[URL, dict[str, str]]:
    """``url`` without its secret query values, and those values by key (the last of each).

    The engine is made from the URL without them and hands them to the driver as
    connection arguments, so the engine's own URL (its ``repr``, SQLAlchemy's logs
    and messages) holds no secret but the password SQLAlchemy already masks.
    """
    found = {
        key: value if isinstance(value, str) else value[-1]
        for key, value in url.query.items()
        if is_secret(key) and value
    }
    return (url.difference_update_query(list(found)) if found else url), found


def secrets(url: URL | str | None) -> list[str]:
    """Every secret the URL holds (its password and secret query values), longest first."""
    if url is None:
        return []
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError, TypeError):
        return []
    found = {str(parsed.password)} if parsed.password else set()
    for key, value in parsed.query.items():
        if is_secret(key):
            found.update(v for v in ((value,) if isinstance(value, str) else value) if v)
    return sorted(found, key=len, reverse=True)


def _spellings(secret: str) -> Iterator[str]:
    """A secret as a message may show it: as given, and URL-encoded both ways."""
    yield secret
    yield quote(secret, safe="")
    yield quote_plus(secret)


def scrub(message: str, url: URL | str | None) -> str:
    """``message`` with every secret of ``url`` masked, wherever and however it appears."""
    for secret in secrets(url):
        for spelling in _spellings(secret):
            message = message.replace(spelling, MASK)
    return message

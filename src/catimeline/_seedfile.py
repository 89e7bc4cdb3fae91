"""Reading one seed file: its YAML, checked against the limits, into located records.

``read_file`` turns a file into records, each with the file and line it was written at
(:class:`Located`), and collects every problem instead of stopping at the first bad
entry.  How one entry becomes a record is :mod:`catimeline._seedrecords`; what needs all
the files at once (unique ids, references, citation spans) is :mod:`catimeline._seeds`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from catimeline import _seedyaml as seedyaml
from catimeline import _yamllimits as yamllimits
from catimeline._errors import SeedError
from catimeline._model import Record
from catimeline._seedentry import Entry
from catimeline._seedrecords import READERS
from catimeline._similar import closest

SECTIONS = ("sources", "actors", "places", "projects", "events")


@attrs.frozen
class Located:
    """A record read from a seed file, with where it was written (and each field's line)."""

    record: Record
    path: str
    line: int
    fields: Mapping[str, int] = attrs.field(factory=dict, eq=False)

    def line_of(self, field: str | None) -> int:
        """The line of a top-level field of the entry, or of the entry itself."""
        return self.fields.get(field, self.line) if field else self.line


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = yamllimits.limited_composer()
    yaml.Reader = yamllimits.limited_reader()
    yaml.Scanner = yamllimits.limited_scanner(yaml.Scanner)
    return yaml


def read_file(path: Path, *, label: str | None = None) -> tuple[list[Located], list[SeedError]]:
    """Read one seed file: its records and every problem found (each with file and line).

    A YAML syntax error stops the file; a bad entry is reported and the rest are still read.
    """
    name = label or str(path)
    try:
        data = _parse(_read_text(path, name), name)
        if data is None:
            return [], []
        items = _sections(data, name)
    except SeedError as exc:
        return [], [exc]
    records: list[Located] = []
    errors: list[SeedError] = []
    for section, (item, line) in items:
        try:
            entry = Entry(item, name, line, f"an entry of {section}")
            fields = {str(k): entry.line_of(str(k)) for k in entry.data}
            records.append(Located(READERS[section](entry), name, line, fields))
        except SeedError as exc:
            errors.append(exc)
    return records, errors


def _read_text(path: Path, name: str) -> str:
    """The file's text: UTF-8 and within the size a seed file may have, else ``SeedError``."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(yamllimits.MAX_BYTES + 1)
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=name) from exc
    except OSError as exc:
        raise SeedError(f"cannot read the file: {exc.strerror}", path=name) from exc
    if len(raw) > yamllimits.MAX_BYTES:
        message = (
            f"the file is larger than the {yamllimits.MAX_BYTES // 2**20} MiB a seed file may "
            "be: split it into several files"
        )
        raise SeedError(message, path=name)
    return text


def _parse(text: str, name: str) -> Any:
    """The YAML document of ``text``; a syntax error or refused value is a ``SeedError``."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        # libyaml when it reads the file exactly as ruamel would (see catimeline._seedyaml).
        data = seedyaml.load(text)
        if data is seedyaml.SLOW:
            data = _yaml().load(text)
    except yamllimits.LimitExceeded as exc:
        raise SeedError(f"YAML refused: {exc.message}", path=name, line=exc.line) from exc
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "YAML syntax error"
        raise SeedError(f"YAML syntax error: {problem}", path=name, line=line) from exc
    except YAMLError as exc:
        raise SeedError(f"YAML error: {exc}", path=name) from exc
    except Exception as exc:
        # A YAML tag that cannot build its value (``!!int country``, a bad ``!!timestamp``,
        # ``!!set null``): ruamel's constructors raise whatever their code meets.
        problem = f"{type(exc).__name__}: {exc}"
        raise SeedError(f"YAML value cannot be read ({problem}): check its tag", path=name) from exc
    return data


def _sections(data: Any, name: str) -> list[tuple[str, tuple[Any, int]]]:
    """Each entry of the file with its section; an unknown section is a ``SeedError``."""
    top = Entry(data, name, 1, "a seed file")
    for key in data:
        if key not in SECTIONS:
            close = closest(str(key), SECTIONS, limit=1, by="spelling")
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            top.fail(f"unknown section {key!r}{hint}; sections are {', '.join(SECTIONS)}", key)
    return [(section, item) for section in SECTIONS for item in top.items(section)]

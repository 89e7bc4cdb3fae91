"""What a seed folder's sources say about their documents, checked.

Without the documents: recorded sha256 values are digests and agree between sources of
one document, and :func:`unchecked_note` says what could not be checked.  With them: each
document can be read, matches its recorded sha256, and holds its source's range.  The
document texts then serve to check the citation spans (:mod:`catimeline._validate`).
Problems are collected in a :class:`Checker`, each at its file and line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from catimeline._cite import read_document
from catimeline._errors import SeedError
from catimeline._model import Source
from catimeline._seedfile import Located
from catimeline._seedpaths import document_path
from catimeline._validate import all_citations

SHA256 = re.compile(r"[0-9a-f]{64}")


class Checker:
    """Collects problems, each with file and line, instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[SeedError] = []

    def add(self, message: str, where: Located | None = None, field: str | None = None) -> None:
        """A problem at ``where`` (the line of its ``field``, if given), or of the folder."""
        line = where.line_of(field) if where else None
        self.errors.append(SeedError(message, path=where.path if where else None, line=line))


def unchecked_note(located: Sequence[Located], sources: Mapping[str, Located]) -> str:
    """What validation without the documents checked, and what it could not."""
    spans = unranged = 0
    for loc in located:
        for source_id, *_span in all_citations(loc.record):
            src = sources.get(source_id)
            if src is None:
                continue  # a source of the database: its spans were checked when it was loaded
            spans += 1
            unranged += src.record.start is None or src.record.end is None  # type: ignore[union-attr]
    note = (
        "citation spans were not checked against the documents: no documents folder was "
        "given or found (pass documents=DIR or --documents DIR, or set CATIMELINE_DOCUMENTS); "
        f"checked instead: recorded sha256 values, and that {spans - unranged} of {spans} "
        "citations lie inside their article's recorded range"
    )
    if unranged:
        note += f"; {unranged} citations of sources without a recorded range were not checked"
    return note


def check_recorded_hashes(sources: Mapping[str, Located], check: Checker) -> None:
    """What can be checked of recorded sha256 values without the documents."""
    by_document: dict[str, tuple[str, str]] = {}
    for loc in sources.values():
        src = loc.record
        assert isinstance(src, Source)
        if src.sha256 is None:
            continue
        if not SHA256.fullmatch(src.sha256):
            check.add(
                f"source {src.id!r}: sha256 {src.sha256[:70]!r} is not a SHA-256 digest "
                "(64 lower-case hex digits): recompute it with `sha256sum`",
                loc,
                "sha256",
            )
            continue
        first = by_document.setdefault(src.document, (src.id, src.sha256))
        if first[1] != src.sha256:
            check.add(
                f"source {src.id!r}: sha256 differs from that of source {first[0]!r}, which "
                f"names the same document {src.document!r}: one of them is wrong",
                loc,
                "sha256",
            )


def check_sources(
    sources: Mapping[str, Located], docs: Path | None, check: Checker
) -> dict[str, str]:
    """Read each source's document from ``docs`` and check its sha256 and range; the texts
    read, by document name (none without a documents folder)."""
    texts: dict[str, str] = {}
    if docs is None:
        return texts
    unreadable: set[str] = set()
    for loc in sources.values():
        src = loc.record
        assert isinstance(src, Source)
        if src.document in unreadable:
            continue
        if src.document not in texts:
            try:
                path = document_path(docs, src.document)
                texts[src.document] = read_document(path)
            except ValueError as exc:
                unreadable.add(src.document)
                check.add(f"source {src.id!r}: {exc}", loc, "document")
                continue
            except SeedError as exc:
                unreadable.add(src.document)
                at = f" (line {exc.line})" if exc.line else ""
                check.add(
                    f"source {src.id!r}: document {src.document!r}: {exc.reason}{at}",
                    loc,
                    "document",
                )
                continue
        if src.sha256 and SHA256.fullmatch(src.sha256):
            # The text is valid UTF-8, so encoding it gives the file's bytes back.
            actual = hashlib.sha256(texts[src.document].encode("utf-8")).hexdigest()
            if actual != src.sha256:
                check.add(
                    f"source {src.id!r}: sha256 {src.sha256[:12]}... does not match "
                    f"{src.document} ({actual[:12]}...)",
                    loc,
                )
        length = len(texts[src.document])
        if src.end is not None and src.end > length:
            check.add(
                f"source {src.id!r}: its end {src.end} is past the end of "
                f"{src.document} ({length} characters)",
                loc,
            )
    return texts

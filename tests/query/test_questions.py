"""The question suite (tests/query/questions.yaml) asked of the curated timeline, through
``tl.ask`` and through the structured API, on SQLite and on Postgres.

Each question is answered exactly, refused (a typed error whose message names the words it
could not place and offers working forms), or answered wrongly. The figures are printed (run
with ``-s`` to see them) and the suite holds when at least 90% of the questions are answered
exactly (an expected refusal counts as exact) and none is answered silently wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any

import attrs
from ruamel.yaml import YAML

import catimeline as ct

QUESTIONS = Path(__file__).with_name("questions.yaml")
EXACT_SHARE = 0.9


@cache
def questions() -> tuple[Mapping[str, Any], ...]:
    """The suite, as written."""
    return tuple(YAML(typ="safe").load(QUESTIONS.read_text(encoding="utf-8")))


@attrs.frozen
class Outcome:
    """How one question fared: ``exact``, ``refused`` or ``wrong``, with what was seen."""

    question: str
    verdict: str
    seen: str = ""


def _ids(results: Sequence[Any]) -> list[str]:
    return [item.id for item in results]


def _offers_forms(message: str) -> bool:
    """Whether a refusal says what to ask instead: the grammar's forms or close names."""
    lowered = message.lower()
    return "try" in lowered or "did you mean" in lowered


def _names_a_word(question: str, message: str) -> bool:
    """Whether a refusal quotes at least one word of the question."""
    lowered = message.lower()
    return any(f"'{word.lower()}" in lowered for word in question.split())


def judge(entry: Mapping[str, Any], answer: Callable[[], Sequence[Any]], asked: str) -> Outcome:
    """Run ``answer`` (which asked ``asked``) and compare it with what ``entry`` expects."""
    question = str(entry["ask"])
    try:
        got = _ids(answer())
    except ct.CatimelineError as exc:
        message = str(exc)
        wanted = entry.get("refuse", ())
        named = all(w.lower() in message.lower() for w in wanted) and _names_a_word(asked, message)
        if named and _offers_forms(message):
            return Outcome(question, "exact" if wanted else "refused", message)
        return Outcome(question, "wrong", f"refusal lacks the words or the forms: {message}")
    if "refuse" in entry:
        return Outcome(question, "wrong", f"answered {got} instead of refusing")
    expected = list(entry["expect"])
    same = got == expected if entry.get("ordered") else sorted(got) == sorted(expected)
    if same and ("count" not in entry or len(got) == entry["count"]):
        return Outcome(question, "exact")
    return Outcome(question, "wrong", f"got {got}, expected {expected}")


def _api_words(entry: Mapping[str, Any]) -> str:
    """The values of a structured call, as the words its refusal should quote."""
    return " ".join(str(v) for k, v in entry["api"].items() if k != "call")


def structured(tl: ct.Timeline, entry: Mapping[str, Any]) -> Callable[[], Sequence[Any]]:
    """The structured call equivalent to the question (refusals have none)."""
    api = dict(entry["api"])
    method = getattr(tl, api.pop("call"))
    return lambda: method(**api)


def figures(outcomes: Sequence[Outcome]) -> dict[str, int]:
    """How many questions ended in each verdict."""
    return {v: sum(o.verdict == v for o in outcomes) for v in ("exact", "refused", "wrong")}


def report(label: str, outcomes: Sequence[Outcome]) -> str:
    """The figures and every question not answered exactly, one per line."""
    counts = figures(outcomes)
    lines = [
        f"{label}: {counts['exact']}/{len(outcomes)} exact, {counts['refused']} refused, "
        f"{counts['wrong']} wrong"
    ]
    lines += [f"  {o.verdict}: {o.question!r}: {o.seen}" for o in outcomes if o.verdict != "exact"]
    return "\n".join(lines)


def check(label: str, outcomes: Sequence[Outcome]) -> None:
    """At least 90% exact and nothing silently wrong; the figures are printed either way."""
    text = report(label, outcomes)
    print(text)
    counts = figures(outcomes)
    assert counts["wrong"] == 0, text
    assert counts["exact"] >= EXACT_SHARE * len(outcomes), text


def test_the_suite_is_large_and_well_formed() -> None:
    """At least 100 questions, each either expecting ids or naming the words of its refusal."""
    entries = questions()
    assert len(entries) >= 100
    assert len({e["ask"] for e in entries}) == len(entries)
    for entry in entries:
        assert ("expect" in entry) != ("refuse" in entry), entry["ask"]
        assert entry.get("why"), entry["ask"]
        if "expect" in entry:
            assert entry["api"]["call"] in {"events", "accidents", "projects"}, entry["ask"]


def test_ask_answers_the_suite(curated: ct.Timeline) -> None:
    """tl.ask answers at least 90% of the questions exactly and none silently wrong."""
    check("ask", [judge(e, partial(curated.ask, e["ask"]), e["ask"]) for e in questions()])


def test_structured_api_answers_the_suite(curated: ct.Timeline) -> None:
    """The structured call written beside each question gives exactly the expected answer."""
    entries = [e for e in questions() if "api" in e]
    outcomes = [judge(e, structured(curated, e), _api_words(e)) for e in entries]
    check("structured API", outcomes)


DOCS = Path(__file__).parents[2] / "docs" / "querying.md"


def documented_examples() -> list[tuple[str, str]]:
    """The (question, reading) rows of the example table in docs/querying.md."""
    text = DOCS.read_text(encoding="utf-8")
    table = text.split("### Example questions", 1)[1].split("\n\n", 2)[1]
    rows = [line.strip("| ").split(" | ") for line in table.splitlines()[2:]]
    return [(question, reading) for question, reading in rows]


def test_documented_examples_are_in_the_suite() -> None:
    """Every example question of the docs is one of the suite's questions (so its answer is
    checked too), and the table is not empty."""
    asked = {e["ask"] for e in questions()}
    examples = documented_examples()
    assert len(examples) >= 20
    assert [q for q, _ in examples if q not in asked] == []


def test_documented_readings_match_ask(curated: ct.Timeline) -> None:
    """Each example's documented reading is what ask() states in results.query."""
    for question, reading in documented_examples():
        stated = str(curated.ask(question).query)
        missing = [part for part in reading.split("; ") if part not in stated]
        assert missing == [], (question, stated)


def test_the_forms_a_refusal_offers_are_answered(curated: ct.Timeline) -> None:
    """Every question form a refusal offers (and every time form, after 'accidents') is read
    without an error: the forms offered work."""
    from catimeline._ask.reading import FORMS
    from catimeline._ask.times import TIME_FORMS

    offered = re.findall(r"'([^']+)'", FORMS)
    timed = [f"accidents {form}" for form in re.findall(r"'([^']+)'", TIME_FORMS)]
    assert len(offered) >= 6 and len(timed) >= 8
    for question in offered + timed:
        curated.ask(question)

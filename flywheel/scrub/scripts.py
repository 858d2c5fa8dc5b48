"""Text in a script other than Latin (Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Han,
Kana, Hangul, Georgian, Armenian, ...).

The scrubber's models read English: spaCy's NER, the name lists and the address shapes see
nothing in `Лесь Дзиндра`, `יעל כהן` or `ул. Широкая, д. 799`. In an English-speaking agent's
traffic such words are almost always a customer's name or address written in their own script,
so each run of them (with the house numbers and short Latin marks inside it) is one value of the
entity `OTHER_SCRIPT`, replaced like any other. An agent that talks in one of these languages
sets `OTHER_SCRIPT: {operator: keep}` in the policy (its personal values are then not scrubbed
in that script: the models cannot read it).
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from flywheel.scrub.shapes import CodeRecognizer

ENTITY = "OTHER_SCRIPT"
_LETTER = r"(?:[^\P{L}\p{Latin}]|[\p{Mn}\p{Mc}])"  # a letter of another script, or a mark on one
# a word of such letters (with a Latin letter or two inside, as in 海门路Z座), or a number beside one
# (not the minutes of a time: "18:02")
_UNIT = rf"(?:{_LETTER}+(?:[A-Za-z]{{1,2}}{_LETTER}+)*|(?<![\d:])\d{{1,5}}[A-Za-z]?(?:/\d{{1,5}})?(?!\d))"
# joined by spaces and marks, not across lines, and by a comma only before more words (ул. Широкая,
# д. 799), not before a number (a name, then a house number that starts an address)
_RUN = regex.compile(rf"{_UNIT}(?:(?:[ \t.'’/-]{{0,3}}|,[ \t]?(?={_LETTER})){_UNIT})*")
_ANY = regex.compile(r"[^\P{L}\p{Latin}]")
# numbers at either end of a run that hold 6 digits or more: a phone or card number beside a name
_NUMBER_TAIL = regex.compile(r"[\s.,/-]*(?:\d+[\s.,/-]*){2,}$|[\s.,/-]*\d{6,}[\s.,/-]*$")
_NUMBER_HEAD = regex.compile(r"^(?:\d+[\s.,/-]+){2,}")
_FIELD_HEAD = regex.compile(r"^\d+[ \t]+-[ \t]+")  # "2026, 18:02 - राजेन्द्र": the time is a field of its own


def _trim(run: str) -> tuple[int, int]:
    """The part of a run that is the name or address, without a long number at either end."""
    start, end = 0, len(run)
    if (m := _NUMBER_TAIL.search(run)) and sum(c.isdigit() for c in m.group()) >= 6:
        end = m.start()
    if (m := _NUMBER_HEAD.match(run, 0, end)) and sum(c.isdigit() for c in m.group()) >= 6:
        start = m.end()
    if m := _FIELD_HEAD.match(run, start, end):
        start = m.end()
    return start, start + len(run[start:end].rstrip(" .,-/'’"))


class OtherScriptRecognizer(CodeRecognizer):
    """Each run of words in a script other than Latin, as one `OTHER_SCRIPT` value."""

    def __init__(self) -> None:
        super().__init__(ENTITY, "OtherScript")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        if not _ANY.search(text):
            return []
        out = []
        for m in _RUN.finditer(text):
            start, end = _trim(m.group())
            if _ANY.search(m.group(), start, end):  # not a number alone
                out.append(RecognizerResult(ENTITY, m.start() + start, m.start() + end, 0.8))
        return out

"""Names in the forms records, signatures and chat write them, which the NER model and the
given-name-then-surname patterns miss: a surname in capitals before or after the given name
(Natalia TEDER, OGUNLEYE Grace, Padraig MAC GLOIN), an initial and a surname (D. Kościukiewicz),
the surname first with a comma (Heser, Siegried), a title and a name (Mr Taylor), and a name in
lower case after a cue or at a field's start (hi its carmelita aguado)."""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from flywheel.scrub.names import _UP, WORD_NAMES, english_zipf, given_names, name_words
from flywheel.scrub.shapes import CodeRecognizer

_CAPS = r"\p{Lu}{2,}(?:['’-]\p{Lu}{2,})?"
_GIVEN_THEN_CAPS = regex.compile(rf"(?<![\p{{L}}'’-])(\p{{Lu}}[\p{{Ll}}'’]+)((?:\s+{_CAPS}){{1,2}})(?![\p{{L}}])")
_INITIAL_THEN_SURNAME = regex.compile(rf"(?<![\p{{L}}.])\p{{Lu}}\.\s?(?:\p{{Lu}}\.\s?)?({_UP})(?![\p{{L}}])")
_CAPS_THEN_GIVEN = regex.compile(rf"(?<![\p{{L}}'’-])((?:{_CAPS}\s+){{1,2}})(\p{{Lu}}[\p{{Ll}}'’]+)(?![\p{{L}}])")
_TITLE_THEN_NAME = regex.compile(
    rf"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Dame|Mme|Mlle|Herr|Frau|Sr|Sra|Srta)\.?\s+({_UP}(?:\s+{_UP})?)(?![\p{{L}}])"
)
# a lower-case name only where a cue or a field says so ("hi its carmelita aguado", "name: anna garcia",
# "| anna garcia |"): lower-case text in other languages holds many words that are a given name somewhere
# (jag heter, nama saya, bitte buchen)
_LOWER_PAIR = regex.compile(
    r"(?:(?i:\b(?:i'?m|i am|its|it's|this is|my name is|name is|name|called|regards|thanks|thank you|from|by|"
    r"to|for|with|ask for|contact|customer|caller|user|holder|signed|cheers|best)\b[,:]?\s+)|(?:[|;\n:]|--|\s-)\s*)"
    r"(\p{Ll}{2,})\s+(\p{Ll}[\p{Ll}'’-]+)(?![\p{L}])"
)
_LOWER_VALUE = regex.compile(r"^\s*(\p{Ll}{2,})\s+(\p{Ll}[\p{Ll}'’-]+)\s*$")
_LOWER_SURNAME_ZIPF = 4.0  # "sara said" is not a name: a lower-case surname must be rarer than that
# (not after a given name: "Mateo Heindl, Stadlbauerstraße 4"; not before more: "Pozdrawiam, Lambert, John")
_SURNAME_COMMA_GIVEN = regex.compile(
    rf"(?<![\p{{L}}'’-]|\p{{Lu}}\p{{Ll}}+\s)({_UP}),\s({_UP})(?![\p{{L}}]|\s+\p{{Lu}}|,\s*\p{{Lu}})"
)


_COMMON_ZIPF = 4.8  # "thanks", "please", "today": a sentence after an initial, not a surname
_OPENERS = frozenset("Thanks Thank Hi Hello Hey Dear Please Regards Cheers Best Sorry Sure Okay Yes Great Done Note"
                     .split())  # fmt: skip
_CAPS_PARTICLES = frozenset("mac mc van von de del da di du la le al el st ter ten bin ben dos das".split())


def name_forms(text: str) -> list[tuple[int, int]]:
    """Spans of names written in the forms above."""
    given, known, zipf, out = given_names(), name_words(), english_zipf(), []
    for m in _GIVEN_THEN_CAPS.finditer(text):
        caps = m.group(2).split()
        short_ok = all(len(w) > 3 or (w.capitalize() in known and w.lower() not in zipf) for w in caps[-1:]) \
            and all(len(w) > 3 or w.lower() in _CAPS_PARTICLES or w.lower() not in zipf for w in caps[:-1])  # fmt: skip
        first = m.group(1)
        # a known given name (Nneka EZE, not "Anna VAT"), or a surname English never writes (Peace NNAMANI)
        rare = all(w.lower() not in zipf for w in caps) and first.lower() not in STOP_WORDS
        if short_ok and (first in given or rare):
            out.append((m.start(), m.end()))
    for m in _INITIAL_THEN_SURNAME.finditer(text):
        word = m.group(1)
        # any surname but the commonest words (not "plan B. Thanks", "vitamin D. Please")
        if zipf.get(word.lower(), 0) < _COMMON_ZIPF and word.lower() not in STOP_WORDS and word not in _OPENERS:
            out.append((m.start(), m.end()))
    for m in _CAPS_THEN_GIVEN.finditer(text):  # OGUNLEYE Grace, DE GRAEVE Kimberly
        caps = m.group(1).split()
        caps_ok = all(len(w) > 3 or w.lower() in _CAPS_PARTICLES or w.lower() not in zipf for w in caps)
        if m.group(2) in given and caps_ok:
            out.append((m.start(), m.end()))
    out += [m.span(1) for m in _TITLE_THEN_NAME.finditer(text)]  # Mr Taylor, Ms. Sales: the title says so
    if not text.isupper():
        # carmelita aguado, in chat; or a whole value ("fn": "shehu idris")
        pairs = [*_LOWER_PAIR.finditer(text, overlapped=True), *_LOWER_VALUE.finditer(text)]
        for m in pairs:
            first, last = m.group(1).capitalize(), m.group(2)
            if first in given and zipf.get(last, 0) < _LOWER_SURNAME_ZIPF and last not in STOP_WORDS:
                out.append((m.start(1), m.end(2)))
    for m in _SURNAME_COMMA_GIVEN.finditer(text, overlapped=True):
        surname, first = m.group(1), m.group(2)
        surname_like = (surname in known or surname.lower() not in zipf) and surname not in _OPENERS
        common = zipf.get(surname.lower(), 0) >= _COMMON_ZIPF or surname in WORD_NAMES
        if (first in given or first.lower() not in zipf) and surname_like and not common:
            out.append((m.start(), m.end()))
    return out


class NameFormRecognizer(CodeRecognizer):
    """`name_forms` as a Presidio recognizer."""

    def __init__(self) -> None:
        super().__init__("PERSON", "NameForms")

    def load(self) -> None:
        name_words()
        english_zipf()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        return [RecognizerResult("PERSON", a, b, 0.7) for a, b in name_forms(text)]

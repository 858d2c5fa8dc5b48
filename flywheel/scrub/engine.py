"""Scrub logged calls: find personal values with Presidio, replace them consistently.

Detection runs once per distinct text (system prompts and boilerplate repeat across thousands of
calls) and in batches through spaCy. Replacement works per trace: every value found anywhere in
the conversation is replaced everywhere in it (messages, tool-call arguments, tool results), so
the same email is `<EMAIL_ADDRESS_1>` in the user's message and in the tool call that uses it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex
from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
from presidio_analyzer.nlp_engine import NlpArtifacts

from flywheel.bulk import in_forks
from flywheel.scrub.greetings import greeting_spans, past_greeting
from flywheel.scrub.keys import entity_of
from flywheel.scrub.names import (
    brand_after_article,
    drop_word_names,
    name_parts,
    name_words,
    not_a_name,
    tidy_person,
    trim_person,
)
from flywheel.scrub.policy import Policy
from flywheel.scrub.traces import keyed_values, map_message, texts_of

Found = tuple[str, str]  # (entity, value)
_NEEDS_NER = regex.compile(r"\p{Lu}|[^\P{L}\p{Latin}]")  # a capital, or a letter of a script without case


@dataclass
class TraceResult:
    messages: list[dict]
    response: dict
    replaced: Counter = field(default_factory=Counter)  # (entity, operator) -> distinct values


class Scrubber:
    def __init__(self, policy: Policy, analyzer: AnalyzerEngine | None = None, batch_size: int = 64) -> None:
        from flywheel.scrub.recognizers import build_analyzer

        self.policy = policy
        self.analyzer = analyzer or build_analyzer(policy)
        self.batch = BatchAnalyzerEngine(analyzer_engine=self.analyzer)
        self.batch_size = batch_size
        self.entities = sorted(set(policy.entities) | {p.entity for p in policy.patterns})
        allow = sorted(policy.allow_list, key=len, reverse=True)
        self._allow = re.compile("|".join(re.escape(a) for a in allow)) if allow else None
        self.cache: dict[str, list[Found]] = {}

    # -- detection -------------------------------------------------------------------------
    def detect(self, texts: Iterable[str], workers: int = 1) -> None:
        """Analyse every text not seen before, in batches; results land in `self.cache`.

        With `workers` > 1 the distinct texts are split across forked processes, which share the
        loaded model with this one (copy-on-write) instead of loading their own.
        """
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if not todo:  # scrub_trace after a day's detect: everything is known
            return
        parallel = workers > 1 and len(todo) >= 50 * workers
        found = in_forks(self._analyze, todo, workers) if parallel else self._analyze(todo)
        self.cache.update(zip(todo, found, strict=True))

    def _analyze(self, texts: list[str]) -> list[list[Found]]:
        """Texts with a capital letter (or letters of a script without case) go through spaCy's NER;
        the rest (e-mail addresses, numbers, dates, lower-case arguments: a quarter of the texts in
        agent traffic) only through the pattern recognizers, with the tokenizer's output."""
        seen = [_plain_text(t) for t in texts]  # what the recognizers read; spans index both alike
        ner = [i for i, t in enumerate(seen) if _NEEDS_NER.search(t)]
        plain = [i for i, t in enumerate(seen) if not _NEEDS_NER.search(t)]
        out: list[list[Found]] = [[] for _ in texts]
        found = self.batch.analyze_iterator([seen[i] for i in ner], language="en", batch_size=self.batch_size,
                                            entities=self.entities)  # fmt: skip
        for i, results in zip(ner, found, strict=True):
            out[i] = self._select(texts[i], results)
        engine = self.analyzer.nlp_engine
        tokenizer = engine.nlp["en"]
        for i in plain:
            doc = tokenizer.make_doc(seen[i])
            artifacts = NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc], lemmas=[],
                                     nlp_engine=engine, language="en")  # fmt: skip
            results = self.analyzer.analyze(seen[i], language="en", entities=self.entities, nlp_artifacts=artifacts)
            out[i] = self._select(texts[i], results)
        return out

    def _select(self, text: str, results) -> list[Found]:
        """Apply thresholds, overlaps (a personal span beats a `keep` span, then longer, then
        surer) and the allow-list; return the personal values to replace."""
        spans, greetings = [], None
        for r in results:
            rule = self.policy.rule(r.entity_type)
            if rule is None or r.score < rule.threshold:
                continue
            recognizer = str((r.recognition_metadata or {}).get("recognizer_name", ""))
            ner = recognizer == "SpacyRecognizer"
            start = r.start
            end = r.end
            if ner and r.entity_type == "PERSON":
                end = _name_end(text, r.start, r.end)  # "William Long / 2001-06-23": the name ends at the slash
                if end is None or drop_word_names(text, r.start, end):
                    continue  # "Bill it to my card"; "order ORD-834285" (names hold no digits)
                start = trim_person(text, r.start, end)
                if not_a_name(text, start, end):  # what is left once the words before it are trimmed
                    continue
            if r.entity_type == "PERSON":
                # '=CONCATENATE("Ann Lee"', 'ako si ESPARZA/...', 'Guest: Ann Lee  Address: ...' (a listed
                # value keeps its gaps: it was typed so)
                start, end = tidy_person(text, start, end, ner, gaps=not recognizer.startswith("KnownValues"))
                if greetings is None:
                    greetings = greeting_spans(text)
                start = past_greeting(text, start, end, greetings)  # "Guten Tag", "Hej Anna" -> Anna
                if start >= end or brand_after_article(text, start, end):
                    continue  # "You are the Contoso travel agent"
            if r.entity_type in ("PERSON", "STREET_ADDRESS") and "\n" in text[start:end]:  # nor to the next line
                start, end = _first_line(text, start, end, digit=r.entity_type == "STREET_ADDRESS")
            spans.append((start, end, r.entity_type, r.score, rule.operator))
        spans.sort(key=lambda s: (s[4] == "keep", s[0] - s[1], -s[3]))
        # an allow-listed product name protects what lies inside it, not a value that contains it
        allowed = [(m.start(), m.end()) for m in self._allow.finditer(text)] if self._allow else []
        taken: list[tuple[int, int]] = []
        out = []
        for start, end, entity, _, operator in spans:
            if any(s <= start and end <= e for s, e in allowed):
                continue
            # a span that overlaps a surer or longer one keeps what lies outside it: "경희 배 / 031"
            # beside the phone number "031 2715115" is still the name 경희 배
            for a, b in _uncovered(start, end, taken):
                value = _PIECE_EDGES.sub("", text[a:b]) if (a, b) != (start, end) else text[a:b].strip()
                if not value:
                    continue
                taken.append((a, b))
                if entity == "PERSON":  # Jane Doe's account: the name is Jane Doe; "Jane Doe / 1980": no slash
                    value = re.sub(r"['’]s$", "", re.sub(r"[\s/|;,:]+$", "", value))
                # one letter is no value, but 明 is a name
                if operator != "keep" and (len(value) > 1 or entity == "OTHER_SCRIPT" or _UNCASED.match(value)):
                    out.append((entity, value))
        return out

    def _allowed(self, value: str) -> bool:
        return bool(self._allow and self._allow.fullmatch(value))

    # -- replacement -----------------------------------------------------------------------
    def _token(self, entity: str, value: str, numbers: Counter) -> str:
        operator = self.policy.rule(entity).operator
        if operator == "hash":
            digest = hmac.new(self.policy.salt, value.encode(), hashlib.sha256).hexdigest()[:10]
            return f"<{entity}_{digest}>"
        if operator == "mask":
            return "*" * len(value)
        numbers[entity] += 1
        return f"<{entity}_{numbers[entity]}>"

    def scrub_trace(self, messages: list[dict], response: dict) -> TraceResult:
        """Scrub one logged call (its request messages and its response message)."""
        texts = texts_of([*messages, response])
        self.detect(texts)
        values: dict[str, str] = {}
        for text in texts:
            for entity, value in self.cache[text]:
                values.setdefault(value, entity)
        for key, value in keyed_values([*messages, response]):
            entity = entity_of(key, value)
            rule = self.policy.rule(entity) if entity else None
            if rule is not None and rule.operator != "keep" and not self._allowed(value.strip()):
                values.setdefault(value.strip(), entity)
        values = _split_joined(values)
        for value, entity in list(values.items()):  # "thanks, Charlotte" after "Charlotte Benjamin-Osei"
            if entity == "PERSON":
                for part in name_parts(value):
                    if not self._allowed(part):  # Acme, the company on the policy's allow-list
                        values.setdefault(part, entity)
        if not values:
            return TraceResult(messages, response)
        numbers: Counter = Counter()
        tokens = {value: self._token(entity, value, numbers) for value, entity in values.items()}
        replaced = Counter((entity, self.policy.rule(entity).operator) for entity in values.values())
        longest_first = sorted(values, key=len, reverse=True)

        def edit(text: str) -> str:
            return _replace(text, longest_first, tokens)

        return TraceResult([map_message(m, edit) for m in messages], map_message(response, edit), replaced)


_SEPARATORS = re.compile(r"[\s,;:|/-]*")


def _split_joined(values: dict[str, str]) -> dict[str, str]:
    """Drop a value that is only other values of the same call with separators between them
    ("Ann Lee, 12 Oak St" found as one span, where the tool call holds the name and the address
    apart): each part then gets its own placeholder, the same in the text and in the call."""
    if len(values) < 3:
        return values
    out = dict(values)
    by_length = sorted(values, key=len, reverse=True)
    for value in by_length:
        rest = value
        for part in by_length:  # longest first, as `_replace` does: "Ann Lee" before "Ann"
            if len(part) < len(value) and part in rest:
                rest = rest.replace(part, " ")
        if rest != value and _SEPARATORS.fullmatch(rest):
            del out[value]
    return out


_SPACE_SEPARATORS = regex.compile(r"[^\S\n\r\t ]|\p{Zs}(?<! )")  # no-break, narrow, thin, ideographic, ...
_DASHES = regex.compile(r"\p{Pd}(?<!-)")  # en and em dashes, hyphen, figure dash, full-width hyphen-minus, ...
_FULL_WIDTH = regex.compile(r"[\uff01-\uff5e]")  # the full-width forms of ASCII (０-９, （）, Ａ-Ｚ, ...)
_OTHER_DIGITS = regex.compile(r"(?![0-9])\p{Nd}")  # digits of other scripts: ٠١٢ (Arabic-Indic), ०१२, ๐๑๒


def _plain_text(text: str) -> str:
    """The text as the recognizers' patterns (written in ASCII) read it, one character for one:
    other spaces as a space, dashes as a hyphen, full-width forms and other scripts' digits as
    ASCII ("01628–865114", "（１１） ９７７９０－７８２７", "+٣٨٩ ٢ ٢٠٠ ١٤١٥" and a number with
    no-break spaces are phone numbers like any other)."""
    if text.isascii():
        return text
    text = _DASHES.sub("-", _SPACE_SEPARATORS.sub(" ", text))
    text = _FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    return _OTHER_DIGITS.sub(lambda m: str(unicodedata.digit(m.group())), text)


_UNCASED = regex.compile(r"\p{Lo}")  # a letter of a script without case: 蒋 alone is a name
_PIECE_EDGES = regex.compile(r"^[\W_]+|[\W_]+$")  # separators left at the ends of a cut span


def _uncovered(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) outside every taken range."""
    pieces = [(start, end)]
    for s, e in taken:  # each piece keeps what lies before and after the range (either may be empty)
        pieces = [p for a, b in pieces for p in ((a, min(b, s)), (max(a, e), b)) if p[0] < p[1]]
    return pieces


def _first_line(text: str, start: int, end: int, digit: bool = False) -> tuple[int, int]:
    """The first non-empty line of a span; with `digit`, the first with a digit if there is one
    (an address's house number: "Krajnc\nKreljeva ulica 5c" is the address on the second line)."""
    lines = [m for m in re.finditer(r"[^\n]+", text[start:end]) if m.group().strip()]
    if digit and any(c.isdigit() for m in lines for c in m.group()):
        lines = [m for m in lines if any(c.isdigit() for c in m.group())]
    return (start + lines[0].start(), start + lines[0].end()) if lines else (start, end)


def _replace(text: str, values: list[str], tokens: dict[str, str]) -> str:
    """Every occurrence of each value (longest first) that does not sit inside a longer word,
    replaced by its token; a value inside one already replaced is left to that one. (A scan with
    `str.find` instead of one compiled regex per trace: compiling cost a twentieth of the step.)"""
    spans: list[tuple[int, int, str]] = []
    for value in values:
        head, tail = value[0].isalnum(), value[-1].isalnum()
        at = text.find(value)
        while at >= 0:
            end = at + len(value)
            bounded = not (head and at > 0 and _word_char(text[at - 1])) and not (
                tail and end < len(text) and _word_char(text[end]))  # fmt: skip
            if bounded and not any(a < end and at < b for a, b, _ in spans):
                spans.append((at, end, tokens[value]))
            at = text.find(value, at + 1)
    if not spans:
        return text
    spans.sort()
    out, last = [], 0
    for a, b, token in spans:
        out.append(text[last:a])
        out.append(token)
        last = b
    out.append(text[last:])
    return "".join(out)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


_LOWER_TAIL = regex.compile(r"(?:[\s\\]+\p{Ll}[\p{Ll}'’-]*)+$")
_NAME_WORDS = regex.compile(r"\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s+\p{Lu}\p{Ll}[\p{L}'’-]*)+")


def _name_end(text: str, start: int, end: int) -> int | None:
    """Where a span NER took for a name ends once the fields after it are cut off (a name holds
    no digits: "William Long / 2001-06-23" is William Long), or None when no name is left."""
    span = _FIELD_END.split(text[start:end])[0]  # "Thor Lie | Street: ...": a name is one field
    span = span[: len(span.rstrip("'\"*`_.)]>»”’ "))]  # "'holder': 'Ann Lee'", "**Ann Lee**"
    if "@" in span:  # a name holds no e-mail address: "emel saya jane@example.net dan" is none
        span = span[: span.rfind(" ", 0, span.find("@")) + 1].rstrip()
        if span.islower() or not span:
            return None
    # (a one-word label that is no known name: "Dermot: pls send" is a speaker)
    if not span.islower():  # "Stephanie G. vagyok", "ROZALIJA KOCJANČIČ iban": a name ends with its last capital word
        span = _LOWER_TAIL.sub("", span)
    label = " " not in span.strip() and text[start + len(span) : start + len(span) + 1] == ":" \
        and span.strip() not in name_words()  # fmt: skip
    if (span.isupper() and " " not in span) or label:  # "LOCATION:2 Joseph Promenade", "Traveller: ...": labels
        return None
    digit = regex.search(r"\d", span)
    if not digit:
        return start + len(span) if span else None
    head = regex.split(r"\s*[/|;,]\s*", span[: digit.start()])[0].rstrip()
    return start + len(head) if _NAME_WORDS.fullmatch(head) else None


# a field separator ("CN=Ann Lee:mailto:..."), or a sentence's end after a word of three letters or
# more (not "O. Lee", "Dr. Ng", "Ing. Tiziano Romero")
_FIELD_END = regex.compile(
    r"\s*[|;\t]\s*|\s+/\s+|\s+--?\s+|\s*<|:(?=\S)"
    r"|(?<=\p{L}{3})(?<!\b(?:Ing|Mgr|Prof|Dipl|Mag|Sgt|Rev|Gen|Col|Capt|Hon|Mme|Mlle|Sra|Srta|Bros|Univ))\.\s+(?=\p{Lu})"
)

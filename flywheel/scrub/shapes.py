"""Recognizers for personal values whose shape varies by country: phone numbers, street
addresses, card numbers of 12-19 digits, IBANs in any case and grouping, undashed SSNs.

Each is a Presidio `EntityRecognizer` over a broad candidate pattern, with a decision in code
(digit counts, checksums, context words) instead of one regex per country.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from flywheel.scrub.residual import iban_ok, luhn_ok


class CodeRecognizer(EntityRecognizer):
    """A Presidio recognizer whose decision is code rather than a list of patterns: nothing to load."""

    def __init__(self, entity: str, name: str) -> None:
        super().__init__(supported_entities=[entity], name=name)

    def load(self) -> None:
        pass


# -- phone numbers -----------------------------------------------------------------------------
# (a tel: or sms: URI's number too, RFC 3966: tel:+90-212-909-49-10; never across a tab, which
# separates fields: "26 August 1984<tab>332-13-5611"; after a comma only with a plus: "Ann,+226 70 13 42 72")
_EXT_WORD = r"(?:x|ext\.?|extn\.?|extension|#)"  # before an extension: 0161 496 0123 x12, ext. 12
_PHONE = regex.compile(
    r"(?:(?<=(?i:tel|sms|callto|fax):)|(?<=,)(?=\+)|(?<![\w+/.,:-]))"
    r"(?:\+|00)?(?:\(\+?\d{1,5}\)|\d)(?:[ ().\-/]{0,3}\d){5,17}"
    rf"(?:\s{{0,2}}{_EXT_WORD}\s{{0,2}}\d{{1,6}}|,\d{{1,5}}(?=\s|$|[;),]))?(?![\w/]|[.,:-]\d)"
)  # (an extension after a comma too, as a dialler writes it: +1 506-693-3004,820)
_PHONE_CONTEXT = regex.compile(
    r"(?i)(?:phone|call|tel\b|telephone|mobile|mob\b|cell|number|reach|text|sms|whats\s?app|fax|ring|dial|contact|nr\b|"
    r"no\.|ext\b|extension|line\b|hotline|landline)"
)
# a word right before a number that makes it a reference, not a person's number (order 100234567,
# EAN 4006381333931, tracking 1Z999AA1..., account 7741-0093)
ID_BEFORE = regex.compile(
    r"(?i)\b(?:order|invoice|ticket|case|tracking|booking|ref|reference|po|sku|ean|upc|gtin|isbn|item|part|serial|"
    r"build|version|shipment|parcel|confirmation|account|acct|contract|policy|membership|bill)"
    r"\s*(?:no\.?|nr\.?|number|id|#|:)?\s*#?$"
)
# a short number (an extension, a small country's 4-7 digits) right after a word that calls it a
# phone number: "extension is 22135", "call 7013", "text 20 13 17", "a text on 22 11 91", "my number is 40194"
_PHONE_CUE = (
    r"(?i)\b(?:phone|call|tel|telephone|text|sms|mobile|mob|cell|extension|ext|dial|ring|reach(?:ed|able)?|whats\s?app|fax|"
    r"get\s+through|callback|call-back|(?:my|our|his|her|their|your)\s+number|nummer|número|numero|numéro|telefon|"
    r"numer(?:em|u)?|číslo|číslem|broj|nomor|nombor|"
    r"teléfono|telefone|telefono|téléphone|direct(?:\s+line)?|landline)\b\.?"
    r"(?:\s+(?:me|you|us|her|him|them|back|shortly|booked|sent)){0,2}(?:\s+(?:is|on|at|to|via|for|number|no\.|on\s+(?:file|record)|"
    r"är|es|é|est|ist|jest|to))?\s*(?:[\"']\s*:\s*[\"']|:?\s*`?)"
)  # (a quoted key and value too: "phone": "62853"; Markdown's code marks: phone: `40170`)
_SHORT_PHONE = regex.compile(
    _PHONE_CUE + r"((?:\(\d{1,5}\)[ ]?)?\+?\d(?:(?:[./-]|[ ]{1,2}|[ ]/[ ]|[ ]-[ ])?\d){3,8})(?![\w/]|[ .,:/-]?\d)"
)  # (an area code in brackets first: "their extension is (90) 1909"; " - " between groups: "tel 20 - 175")
# a short number with an extension: the extension says phone (a small country's 5-digit number, x593)
_SHORT_WITH_EXTENSION = regex.compile(
    r"(?<![\w+/.,:-])\d(?:[ .-]?\d){3,5}(?:\s{0,2}(?:ext\.?|extn\.?|extension)\s{0,2}|\s?x)\d{1,6}(?![\w/]|[.,:-]\d)"
)
# a number with letters for its last digits (vanity: 1-800-FLOWERS, 0800 REPAIR) after a phone word
# (the first letter right after a digit or a hyphen, or after a space: see `_vanity`)
_VANITY = regex.compile(
    _PHONE_CUE + r"(?-i:([+(]?\d(?:[\d ()\-/]|\.(?!\s)){0,14}(?<=[\d -])[A-Z](?:[().\-/]?[\dA-Z])*"
    r"(?:[ -][\dA-Z]{1,4})*))(?![\w])"
)
# a whole field of a record (between | or ; or " / ", or on its own line) that is a number of 7 to 15 digits
# in groups: in "Record 55: Ann | 1950-12-23 | 591 0106" the last field is a phone number
_FIELD_PHONE = regex.compile(
    r"(?<=(?:^|[|;\n]|[ \t]/[ \t])[ \t]{0,3})\+?"
    r"(?:\d{1,4}(?:(?:[ ./-]| - )\d{1,4}){1,5}|\d{1,5}[ ./-]\d{5,10}|\d{7,15})"
    r"(?:[ \t]?(?:x|ext\.?)[ \t]?\d{1,5})?(?=[ \t]*(?:$|[|;\n]|[ \t]/[ \t]))"
)
# a contact written as a list (a name, an e-mail address, a number): a number of five digits or more
# that is a whole item of the list, next to an e-mail address ("john koch, jk@x.com, 87 55 10")
_LIST_NUMBER = regex.compile(
    r"(?<=(?:^|[,(;:]|[ \t][/·•|])[ \t]{0,2})(?<!\d[,.:][ \t]{0,2})\+?\d(?:(?:[ .\-\u2013]|[ ]?/[ ]?)?\d){4,11}"
    r"(?:[ ]?[A-Z]{1,4}\d?)?(?<!\.\d\d)(?=[ \t]*(?:[,);]|[ \t][/·•|][ \t]|\.?$|\.\s))"
)  # (vanity letters at its end too: "jk@x.com, 628 197 ACU"; between middle dots: "Ann Lee · 22125 · a@b.org")
# a number in two or more groups near an e-mail address, in a sentence ("lists 981 86 36 and jk@x.com")
_GROUPED_NEAR_EMAIL = regex.compile(r"(?<![\w+/.,:-])\d{2,4}(?:[ .\-]\d{2,4}){1,4}(?![\w/]|[.,:-]\d)")
# a number after a phone word later in the same clause ("queued callback for John Meyers at 75 25 04",
# "callback logged to 92 19 50", "do-not-call set for 21 - 14 - 93", "dial-in for Mark Okonkwo: 22155",
# "left a message for Ann Lee on 31250", "the alert now goes to 51204")
_CUE_THEN_AT = regex.compile(
    r"(?i)\b(?:call(?:back|ed)?|ring|phone|dial(?:-in)?|reach|message|alert|text(?:ed)?|sms|voicemail)\b[^.\n;:]{1,40}?"
    r"(?:\b(?:at|on|to|for)\s+|:\s*)"
    r"(\+?\d(?:(?:[ ./-]| - | / )?\d){4,12})(?![\w/]|[ .,:/-]?\d)"
)
_EMAIL_LIKE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MONTH_YEAR = regex.compile(r"^(?:0?[1-9]|1[0-2])[ ./-](?:19|20)\d{2}$")  # 09/2026 in a record: a date
_DATE_GROUPS = regex.compile(r"^(?:\d{4}[ .-]\d{1,2}[ .-]\d{1,2}|\d{1,2}[ .-]\d{1,2}[ .-]\d{2,4})$")
_DATE_LIKE = regex.compile(r"^(?:\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$")
_IPV4 = regex.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_EXIT_CODE = regex.compile(r"^(?:00|011|0011|010|001|002)[ .-]?(?=[1-9])")
# "SSN 123-45-6789 / 12 Main St": an identity number, not a phone number running on
_ID_NUMBER_BEFORE = regex.compile(r"(?i)\b(?:ssn|sin|nin|tin|itin|tax\s?id|national\s?id)\s*[:#]?\s*$")
_AREA_IN_BRACKETS = regex.compile(r"^\(\d{2,5}\)[ ]?\d{3,}")
_LOCAL = regex.compile(r"^[2-9]\d{2}(?:[.-]|[ ]{1,2})\d{4}$")
_EXTENSION = regex.compile(rf"\s{{0,2}}{_EXT_WORD}\s{{0,2}}\d{{1,6}}$")
_COMMA_EXTENSION = regex.compile(r",\d{1,5}$")


def phone_score(candidate: str, before: str) -> float:
    """How sure a phone-shaped candidate is a phone number (0 when it is not one):
    international prefixes and national trunk zeros are sure; separated groups of 8 or more
    digits likely; a bare run of digits only with a phone word just before it."""
    comma = _COMMA_EXTENSION.search(candidate)  # counts as an extension only after a sure number
    candidate = _COMMA_EXTENSION.sub("", candidate)
    number = _EXTENSION.sub("", candidate)
    digits = sum(c.isdigit() for c in number)
    exit_code = _EXIT_CODE.match(number)  # dialled from abroad: 0011 221 30 156 21 51 has 16 digits
    longest = 15 + (sum(c.isdigit() for c in exit_code.group()) if exit_code else 0)
    shortest = 5 if number != candidate else 7  # an extension says phone: 211-217 ext 82
    if not shortest <= digits <= longest or _DATE_LIKE.match(number.strip()) or ID_BEFORE.search(before) \
            or _IPV4.match(number) \
            or _ID_NUMBER_BEFORE.search(before):  # fmt: skip
        return 0.0
    separated = any(c in number for c in " ().-/\t")
    context = bool(_PHONE_CONTEXT.search(before[-40:]))
    if number.startswith(("+", "00")) or "(0)" in number:
        return 0.85 if digits >= 7 or (comma and digits >= 5) else 0.0  # +683 7013 (Niue) has seven
    if number != candidate:  # had an extension
        return 0.8
    if number.startswith(("0", "(")) and digits >= 8:
        return 0.75
    if _AREA_IN_BRACKETS.match(number) and digits >= 6:  # (888)8152: an area code and a local number
        return 0.6
    if separated and digits >= 8:
        return (
            0.7
            if regex.search(r"\d[ ().\-/]+\d", number) and not regex.fullmatch(r"\d{1,3}(?:,\d{3})+", number)
            else 0.0
        )
    if context:
        return 0.7
    if _LOCAL.match(number):  # 555 0123: the local number of many countries, without its area code
        return 0.6
    return 0.55 if digits >= 10 else 0.0


def _phone_candidates(text: str):
    """Phone-shaped runs; one that spans a " / " between fields (29 August 1950 / 397-621-5381)
    is looked at field by field."""
    for m in _PHONE.finditer(text):
        if " / " not in m.group():
            yield m
            continue
        start = m.start()
        for piece in m.group().split(" / "):
            yield from _PHONE.finditer(text, start, start + len(piece))
            start += len(piece) + 3


class PhoneShapeRecognizer(CodeRecognizer):
    """Phone numbers in international and national formats of any country, with extensions."""

    def __init__(self) -> None:
        super().__init__("PHONE_NUMBER", "PhoneShapes")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        out = []
        for m in _phone_candidates(text):
            score = phone_score(m.group(), text[max(0, m.start() - 40) : m.start()])  # the words just before
            if score:
                out.append(RecognizerResult("PHONE_NUMBER", m.start(), m.end(), score))
        out += [RecognizerResult("PHONE_NUMBER", m.start(1), m.end(1), 0.6) for m in _SHORT_PHONE.finditer(text)]
        out += [RecognizerResult("PHONE_NUMBER", m.start(), m.end(), 0.6) for m in _SHORT_WITH_EXTENSION.finditer(text)
                if not _after_id(text, m.start())]  # fmt: skip
        out += [RecognizerResult("PHONE_NUMBER", m.start(1), m.end(1), 0.6) for m in _VANITY.finditer(text)
                if _vanity(m.group(1), text[m.start() : m.start(1)])]  # fmt: skip
        out += [RecognizerResult("PHONE_NUMBER", m.start(), m.end(), 0.5) for m in _FIELD_PHONE.finditer(text)
                if _field_phone(m.group())]  # fmt: skip
        out += [RecognizerResult("PHONE_NUMBER", a, b, 0.5) for a, b in _beside_emails(text)]
        for m in _CUE_THEN_AT.finditer(text):
            number = m.group(1)
            if not _is_date(number) and not _MONTH_YEAR.match(number) and not _IPV4.match(number):
                out.append(RecognizerResult("PHONE_NUMBER", m.start(1), m.end(1), 0.5))
        spans: dict[tuple[int, int], RecognizerResult] = {}
        for r in out:  # one result per span, the surest (a cue and a shape may find the same number)
            if (r.start, r.end) not in spans or spans[(r.start, r.end)].score < r.score:
                spans[(r.start, r.end)] = r
        return list(spans.values())


def _after_id(text: str, start: int) -> bool:
    """True where a word just before `start` calls the number a reference (order 4411, SKU ...)."""
    return bool(ID_BEFORE.search(text[max(0, start - 40) : start]))


def _beside_emails(text: str) -> list[tuple[int, int]]:
    """Numbers within 60 characters of an e-mail address that are an item of its list (see
    `_LIST_NUMBER`) or a number in groups (`_GROUPED_NEAR_EMAIL`), not a date or a reference."""
    emails = [m.span() for m in _EMAIL_LIKE.finditer(text)] if "@" in text else []
    if not emails:
        return []
    return [m.span() for pattern, fits in _NEAR_EMAIL for m in pattern.finditer(text)
            if any(m.start() - 60 <= b and a <= m.end() + 60 for a, b in emails) and fits(m.group())
            and not _is_date(m.group()) and not _after_id(text, m.start())]  # fmt: skip


# each with what else a number it finds must be: not a month and year; six to twelve digits, no IP
_NEAR_EMAIL = (
    (_LIST_NUMBER, lambda n: not _MONTH_YEAR.match(n)),
    (_GROUPED_NEAR_EMAIL, lambda n: 6 <= sum(c.isdigit() for c in n) <= 12 and not _IPV4.match(n)),
)


_PHONE_NOUN = regex.compile(r"(?i)\b(?:phone|tel|telephone|mobile|mob|cell|fax|number|nummer|n[uú]mero|callback)\b")


def _vanity(value: str, cue: str) -> bool:
    """Five to fifteen digits and letters, three or more of them digits, at most seven letters;
    where a space comes before the letters, six digits before them or a phone noun in the cue
    ("phone on file 321 FPTJ"; not "call 911 ASAP")."""
    digits, letters = sum(c.isdigit() for c in value), sum(c.isalpha() for c in value)
    first = next(i for i, c in enumerate(value) if c.isalpha())
    few = sum(c.isdigit() for c in value[:first]) < 6
    spaced = value[first - 1] == " " and few and not _PHONE_NOUN.search(cue)
    return not spaced and digits >= 3 and 1 <= letters <= 7 and 5 <= digits + letters <= 15


def _field_phone(field: str) -> bool:
    """A field of 7 digits or more that is not a date; of 6 in groups (22/1653, 21 15 77: a small
    country's number, or a local one)."""
    number = _EXTENSION.sub("", field)
    digits = sum(c.isdigit() for c in number)
    if _is_date(number) or _MONTH_YEAR.match(number) or _IPV4.match(number):
        return False
    return digits >= 7 or (digits == 6 and not number.isdigit())


def _is_date(field: str) -> bool:
    """Three groups that make a calendar date (2026-11-05, 05.11.26, 11/05/2026); not 21 15 77."""
    if not (_DATE_GROUPS.match(field) or _DATE_LIKE.match(field)):
        return False
    groups = regex.split(r"[ ./-]", field)
    a, b, c = (int(g) for g in groups)
    if len(groups[0]) == 4:  # year first
        return 1 <= b <= 12 and 1 <= c <= 31
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


# -- cards, IBANs, SSNs -------------------------------------------------------------------------
_CARD = regex.compile(r"(?<![\d.,-])\d(?:[ .-]?\d){11,18}(?![\d]|[.,-]\d)")
_CARD_CONTEXT = regex.compile(r"(?i)(?:card|visa|master|maestro|amex|discover|debit|credit|pan\b|charge|pay)")
_IBAN = regex.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){8,30}")
# an SSN's shape (area 001-899 but 666, group 01-99, serial 0001-9999), dashed, spaced or bare
_SSN = regex.compile(r"(?<![\w.,/-])(?!000|666|9\d\d)(\d{3})[ .-]?(?!00)\d{2}[ .-]?(?!0000)\d{4}(?![\w/]|[.,-]\d)")
# words that name a national identity number, within the few words before it
_SSN_CONTEXT = regex.compile(
    r"(?i)\b(?:ssn|ssns|social|security|tax(?:payer)?|tin|itin|national|identity|identification|id|"
    r"nin|citizen|government|gov|kyc)\b"
)


class LuhnCardRecognizer(CodeRecognizer):
    """Luhn-valid runs of 13-19 digits (spaces, dashes or dots between), and of 12 digits
    (Maestro) where a card word comes before."""

    def __init__(self) -> None:
        super().__init__("CREDIT_CARD", "CardDigits")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        out = []
        for m in _CARD.finditer(text):
            digits = "".join(c for c in m.group() if c.isdigit())
            if not luhn_ok(digits) or len(set(regex.sub(r"\d", "", m.group()))) > 1:
                continue
            if len(digits) >= 13 or _CARD_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
                out.append(RecognizerResult("CREDIT_CARD", m.start(), m.end(), 0.8))
        return out


# an IBAN's first group, then groups of at most four characters: "GB18WECP0126... please" stops
# before "please", whatever the checksum of the longer string
_GROUPS = regex.compile(r"\S+(?: [A-Za-z0-9]{1,4}(?![A-Za-z0-9]))*")
SHORTEST_IBAN = 12  # below the registry's 15: account numbers in IBAN form from countries outside it (TH + 12 digits)


class IbanAnyCaseRecognizer(CodeRecognizer):
    """IBANs in upper or lower case, grouped or not, whose mod-97 checksum holds (the longest
    valid prefix of the candidate, so a word after it is not swallowed)."""

    def __init__(self) -> None:
        super().__init__("IBAN_CODE", "IbanAnyCase")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        out, pos = [], 0
        while m := _IBAN.search(text, pos):
            value, pos = _GROUPS.match(m.group()).group(), m.start() + 1
            for end in range(len(value), 11, -1):
                whole = value[end - 1] != " " and (end == len(value) or value[end] == " ")
                if whole and iban_ok(value[:end].upper(), SHORTEST_IBAN):
                    head, _, last = value[:end].rpartition(" ")
                    if head and last.isalpha() and iban_ok(head.upper(), SHORTEST_IBAN):
                        end = len(head)  # "... 21868 ab. Vertrag": a word after it, both valid by chance
                    out.append(RecognizerResult("IBAN_CODE", m.start(), m.start() + end, 0.9))
                    pos = m.start() + end
                    break
        return out


class SsnCueRecognizer(CodeRecognizer):
    """US social security numbers in any grouping (bare, spaced, dotted, dashed) where a word
    that names an identity number comes in the 40 characters before ("SSN on file", "national
    id", "identity confirmed with")."""

    def __init__(self) -> None:
        super().__init__("US_SSN", "SsnWithCue")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        return [RecognizerResult("US_SSN", m.start(), m.end(), 0.85) for m in _SSN.finditer(text)
                if _SSN_CONTEXT.search(text[max(0, m.start() - 40) : m.start()])
                and not ID_BEFORE.search(text, max(0, m.start() - 30), m.start())]  # fmt: skip

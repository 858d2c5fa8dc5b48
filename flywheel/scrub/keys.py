"""What a JSON key says about its value: `{"phone": "0705316157"}` is a phone number even where
no recognizer would know it from the digits alone.

Each rule pairs a pattern on the key (the last word of a snake_case or camelCase key) with a shape
the value must have, so a key called `account` holding "premium" is left alone.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from flywheel.scrub.names import NAME
from flywheel.scrub.residual import iban_ok, luhn_ok

_DIGITS = regex.compile(r"\D")
_DATE = regex.compile(r"\d{1,4}[-./ ]\d{1,2}[-./ ]\d{1,4}|\p{L}+\.? \d{1,2},? \d{4}|\d{1,2}\.? \p{L}+\.? \d{4}")


def _phone(v: str) -> bool:  # under a phone key, 4 digits are enough (an extension, Niue's numbers)
    digits = len(_DIGITS.sub("", v))
    if regex.fullmatch(r"[+(]?[\d ().\-/x#ext]{4,30}", v):
        return 4 <= digits <= 18
    # letters for the last digits (vanity: 0800 FLOWERS, (01) 129B1VG)
    letters = sum(c.isupper() for c in v)
    shaped = regex.fullmatch(r"[+(]?\d[\d ().\-/]*[A-Z][\dA-Z ().\-/]*", v)
    return bool(shaped) and digits >= 3 and 5 <= digits + letters <= 18


# a name typed in lower case under a name key ("name": "guy ó corcoráin"): two to four words of letters
_LOWER_NAME = regex.compile(r"\p{Ll}[\p{L}'’-]*(?:\s+\p{L}[\p{L}'’.-]*){1,3}")


def _card(v: str) -> bool:
    d = _DIGITS.sub("", v)
    return bool(regex.fullmatch(r"[\d .-]+", v)) and 12 <= len(d) <= 19 and luhn_ok(d)


RULES: list[tuple[regex.Pattern, str, object]] = [
    (
        regex.compile(
            r"(?i)(?:^|_)(?:full|customer|contact|first|last|given|family|sender|recipient|holder|owner|"
            r"passenger|guest|patient|beneficiary|payee|payer|caller|employee|requester|assignee|"
            r"attendee|member|cardholder|account_?holder|user|person|author|driver)?_?name$|"
            r"(?:^|_)(?:holder|owner|passenger|guest|patient|beneficiary|payee|caller|cardholder|"
            r"recipient|requester|assignee|contact_?person|consignee|signatory|signer|approver|applicant|member|"
            r"subscriber|travell?er|tenant|employee|emp|staff|full|user)$|_by$"
        ),
        "PERSON",
        lambda v: bool(regex.fullmatch(NAME, v) or _LOWER_NAME.fullmatch(v)),
    ),
    (
        # phone, phones, phone_number, mobile_no, contact_nr: the word, a number suffix, a plural
        regex.compile(
            r"(?i)(?:(?:phone|mobile|mob|cell|tel|telephone|fax|msisdn|whatsapp|ext|extension|landline|sms|callback)"
            r"(?:_?(?:no|nr|num|number))?|contact_?(?:no|nr|num|number))s?$"
        ),
        "PHONE_NUMBER",
        _phone,
    ),
    (
        regex.compile(r"(?i)(?:address|addr|street|address_?line_?\d?|line_?[12]|residence)$"),
        "STREET_ADDRESS",
        lambda v: bool(regex.search(r"\d", v) and regex.search(r"\p{L}{3}", v)) and len(v) >= 5,
    ),
    (regex.compile(r"(?i)(?:card|card_?(?:no|num|number)|pan|cc|cc_?number|credit_?card)$"), "CREDIT_CARD", _card),
    (
        regex.compile(r"(?i)(?:iban|account|account_?(?:no|num|number)|bank_?account)$"),
        "IBAN_CODE",
        lambda v: bool(regex.fullmatch(r"[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{11,36}", v)) and iban_ok(v.upper()),
    ),
    (
        regex.compile(r"(?i)(?:ssn|social_?security(?:_?number)?|tax_?id|tin|national_?id)$"),
        "US_SSN",
        lambda v: bool(regex.fullmatch(r"\d{3}[ .-]?\d{2}[ .-]?\d{4}", v)),
    ),
    (
        regex.compile(r"(?i)(?:dob|birth_?date|date_?of_?birth|born|birthday)$"),
        "DATE_OF_BIRTH",
        lambda v: bool(_DATE.fullmatch(v)),
    ),
]


def entity_of(key: str, value: str) -> str | None:
    """The kind of personal value `value` is under `key`, or None."""
    value = value.strip()
    if not value or len(value) > 200:
        return None
    key = regex.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key)  # contactNumber -> contact_Number
    for pattern, entity, shape in RULES:
        if pattern.search(key) and shape(value):  # type: ignore[operator]
            return entity
    return None


# key=value pairs and "Label: value" lines in free text (log lines, query strings, forms)
_PAIR_KEY = regex.compile(r"(?<![\w.-])([A-Za-z][\w-]{0,30})=")
_PAIR_END = regex.compile(r"[&;|,\n]")
_LABEL_LINE = regex.compile(r"(?m)^[ \t>*-]*([A-Za-z][\w .-]{0,24}?)[ \t]*:[ \t]*(\S[^\n]{0,80}?)[ \t]*$")
# a label's value in a line of fields between bars ("Name: Ann Lee | Street: 0 1-Cİ MƏDƏN | Phone: ...")
_LABEL_FIELD = regex.compile(
    r"(?:(?<=\|)|(?<=--)|^)[ \t]*([A-Za-z][\w .-]{0,24}?)[ \t]*:[ \t]*([^|\n]{1,80}?)[ \t]*(?=\||$)", regex.M
)


def pairs(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of each value written as key=value or on a "Label: value" line."""
    out = []
    keys = list(_PAIR_KEY.finditer(text))
    for i, m in enumerate(keys):
        stop = keys[i + 1].start() if i + 1 < len(keys) else len(text)
        end = _PAIR_END.search(text, m.end(), stop)
        end = end.start() if end else stop
        value = text[m.end() : end].rstrip()
        start = m.end() + (len(value) - len(value.lstrip('"\'')))
        out.append((m.group(1), start, m.end() + len(value.rstrip('"\'.')) ))
    # a label's value with a comma may be several values (Address: Ann Lee, 4 Oak Road): left to the others
    if "|" in text:
        out += [(m.group(1), m.start(2), m.end(2)) for m in _LABEL_FIELD.finditer(text) if ", " not in m.group(2)]
    for m in _LABEL_LINE.finditer(text):
        value = _VALUE_END.split(m.group(2))[0]  # "Address: 4 Oak Grove. Thanks! -- Ann": the address
        quoted = len(value) > 2 and value[0] == value[-1] and value[0] in "\"'"  # phone: "628 032 1C1" (YAML)
        if ", " not in value:
            out.append((m.group(1), m.start(2) + quoted, m.start(2) + len(value) - quoted))
    return out


# where a label's value ends inside its line: a sentence end after a word (not "Apt. 7", "St. Mary"),
# a dash or bar between fields, an exclamation or question mark
_VALUE_END = regex.compile(
    r"(?<=\p{L}{3}|\d)(?<!\b(?i:apt|ave|str|blvd|rd|no|nr|ste|bldg|flr))[.!?]\s|\s+--?\s+|\s+\|\s+|[!?]"
)


class KeyValueRecognizer(EntityRecognizer):
    """A value whose key or label says what it is, in text: `user=Leah`, `Tel: 031 228`."""

    ENTITIES = ("PERSON", "PHONE_NUMBER", "STREET_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "DATE_OF_BIRTH")

    def __init__(self) -> None:
        super().__init__(supported_entities=list(self.ENTITIES), name="KeyValue")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        if "=" not in text and ":" not in text:
            return []
        out = []
        for key, start, end in pairs(text):
            entity = entity_of(key.strip().replace(" ", "_"), text[start:end]) if end > start else None
            if entity in entities:
                out.append(RecognizerResult(entity, start, end, 0.8))
        return out

"""What a JSON key says about its value: `{"phone": "0705316157"}` is a phone number even where
no recognizer would know it from the digits alone.

Each rule pairs a pattern on the key (the last word of a snake_case or camelCase key) with a shape
the value must have, so a key called `account` holding "premium" is left alone.
"""

from __future__ import annotations

import regex

from flywheel.scrub.names import NAME
from flywheel.scrub.residual import iban_ok, luhn_ok

_DIGITS = regex.compile(r"\D")
_DATE = regex.compile(r"\d{1,4}[-./ ]\d{1,2}[-./ ]\d{1,4}|\p{L}+\.? \d{1,2},? \d{4}|\d{1,2}\.? \p{L}+\.? \d{4}")


def _phone(v: str) -> bool:  # under a phone key, 4 digits are enough (an extension, Niue's numbers)
    return bool(regex.fullmatch(r"[+(]?[\d ().\-/x#ext]{4,30}", v)) and 4 <= len(_DIGITS.sub("", v)) <= 18


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
            r"recipient|requester|assignee|contact_?person|consignee|signatory|signer|approver|applicant|"
            r"subscriber|travell?er|tenant|employee|emp|staff|full)$|_by$"
        ),
        "PERSON",
        lambda v: bool(regex.fullmatch(NAME, v)),
    ),
    (
        # phone, phones, phone_number, mobile_no, contact_nr: the word, a number suffix, a plural
        regex.compile(
            r"(?i)(?:(?:phone|mobile|mob|cell|tel|telephone|fax|msisdn|whatsapp|ext|extension|landline)"
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

"""An independent second pass over scrubbed text: strict patterns with checksums.

It shares no code with the scrubber (no Presidio, no spaCy) so that one's blind spot is not the
other's. It reports what kind of value survived and where, never the value.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(
    r"(?<![\w+])\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,3}(?![\w-])"  # +44 20 7946 0958
    r"|(?<![\w-])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\w-])"  # (415) 555-0134, 415-555-0134
)
CARD = re.compile(r"(?<![\d.])(?:\d[ .-]?){11,18}\d(?![\d]|\.\d)")
CARD_CUE = re.compile(r"(?i)(?:card|visa|mastercard|maestro|amex|debit|credit)\W+(?:\w+\W+){0,3}$")
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}")
SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])")
SSN_CUE = re.compile(r"(?i)(?:ssn|social security(?: number)?)\W{1,4}(?:is\s+)?(\d{3}[ .]?\d{2}[ .]?\d{4})(?!\d)")
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\w:])")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_ok(value: str, shortest: int = 15) -> bool:
    """The IBAN checksum (mod 97) over a value of `shortest` to 34 characters (15: Norway's)."""
    v = value.replace(" ", "")
    if not shortest <= len(v) <= 34:
        return False
    return int("".join(str(int(c, 36)) for c in v[4:] + v[:4])) % 97 == 1


def _ip_ok(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def find_residual(text: str) -> Iterator[str]:
    """The kinds of structured personal value still in `text` (one item per value found)."""
    for _ in EMAIL.finditer(text):
        yield "EMAIL_ADDRESS"
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        cue = len(digits) == 12 and CARD_CUE.search(text[max(0, m.start() - 40) : m.start()])
        if (13 <= len(digits) <= 19 or cue) and luhn_ok(digits):
            yield "CREDIT_CARD"
    for m in IBAN.finditer(text):
        value = m.group().upper()
        if any(iban_ok(value[:end]) for end in range(len(value), 14, -1) if value[end - 1] != " "):
            yield "IBAN_CODE"
    for _ in SSN.finditer(text):
        yield "US_SSN"
    for _ in SSN_CUE.finditer(text):
        yield "US_SSN"
    for m in IPV4.finditer(text):
        if _ip_ok(m.group()):
            yield "IP_ADDRESS"
    for m in IPV6.finditer(text):
        if _ip_ok(m.group()):
            yield "IP_ADDRESS"
    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        card_like = len(digits) >= 13 and luhn_ok(digits)  # reported as a card above, not also as a phone
        if 9 <= len(digits) <= 15 and not card_like:
            yield "PHONE_NUMBER"

import pytest

from flywheel.scrub.residual import find_residual, iban_ok, luhn_ok


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mail me: jane.doe@example.org", "EMAIL_ADDRESS"),
        ("card 4111 1111 1111 1111 please", "CREDIT_CARD"),
        ("IBAN DE89 3704 0044 0532 0130 00", "IBAN_CODE"),
        ("my SSN is 536-22-8014", "US_SSN"),
        ("login from 203.0.113.9", "IP_ADDRESS"),
        ("from 2001:db8:85a3:0:0:8a2e:370:7334", "IP_ADDRESS"),
        ("call +1 (415) 555-0134", "PHONE_NUMBER"),
        ("call 381-329-8411 today", "PHONE_NUMBER"),
    ],
)
def test_each_kind_is_found(text: str, kind: str):
    assert kind in set(find_residual(text))


@pytest.mark.parametrize(
    "text",
    [
        "Hi <PERSON_1>, write to <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>",
        "order ORD-914989 ships on 2026-10-16 at 16:30, ticket TCK-12345, 3 passengers",
        "SELECT COUNT(*) FROM orders WHERE date_trunc('month', created_at) = '2026-02-01'",
        "card 4111 1111 1111 1112",  # fails Luhn
        "IBAN DE00 3704 0044 0532 0130 00",  # fails mod 97
        "version 1.2.3.4000 released",
    ],
)
def test_scrubbed_text_and_lookalikes_pass(text: str):
    assert list(find_residual(text)) == []


def test_checksums():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and not iban_ok("GB83 WEST 1234 5698 7654 32")

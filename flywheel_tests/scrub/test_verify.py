"""The second detector: its own walk over every field, its own detectors."""

from flywheel.scrub.verify import Verifier, strings


def test_strings_walks_every_column_json_inside_strings_and_keys():
    row = {"client_id": "web", "tools": '[{"function": {"name": "lookup", "parameters": {"jane@x.org": 1}}}]',
           "messages": '[{"role": "tool", "name": "x", "content": "{\\"a\\": [\\"deep\\"]}"}]', "n": 3}  # fmt: skip
    texts = set(strings(row))
    assert {"web", "lookup", "jane@x.org", "deep", "tool", "x"} <= texts


def test_finds_phone_numbers_of_many_regions_names_addresses_and_structured_values():
    v = Verifier(["Acme Mesh Node"])
    found = v.check([
        {"m": "call 0161 496 0123"}, {"m": "ruf an: 030 901820 55"}, {"m": "+33 6 12 34 56 78"},
        {"m": "Please ask Hans Müller to call back."}, {"m": "ship to 12 Oak Ridge Avenue, Portland, OR 97205"},
        {"m": "iban gb82 west 1234 5698 7654 32"}, {"m": "SSN 536228014"}, {"name": "jane.doe@example.org"},
    ])  # fmt: skip
    expected = ["PHONE_NUMBER", "PHONE_NUMBER", "PHONE_NUMBER", "PERSON", "STREET_ADDRESS", "IBAN_CODE", "US_SSN",
                "EMAIL_ADDRESS"]  # fmt: skip
    assert [kind in f for kind, f in zip(expected, found, strict=True)] == [True] * len(expected)


def test_scrubbed_text_models_dates_tool_ids_and_allowed_products_pass():
    v = Verifier(["Acme Mesh Node"])
    rows = [
        {"m": "Hi <PERSON_1>, we will call <PHONE_NUMBER_1> about your Acme Mesh Node."},
        {"model": "gpt-4.1-2025-04-14", "id": "call_rVpsx4v3gqX1"},
        {"m": "Schedule 'Q3 planning' 2026-04-05 16:30, ticket TCK-52949, order 48213, total 1,299.00"},
        {"m": "INVOICE  No 2026/4417   Bill to   <PERSON_1>   Total 311.40"},
        # an everyday word and a letter is no name (NER takes "Reply C" for one)
        {"m": "Reminder: <PERSON_1>, your appointment is Tue 10:15. Reply C to cancel or call <PHONE_NUMBER_1>."},
        # a heading in capitals of everyday words is no name; nor is an account's number a phone number
        {"m": "REGISTRATION CARD  Room 512  Guest: <PERSON_1>  Nights: 2; account 7741-0093"},
    ]
    assert [sum(f.values()) for f in v.check(rows)] == [0, 0, 0, 0, 0, 0]
    # a rarer word before an initial is still a name
    assert v.check([{"m": "Caller ID matched Zimmerman J.; phone on file"}])[0]["PERSON"] == 1
    # a name of everyday words not in capitals is still one
    assert v.check([{"m": "Please ask Will Young to call back."}])[0]["PERSON"] == 1

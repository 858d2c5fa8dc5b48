"""The recognizers for values whose shape varies by country, and the key cues."""

import pytest

from flywheel.scrub.addresses import StreetAddressRecognizer
from flywheel.scrub.keys import KeyValueRecognizer, entity_of
from flywheel.scrub.names import GivenNameRecognizer, NameCueRecognizer, RareNameRecognizer
from flywheel.scrub.scripts import OtherScriptRecognizer
from flywheel.scrub.shapes import IbanAnyCaseRecognizer, LuhnCardRecognizer, PhoneShapeRecognizer, SsnCueRecognizer


def _found(recognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, [])]


@pytest.mark.parametrize(
    "phone",
    ["+44 (0)20 7946 0958", "0161 496 0123", "(04521) 067019", "+33 (0)4 65 74 95 80", "030 901820",
     "(242)405-0728x6340", "001-355-364-4977x5766", "+49 30 901820", "08-531 947 50", "1-415-555-0143"],
)  # fmt: skip
def test_phone_numbers_in_national_and_international_formats(phone: str):
    assert _found(PhoneShapeRecognizer(), f"you can reach me on {phone} tomorrow") == [phone]


def test_a_bare_run_of_digits_is_a_phone_only_after_a_phone_word():
    assert _found(PhoneShapeRecognizer(), "my mobile is 06123456") == ["06123456"]
    assert _found(PhoneShapeRecognizer(), "call 4015550125 please") == ["4015550125"]
    assert _found(PhoneShapeRecognizer(), "order 48213112 shipped") == []


@pytest.mark.parametrize(
    "text",
    ["on 2026-11-02 at 16:30", "it costs 1,299.00 EUR", "build 4.12.7", "order #48213", "model gpt-4.1-2025-04-14"],
)
def test_dates_prices_versions_and_ids_are_not_phones(text: str):
    assert _found(PhoneShapeRecognizer(), text) == []


def test_cards_of_12_to_19_digits_with_dots_and_a_card_word_for_12():
    assert _found(LuhnCardRecognizer(), "card 6011.3190.0200.6821 ok") == ["6011.3190.0200.6821"]
    assert _found(LuhnCardRecognizer(), "my maestro card 5020 6121 2853") == ["5020 6121 2853"]
    assert _found(LuhnCardRecognizer(), "reference 5020 6121 2853") == []


def test_ibans_in_lower_case_and_odd_grouping_stop_at_the_checksum():
    found = _found(IbanAnyCaseRecognizer(), "to gb82 west 1234 5698 7654 32 and to GB82WEST12345698765432 then")
    assert found == ["gb82 west 1234 5698 7654 32", "GB82WEST12345698765432"]


def test_undashed_ssn_after_its_name():
    assert _found(SsnCueRecognizer(), "SSN 536228014, thanks") == ["536228014"]


@pytest.mark.parametrize(
    "text", ["SSN on file 358346737, born", "national id 420785584.", "identity confirmed with 611769106 and",
             "tax ID: 237 04 2896;"],
)  # fmt: skip
def test_an_ssn_in_any_grouping_with_an_identity_word_a_few_words_before(text: str):
    assert len(_found(SsnCueRecognizer(), text)) == 1


@pytest.mark.parametrize(
    ("text", "phone"),
    [("their extension is 22135.", "22135"), ("Call 40176.", "40176"), ("text 20 13 17.", "20 13 17"),
     ("the team may phone +683 7013.", "+683 7013"), ("cannot get through to 2 345 679, it", "2 345 679"),
     ("Ann | 1950-12-23 | 591 0106", "591 0106")],
)  # fmt: skip
def test_short_numbers_after_a_phone_word_and_numbers_alone_in_a_record_field(text: str, phone: str):
    assert phone in _found(PhoneShapeRecognizer(), text)


def test_a_date_in_a_record_field_is_not_a_phone():
    assert _found(PhoneShapeRecognizer(), "Ann | 1950-12-23 | 2026 11 30") == []


def test_an_iban_stops_at_a_word_after_it_and_short_iban_shaped_accounts_count():
    text = "refund GB18WECP01267656586175 please, or th505951147978 then"
    assert _found(IbanAnyCaseRecognizer(), text) == ["GB18WECP01267656586175", "th505951147978"]


def test_a_reference_number_is_neither_an_ssn_nor_a_phone():
    text = "ID check passed for Ann (SSN 536-22-8014), order 100234567 can ship; EAN 4006381333931, call 4015550125"
    assert _found(SsnCueRecognizer(), text) == ["536-22-8014"]
    phones = _found(PhoneShapeRecognizer(), text)
    assert "4015550125" in phones and "100234567" not in phones and "4006381333931" not in phones


@pytest.mark.parametrize(
    ("text", "value"),
    [("Record: Лесь Дзиндра | 059 791 90 74", "Лесь Дзиндра"),
     ("lives at ул. Широкая, д. 799 стр. 22.", "ул. Широкая, д. 799 стр. 22"),
     ("Thanks 慧 杨!", "慧 杨"), ("send to 海门路Z座 please", "海门路Z座"),
     ("bill Γιολάντα Σκαφτούρου, 3744.5309.6941.280", "Γιολάντα Σκαφτούρου"),
     ("Regards,\nसंजीव चोधरी\n043-22541237", "संजीव चोधरी")],
)  # fmt: skip
def test_words_in_another_script_are_one_value_without_the_numbers_beside_them(text: str, value: str):
    assert _found(OtherScriptRecognizer(), text) == [value]


def test_latin_text_with_diacritics_is_not_another_script():
    assert _found(OtherScriptRecognizer(), "Café résumé, Killian Ó Dearáin, Łódź 12") == []


@pytest.mark.parametrize(
    "address",
    ["Lindenstraße 12, 10115 Berlin", "Harri-Barth-Gasse 148", "Via Roma 5", "ul. Długa 7/9", "Sydløbsvej 56",
     "12 Oak Ridge Avenue", "PSC 1234, Box 5678, APO AE 09012", "Flat 85, Fleming Vista", "7, boulevard Germain",
     "Building No. 8, West KamalGram Mohalla", "Cr. 86 # 5S-5 Este", "Calle 9 N° 78", "Diag. Chaco N° 47",
     "Los Cactus 5184 Of. 9167", "5 phố số 55", "Studio 9, Robinson Plaza", "Corredor Hungría 439 Interior 510",
     "PO Box 47", "47372 rang Racine", "44, Jln 7/63V", "Avenida Magdalena # 77-5 Sur", "Pot na Gradišče 2b",
     "248 54th Drive", "Calle 4 Este # 41I-18 Sur"],
)  # fmt: skip
def test_street_addresses_in_many_orders(address: str):
    assert _found(StreetAddressRecognizer(), f"please send it to {address}.") == [address]


def test_a_field_that_is_a_number_and_a_name_is_an_address_but_a_status_line_is_not():
    assert _found(StreetAddressRecognizer(), "56 Adelaide Indlela") == ["56 Adelaide Indlela"]
    assert _found(StreetAddressRecognizer(), "Record 5 | 0 HACI MURAD | ok") == ["0 HACI MURAD"]
    assert _found(StreetAddressRecognizer(), "404 Not Found") == []
    assert _found(StreetAddressRecognizer(), "Claimant: Jo Li, Colettebaan 46.") == ["Colettebaan 46"]
    assert _found(StreetAddressRecognizer(), "Caupolicán 6631 Of. 303") == ["Caupolicán 6631 Of. 303"]
    assert _found(StreetAddressRecognizer(), "3 Extra Seats") == []


def test_an_address_after_a_strong_cue_ends_at_the_sentence():
    text = "New delivery address: Cl. 194 Bis # 3S-97 Sur. Thanks! -- Esteban Erazo"
    assert set(_found(StreetAddressRecognizer(), text)) == {"Cl. 194 Bis # 3S-97 Sur"}


def test_during_and_bring_are_not_streets():
    assert _found(StreetAddressRecognizer(), "During 12 hours we bring 3 chairs; Station 4 is closed") == []


def test_names_with_diacritics_particles_and_sign_offs():
    assert _found(NameCueRecognizer(), "Thanks! -- Éléonore Foucher") == ["Éléonore Foucher"]
    assert _found(NameCueRecognizer(), "My name is Helena van Laar, hi") == ["Helena van Laar"]
    assert _found(GivenNameRecognizer(), "transfer it to Kjeld Hermansen today") == ["Kjeld Hermansen"]


@pytest.mark.parametrize(
    ("text", "names"),
    [("The record for Sabeeh Ghunayn is updated.", ["Sabeeh Ghunayn"]),
     ("Completed for Kibet Ndung'u.", ["Kibet Ndung'u"]),
     ("Customer E’zoza Sadiyeva at the desk", ["E’zoza Sadiyeva"]),
     ("paid; Marguerite Ó Maoldúin signed", ["Marguerite Ó Maoldúin"]),
     ("Adedayo said the invoice was wrong", ["Adedayo"]), ("our receptionist Caroline cannot", ["Caroline"]),
     ("Samira said it broke", ["Samira"]), ("Can Jitrin from billing call?", ["Jitrin"]),
     ("requested by Fainche O'Malley, SSN", ["Fainche O'Malley"]), ("Job 7731 scheduled.", []),
     ("Whitelist Falcon for the API", []), ("Support agent for Tailspin Toys.", []), ("Deliver Monday", [])],
)  # fmt: skip
def test_names_no_list_holds_and_single_given_names(text: str, names: list[str]):
    recognizer = RareNameRecognizer()
    recognizer.load()
    assert _found(recognizer, text) == names


def test_everyday_words_that_are_also_names_are_not_people():
    assert _found(GivenNameRecognizer(), "Bill Gates? No: Will Smith and May June") == []
    assert _found(NameCueRecognizer(), "Hi, I'm fine") == []


@pytest.mark.parametrize(
    ("key", "value", "entity"),
    [("phone", "0705316157", "PHONE_NUMBER"), ("contactNumber", "+41 32 502 95 18", "PHONE_NUMBER"),
     ("contact_number", "+41 32 502 95 18", "PHONE_NUMBER"), ("holder", "Jan de Vries", "PERSON"),
     ("account", "premium", None), ("iban", "gb82west12345698765432", "IBAN_CODE"), ("ssn", "536228014", "US_SSN"),
     ("date_of_birth", "12.03.1984", "DATE_OF_BIRTH"), ("address", "Röhrichtstr. 5/9", "STREET_ADDRESS"),
     ("product", "Acme Router X2", None), ("phones", "22150", "PHONE_NUMBER"),
     ("phone_number", "21 12 98", "PHONE_NUMBER"), ("mobileNo", "0705 316157", "PHONE_NUMBER"),
     ("contact", "22150", None), ("pages", "22150", None)],
)  # fmt: skip
def test_a_key_says_what_its_value_is_when_the_value_has_the_shape(key: str, value: str, entity: str | None):
    assert entity_of(key, value) == entity


@pytest.mark.parametrize(
    ("text", "found"),
    [("VPN logs: user=Leah src=10.0.0.1 port=443 action=allow", [("PERSON", "Leah")]),
     ("submit?name=Ann Lee&tel=0301 4925899&plan=pro", [("PERSON", "Ann Lee"), ("PHONE_NUMBER", "0301 4925899")]),
     ("Name: Jane Roe\nTel: 22150\nReason: warranty claim, serial SN-55102-B",
      [("PERSON", "Jane Roe"), ("PHONE_NUMBER", "22150")]),
     ("status=ok retries=3 name=build-7", []), ("time: 12:30, status: ok", [])],
)  # fmt: skip
def test_a_key_or_label_in_text_says_what_its_value_is(text: str, found: list[tuple[str, str]]):
    results = KeyValueRecognizer().analyze(text, list(KeyValueRecognizer.ENTITIES))
    assert [(r.entity_type, text[r.start : r.end]) for r in results] == found


@pytest.mark.parametrize(
    ("field", "phone"),
    [("21 15 77", True), ("464 2 936", True), ("2217332", True), ("22/1653", True), ("1976-05-04", False),
     ("05.11.26", False), ("12/2026", False), ("10.0.0.1", False), ("31262", False)],
)  # fmt: skip
def test_a_record_field_that_is_a_number_is_a_phone_unless_it_is_a_date(field: str, phone: bool):
    found = _found(PhoneShapeRecognizer(), f"Record 55: Jan Kos | SSN 827965903 | {field}")
    assert (field in found) == phone

"""The eleventh test part of the PII evaluation set (session 9), written after the tenth was
measured and before the work on it, measured once at the end of that work (all 0.7% of values
survived, phones 1.9%, names 1.6%, 1.7% of words changed, arguments consistent 0.986), then moved
into the development part (session 9). Its forms, as
people commonly write them: CRM activity notes, HL7-style pipe records, SQL inserts in a bug
report, tab-separated exports, an out-of-office reply, boarding-pass text, a rental agreement,
a support chat with bracketed times, a delivery-app note, Italian, Dutch, Danish and Croatian
around the values. Its phone numbers are also written with "(0)" after the country code, with
00 and the country code and no spaces, with a slash after the area code in international form,
or nationally without the trunk zero; its names also as airlines write them (LAST/FIRST MR),
with a nickname in brackets, or with two initials and no space (see `values.py`). Names and
addresses come from the fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    "Activity 18/11 -- spoke to {PERSON} ({PHONE_NUMBER}), wants a quote for 12 seats; follow up Friday",
    "PID|1||88120||{PERSON}||{DATE_OF_BIRTH}|F|||{STREET_ADDRESS}||{PHONE_NUMBER}\nwhy does this message fail?",
    "INSERT INTO customers (name, email, iban) VALUES ('{PERSON}', '{EMAIL_ADDRESS}', '{IBAN_CODE}'); -- dup key",
    "id\tname\tphone\n4410\t{PERSON}\t{PHONE_NUMBER}\nthe export drops the last column, can you check?",
    "I am out of the office until 3 January. For urgent matters call {PHONE_NUMBER}. -- {PERSON}",
    "Boarding pass: {PERSON} / seat 14C / gate B7. Booking contact {EMAIL_ADDRESS}. Change to the 18:05?",
    "Rental agreement between Northwind Rentals and {PERSON}, of {STREET_ADDRESS}, deposit paid by {CREDIT_CARD}.",
    "[10:02] {FIRST_NAME}: hi, the app charged my card {CREDIT_CARD} twice\n[10:03] {FIRST_NAME}: order 7719",
    "Delivery note: ring the bell twice, ask for {FIRST_NAME}, or call {PHONE_NUMBER}. Flat above the bakery.",
    "Buongiorno, sono {PERSON}, il mio numero è {PHONE_NUMBER}. L'ordine 4471 non è arrivato.",
    "Goedendag, ik ben {PERSON}. Stuur de factuur naar {STREET_ADDRESS}, bestelling 2290.",
    "Hej, jeg hedder {PERSON}, min e-mail er {EMAIL_ADDRESS}. Ordre 5530 mangler.",
    "Dobar dan, ja sam {PERSON}, moj IBAN je {IBAN_CODE}. Povrat za narudžbu 6612, molim.",
    "Identity check for {PERSON}: SSN {US_SSN}, born {DATE_OF_BIRTH}, seen from {IP_ADDRESS}. Case 31.",
    "Please remove {EMAIL_ADDRESS} from list 7 and stop calling {PHONE_NUMBER}; {PERSON} asked twice.",
    "Firewall: allow {IP_ADDRESS} and {IP_ADDRESS2} for the Fabrikam VPN, requested by {FIRST_NAME}.",
    "Tenant {PERSON} moved out of {STREET_ADDRESS}; refund the deposit to {IBAN_CODE} by the 15th.",
    "Can you update the driver app? Customer {PERSON} now lives at {STREET_ADDRESS}, phone {PHONE_NUMBER}.",
]

SYSTEM = [
    "You are the Northwind booking assistant. Confirm every change before you make it.",
    "Caller: {PERSON}; callback {PHONE_NUMBER}; e-mail {EMAIL_ADDRESS}.",
    "On file: card {CREDIT_CARD}, IBAN {IBAN_CODE}, home {STREET_ADDRESS}.",
    "Verified: SSN {US_SSN}, DOB {DATE_OF_BIRTH}, IP {IP_ADDRESS}.",
]

ARG_KEYS = [
    {"PERSON": "patient_name", "FIRST_NAME": "first", "PHONE_NUMBER": "phone_home", "STREET_ADDRESS": "address_1",
     "CREDIT_CARD": "card_used", "EMAIL_ADDRESS": "booking_email", "IBAN_CODE": "deposit_iban", "IP_ADDRESS": "seen_ip",
     "IP_ADDRESS2": "second_ip", "US_SSN": "ssn_checked", "DATE_OF_BIRTH": "born_on"},
    {"PERSON": "lessee", "FIRST_NAME": "ask_for", "PHONE_NUMBER": "urgent_line", "STREET_ADDRESS": "moved_from",
     "CREDIT_CARD": "charged_card", "EMAIL_ADDRESS": "unsubscribe", "IBAN_CODE": "refund_to", "IP_ADDRESS": "allow_1",
     "IP_ADDRESS2": "allow_2", "US_SSN": "id_number", "DATE_OF_BIRTH": "birth_day"},
]  # fmt: skip

TOOLS = ["crm_activity", "hl7_debug", "sql_fix", "deposit_refund", "unsubscribe", "firewall_rule"]

RESULTS = [
    {"activity": {"with": "{PERSON}", "phone": "{PHONE_NUMBER}"}, "next": "Friday"},
    "PID parsed: {PERSON}, {DATE_OF_BIRTH}, {STREET_ADDRESS}, {PHONE_NUMBER}",
    {"refund": {"iban": "{IBAN_CODE}", "card": "{CREDIT_CARD}"}, "check": {"ssn": "{US_SSN}", "ip": "{IP_ADDRESS}"}},
    "unsubscribed {EMAIL_ADDRESS}; do-not-call set for {PHONE_NUMBER} ({PERSON})",
]

ASSISTANT = [
    "Logged the call with {PERSON} on {PHONE_NUMBER}; the quote follows Friday.",
    "Refund to {IBAN_CODE} is queued; the duplicate charge on {CREDIT_CARD} is reversed; letter to {STREET_ADDRESS}.",
    "Thanks, {FIRST_NAME} -- {EMAIL_ADDRESS} is off the list.",
    "Checked SSN {US_SSN} and birth date {DATE_OF_BIRTH}; {IP_ADDRESS} is allowed.",
]

TOPICS = ["12 seats", "message 88120", "dup key", "customer 4410", "3 January", "seat 14C", "Northwind",
          "order 7719", "ordine 4471", "bestelling 2290", "ordre 5530", "narudžba 6612", "case 31",
          "list 7"]  # fmt: skip

"""The fourteenth part of the PII evaluation set (session 10; development since then), written after the thirteenth was
measured and before any work on it, measured once at the end of that work (all 0.6% of values
survived, phones 1.8%, names 1.5%, addresses 0.1%, 1.2% of words changed, arguments consistent
0.997, 1.2% of the calls withheld). Its forms, as people commonly write them: a help-desk webhook
payload, an SQL INSERT pasted into the chat, a stack trace with a user's data in it, a direct
message, a reply with its quoted header, a tab-separated spreadsheet row, a two-factor SMS, a
courier's note, a reschedule request, a form with ticked boxes, Danish, Romanian, Hungarian,
Swahili and Indonesian around the values. Its phone numbers are also written with the area code
in brackets after the country code and hyphens after it, with the trunk zero apart, in groups of
four from the start, or with "(0)" and a space after it; its names also with the surname first
and two given names, an initial and a middle name, after a rarer title (Mx., Capt., Rev.), or
with the given name in capitals (see `values.py`). Names and addresses come from the fourth part's
locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    '{"event": "ticket.created", "requester": {"name": "{PERSON}", "phone": "{PHONE_NUMBER}"}} -- why no alert?',
    "INSERT INTO customers (name, email, card) VALUES ('{PERSON}', '{EMAIL_ADDRESS}', '{CREDIT_CARD}'); fails",
    "Traceback: ValueError: bad postcode in '{STREET_ADDRESS}' for user {EMAIL_ADDRESS} (request 7f3a)",
    "dm from {FIRST_NAME}: hey can u ring me on {PHONE_NUMBER} abt the invoice 118-22",
    "On Mon, 3 Nov, {PERSON} <{EMAIL_ADDRESS}> wrote:\n> please refund to {IBAN_CODE}\n\nIs this done?",
    "{PERSON}\t{PHONE_NUMBER}\t{STREET_ADDRESS}\tgold\n^ this row will not import",
    "Your code is 448213. If this wasn't you, call {PHONE_NUMBER}. -- sent to {FIRST_NAME}",
    "Courier note: nobody home at {STREET_ADDRESS}, left card, call {PHONE_NUMBER} ({FIRST_NAME})",
    "Can we move the 3pm with {PERSON} to Thursday? Dial-in stays {PHONE_NUMBER}.",
    "[x] new address: {STREET_ADDRESS}\n[ ] new phone\n[x] new card: {CREDIT_CARD}\nsigned {PERSON}",
    "Hej, jeg hedder {PERSON}, mit nummer er {PHONE_NUMBER}. Ordre 5512 mangler.",
    "Bună ziua, sunt {PERSON}, locuiesc pe {STREET_ADDRESS}. Comanda 2219 întârzie.",
    "Jó napot, {PERSON} vagyok, e-mail: {EMAIL_ADDRESS}. A 7730-as rendelés sérült.",
    "Habari, mimi ni {PERSON}, simu yangu ni {PHONE_NUMBER}. Oda 4418 haijafika.",
    "Selamat siang, saya {PERSON}, IBAN saya {IBAN_CODE}. Pesanan 9031 belum sampai.",
    "Identity mismatch: SSN {US_SSN}, DOB {DATE_OF_BIRTH}, login {IP_ADDRESS}, second login {IP_ADDRESS2}.",
    "Add {PERSON} as a driver, licence on file, contact {EMAIL_ADDRESS}, home {STREET_ADDRESS}.",
]

SYSTEM = [
    "You are the Northwind returns assistant. Be brief and confirm every change.",
    "Customer context: {PERSON}; {PHONE_NUMBER}; {EMAIL_ADDRESS}.",
    "Payment instruments: {CREDIT_CARD} and {IBAN_CODE}; postal address {STREET_ADDRESS}.",
    "Verification: SSN {US_SSN}, date of birth {DATE_OF_BIRTH}, IP {IP_ADDRESS}.",
]

ARG_KEYS = [
    {"PERSON": "requester_name", "FIRST_NAME": "dm_sender", "PHONE_NUMBER": "alert_phone", "STREET_ADDRESS": "postcode",
     "CREDIT_CARD": "card_value", "EMAIL_ADDRESS": "user_email", "IBAN_CODE": "refund_iban", "IP_ADDRESS": "first_ip",
     "IP_ADDRESS2": "second_ip", "US_SSN": "ssn_value", "DATE_OF_BIRTH": "dob_value"},
    {"PERSON": "driver_name", "FIRST_NAME": "nickname", "PHONE_NUMBER": "dial_in", "STREET_ADDRESS": "home_address",
     "CREDIT_CARD": "new_card", "EMAIL_ADDRESS": "contact_email", "IBAN_CODE": "iban_value", "IP_ADDRESS": "login_ip",
     "IP_ADDRESS2": "other_login_ip", "US_SSN": "ssn_check", "DATE_OF_BIRTH": "birthdate"},
]  # fmt: skip

TOOLS = ["webhook_replay", "customer_insert", "refund_issue", "courier_reschedule", "driver_add", "identity_review"]

RESULTS = [
    {"requester": {"name": "{PERSON}", "phone": "{PHONE_NUMBER}", "email": "{EMAIL_ADDRESS}"}, "replayed": True},
    "inserted row 88 for {PERSON} at {STREET_ADDRESS}",
    {"identity": {"ssn": "{US_SSN}", "dob": "{DATE_OF_BIRTH}", "card": "{CREDIT_CARD}", "iban": "{IBAN_CODE}"}},
    "courier rebooked for {PERSON}, call {PHONE_NUMBER} first; logins {IP_ADDRESS} cleared",
]

ASSISTANT = [
    "The alert now goes to {PHONE_NUMBER} for {PERSON}.",
    "Refund sent to {IBAN_CODE}; the card {CREDIT_CARD} is updated; parcels go to {STREET_ADDRESS}.",
    "Thanks {FIRST_NAME}, the confirmation is on its way to {EMAIL_ADDRESS}.",
    "Reviewed SSN {US_SSN} and date of birth {DATE_OF_BIRTH}; the login from {IP_ADDRESS} is blocked.",
]

TOPICS = ["ticket webhook", "customer insert", "postcode error", "invoice 118-22", "refund reply", "row import",
          "2FA code", "courier note", "reschedule", "address form", "ordre 5512", "driver"]  # fmt: skip

"""The twelfth part of the PII evaluation set (session 9; development since session 10), written after the eleventh was
measured and before the work on it, measured once at the end of that work (all 0.8% of values
survived, phones 2.4%, names 1.9%, 2.7% of words changed, arguments consistent 0.983, 8.3% of the
calls withheld, above the 5% limit). Its forms, as
people commonly write them: a Slack export, a bounced-mail notice, a bot transcript with User:
and Bot: turns, text pulled out of a PDF invoice, a warehouse pick list, a GDPR request, a
parking-permit form, a helpdesk macro, German, Spanish, Swedish and Slovak around the values. Its
phone numbers are also written in pairs after the country code, with the country code and the
trunk zero both, with hyphens and the trunk zero, or with two spaces between groups; its names
also with a maiden name (née), a nickname in single quotes, as "Surname, G." or after a double
title (Dr. med.) (see `values.py`). Names and addresses come from the fourth part's locales,
which nobody has looked into.
"""

from __future__ import annotations

USER = [
    '{"user_name": "{PERSON}", "text": "can someone call me at {PHONE_NUMBER}? the export job is stuck", "ts": 1}',
    "Delivery to {EMAIL_ADDRESS} failed permanently (550 mailbox unavailable). Original sender: {PERSON}.",
    "User: my name is {PERSON}\nBot: thanks! what's your phone?\nUser: {PHONE_NUMBER}\nBot: and the problem?",
    "INVOICE  No 2026/4417   Bill to   {PERSON}   {STREET_ADDRESS}   IBAN   {IBAN_CODE}   Total 311.40",
    "Pick list 19: 4 x cable C-13, 1 x dock D2 -- ship to {STREET_ADDRESS}, attn {FIRST_NAME}, tel {PHONE_NUMBER}",
    "GDPR request from {PERSON} ({EMAIL_ADDRESS}): delete everything, including the card {CREDIT_CARD}.",
    "Parking permit form: name {PERSON}, plate KX-4471, address {STREET_ADDRESS}, mobile {PHONE_NUMBER}",
    "Macro 'refund-ok' sent to {FIRST_NAME} -- the refund to {IBAN_CODE} should arrive in 3-5 days",
    "Guten Tag, mein Name ist {PERSON}, meine Telefonnummer ist {PHONE_NUMBER}. Bestellung 8812 fehlt.",
    "Hola, me llamo {PERSON}, mi correo es {EMAIL_ADDRESS}. El pedido 3307 llegó roto.",
    "Hej! Jag heter {PERSON} och bor på {STREET_ADDRESS}. Order 6621 har inte kommit.",
    "Dobrý deň, volám sa {PERSON}, moje číslo je {PHONE_NUMBER}. Objednávka 1190 chýba.",
    "Background check: {PERSON}, SSN {US_SSN}, date of birth {DATE_OF_BIRTH}, last IP {IP_ADDRESS}.",
    "Two devices for {EMAIL_ADDRESS}: {IP_ADDRESS} and {IP_ADDRESS2}. Sign both out, ticket 5102.",
    "Please charge {CREDIT_CARD} for the renewal and send the receipt to {PERSON} at {EMAIL_ADDRESS}",
    "Moving house! From Monday the address for {PERSON} is {STREET_ADDRESS}. Thanks, {FIRST_NAME}",
    "Who is {PERSON}? They called {PHONE_NUMBER} twice asking about invoice 2026/4417.",
]

SYSTEM = [
    "You are the Tailwind support bot. Answer briefly and never share internal notes.",
    "Requester: {PERSON}, {EMAIL_ADDRESS}, {PHONE_NUMBER}.",
    "Payment on file: {CREDIT_CARD}; payouts to {IBAN_CODE}; billing {STREET_ADDRESS}.",
    "Identity: SSN {US_SSN}; born {DATE_OF_BIRTH}; seen at {IP_ADDRESS}.",
]

ARG_KEYS = [
    {"PERSON": "requester", "FIRST_NAME": "attn", "PHONE_NUMBER": "callback_number", "STREET_ADDRESS": "ship_address",
     "CREDIT_CARD": "renewal_card", "EMAIL_ADDRESS": "bounce_address", "IBAN_CODE": "payout_iban",
     "IP_ADDRESS": "device_ip", "IP_ADDRESS2": "device_ip_2", "US_SSN": "ssn_number", "DATE_OF_BIRTH": "dob_value"},
    {"PERSON": "data_subject", "FIRST_NAME": "greeting_name", "PHONE_NUMBER": "mobile_no", "STREET_ADDRESS": "new_home",
     "CREDIT_CARD": "card_to_delete", "EMAIL_ADDRESS": "reply_to", "IBAN_CODE": "bank_account", "IP_ADDRESS": "ip_one",
     "IP_ADDRESS2": "ip_two", "US_SSN": "national_id", "DATE_OF_BIRTH": "birth_date"},
]  # fmt: skip

TOOLS = ["slack_lookup", "bounce_handle", "gdpr_erase", "permit_issue", "renewal_charge", "address_change"]

RESULTS = [
    {"member": {"real_name": "{PERSON}", "phone": "{PHONE_NUMBER}", "email": "{EMAIL_ADDRESS}"}},
    "permit KX-4471 issued to {PERSON}, {STREET_ADDRESS}",
    {"erased": {"card": "{CREDIT_CARD}", "iban": "{IBAN_CODE}", "ssn": "{US_SSN}", "dob": "{DATE_OF_BIRTH}"}},
    "signed out {IP_ADDRESS} for {PERSON}; callback logged to {PHONE_NUMBER}",
]

ASSISTANT = [
    "I called {PERSON} at {PHONE_NUMBER}; the export job is restarted.",
    "Renewal charged to {CREDIT_CARD}; payouts stay on {IBAN_CODE}; the permit goes to {STREET_ADDRESS}.",
    "All done, {FIRST_NAME} -- {EMAIL_ADDRESS} is updated.",
    "Erased SSN {US_SSN}, birth date {DATE_OF_BIRTH} and the sessions from {IP_ADDRESS}.",
]

TOPICS = ["export job", "550 bounce", "invoice 2026/4417", "pick list 19", "plate KX-4471", "macro refund-ok",
          "Bestellung 8812", "pedido 3307", "order 6621", "objednávka 1190", "ticket 5102", "renewal"]  # fmt: skip

"""The eighteenth test part of the PII evaluation set (session 12; development since then), written
after the seventeenth was measured and before any work on it, measured once (all 0.4% of values
survived, phones 2.5%, no name, no address, 0.8% of words changed, arguments consistent 0.994,
8.6% of the calls withheld). Its forms, as people commonly write them: a pharmacy refill
request, a school absence note, a hotel registration card, a git commit header, a holiday-let
host message, a donation receipt, an alumni update, an insurance claim call log, a support chat
with timestamps in brackets, a shipping label pasted from a PDF, a waitlist sign-up, a loan
pre-approval, Irish, Azerbaijani, Zulu, Serbian (Latin), Uzbek and Luxembourgish around the values.
Its phone numbers are also written with a space after the plus (+ 49 30 1234567), with the country
and area codes joined (+4930 1234567), with the country code in square brackets ([+49] 30 1234567),
or nationally in pairs with dots (03.01.23.45.67); its names also with two surnames and no hyphen
(Anna Smith Okafor), as "Surname (Given)", as a title, the given name and the surname in capitals
(Ms Anna SMITH), or with a particle before the surname (Anna van Smith) (see `values.py`). Names
and addresses come from the fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    "Refill request for {PERSON}, born {DATE_OF_BIRTH}: metformin 500mg x60. Pharmacy can text {PHONE_NUMBER}.",
    "Dear Sir or Madam, {FIRST_NAME} was absent on Monday and Tuesday with a fever. Regards, {PERSON}, {PHONE_NUMBER}",
    "REGISTRATION CARD  Room 512  Guest: {PERSON}  Address: {STREET_ADDRESS}  Card: {CREDIT_CARD}  Nights: 2",
    "commit 9f3c2e1\nAuthor: {PERSON} <{EMAIL_ADDRESS}>\nDate:   Tue Nov 24\n\n    fix rounding in invoice totals",
    "Hi {FIRST_NAME}! Check-in from 3pm, key box code 4417. Any issue ring me on {PHONE_NUMBER}. Host",
    "Thank you for your gift of 50.00. Donor: {PERSON}, {STREET_ADDRESS}. Receipt no. D-2210 for your tax return.",
    "Class of 2009 update: {PERSON} moved to {STREET_ADDRESS} and can be reached at {EMAIL_ADDRESS}.",
    "Claim 88-1204 call log 14:20: spoke with {PERSON} on {PHONE_NUMBER}, payout to {IBAN_CODE} approved.",
    "[10:02] Customer: hi its {PERSON}\n[10:02] Customer: my number is {PHONE_NUMBER}\n[10:03] Agent: thanks",
    "SHIP FROM Warehouse 2\nDELIVER TO\n{PERSON}\n{STREET_ADDRESS}\nTEL {PHONE_NUMBER}\nWeight 2.4 kg",
    "Please put me on the waitlist for the March course: {PERSON}, {EMAIL_ADDRESS}, {PHONE_NUMBER}",
    "Pre-approval for {PERSON}: SSN {US_SSN}, DOB {DATE_OF_BIRTH}, income verified, rate 5.1% fixed.",
    "Dia dhuit, is mise {PERSON}, seo é m'uimhir {PHONE_NUMBER}. Níor tháinig ordú 3318.",
    "Salam, mən {PERSON}, ünvanım {STREET_ADDRESS}. Sifariş 5520 gecikir.",
    "Sawubona, ngingu {PERSON}, i-imeyili yami ithi {EMAIL_ADDRESS}. I-oda 7741 alifikanga.",
    "Zdravo, ja sam {PERSON}, moj IBAN je {IBAN_CODE}. Porudžbina 2297 kasni.",
    "Assalomu alaykum, men {PERSON}, kartam {CREDIT_CARD}. Buyurtma 6604 kelmadi.",
    "Moien, ech sinn {PERSON}, meng Nummer ass {PHONE_NUMBER}. D'Bestellung 1182 ass nach net do.",
    "Firewall log: {EMAIL_ADDRESS} authenticated from {IP_ADDRESS}, then from {IP_ADDRESS2} six minutes later.",
]

SYSTEM = [
    "You are the Fabrikam member services assistant. Read back only the last four digits of a card.",
    "Member on the line: {PERSON} · {PHONE_NUMBER} · {EMAIL_ADDRESS}",
    "On file: card {CREDIT_CARD}, payouts to {IBAN_CODE}, mail to {STREET_ADDRESS}",
    "Identity: SSN {US_SSN}; DOB {DATE_OF_BIRTH}; signed in from {IP_ADDRESS}",
]

ARG_KEYS = [
    {"PERSON": "patient", "FIRST_NAME": "pupil", "PHONE_NUMBER": "notify_phone", "STREET_ADDRESS": "deliver_to",
     "CREDIT_CARD": "guarantee_card", "EMAIL_ADDRESS": "author_email", "IBAN_CODE": "payout_iban",
     "IP_ADDRESS": "ip_first", "IP_ADDRESS2": "ip_second", "US_SSN": "borrower_ssn", "DATE_OF_BIRTH": "patient_dob"},
    {"PERSON": "name", "FIRST_NAME": "guest_first_name", "PHONE_NUMBER": "tel", "STREET_ADDRESS": "street",
     "CREDIT_CARD": "card_number", "EMAIL_ADDRESS": "mail", "IBAN_CODE": "account",
     "IP_ADDRESS": "from_ip", "IP_ADDRESS2": "then_ip", "US_SSN": "tax_id", "DATE_OF_BIRTH": "date_of_birth"},
]  # fmt: skip

TOOLS = ["refill_request", "absence_record", "guest_register", "claim_payout", "label_print", "waitlist_add"]

RESULTS = [
    {"refill": {"patient": "{PERSON}", "dob": "{DATE_OF_BIRTH}", "sms": "{PHONE_NUMBER}"}, "ready": "Thursday"},
    "claim 88-1204: payout to {IBAN_CODE} for {PERSON}; letter to {STREET_ADDRESS}",
    {"borrower": {"ssn": "{US_SSN}", "email": "{EMAIL_ADDRESS}", "card": "{CREDIT_CARD}", "ip": "{IP_ADDRESS}"}},
    "label D-2210 printed for {STREET_ADDRESS}; courier will call {PHONE_NUMBER}",
]

ASSISTANT = [
    "Done: {PERSON} is on the waitlist and we'll text {PHONE_NUMBER}.",
    "The payout of 240.00 goes to {IBAN_CODE}; the card {CREDIT_CARD} is no longer on hold; the letter goes "
    "to {STREET_ADDRESS}.",
    "Thanks {FIRST_NAME}, the receipt is on its way to {EMAIL_ADDRESS}.",
    "SSN {US_SSN} and DOB {DATE_OF_BIRTH} are verified; the sign-in from {IP_ADDRESS} was yours.",
]

TOPICS = ["refill", "absence note", "room 512", "commit 9f3c2e1", "check-in", "receipt D-2210", "class of 2009",
          "claim 88-1204", "chat", "label", "waitlist", "ordú 3318"]  # fmt: skip

"""The seventeenth test part of the PII evaluation set (session 11; development since session 12),
written after the sixteenth was measured and before any work on it, measured once (all 0.49% of
values survived, phones 1.8%, names 1.1%, no address, 2.9% of words changed, arguments consistent
0.968, 1.3% of the calls withheld). Its forms, as people commonly write them: a messaging-app
group export with dates and dashes, a password-reset notice, a utility bill, a car rental
agreement, a gym membership form, a court notice, a veterinary record, a tenancy application, a
cover letter's sign-off, a conference badge list, a delivery driver's app note, Icelandic, Welsh,
Basque, Albanian, Maltese and Galician around the values. Its phone numbers are also written with
slashes between every group (+49/30/1234567), as 00 and the country code with hyphens
(0049-30-1234567), with the national area code in brackets and no space ((030)1234567), or with the
subscriber number in a group of four and the rest (+49 30 1234 567); its names also as a given name
and the surname's initial without a full stop (Anna K), as "the Surname family", with a former
surname in brackets ("(ex-Surname)"), or as "SURNAME Given M." (see `values.py`). Names and
addresses come from the fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    "27/11/2026, 18:02 - {PERSON}: my new number is {PHONE_NUMBER}\n27/11/2026, 18:03 - {FIRST_NAME}: saved",
    "We received a request to reset the password for {EMAIL_ADDRESS} from {IP_ADDRESS}. Was this {FIRST_NAME}?",
    "Electricity bill, account 7741-0093: {PERSON}, {STREET_ADDRESS}. Direct debit from {IBAN_CODE}. Why so high?",
    "Rental agreement RA-5520: driver {PERSON}, licence held since 2011, deposit on card {CREDIT_CARD}.",
    "Membership form\nName: {PERSON}\nBorn: {DATE_OF_BIRTH}\nMobile: {PHONE_NUMBER}\nPlan: off-peak",
    "NOTICE: {PERSON} of {STREET_ADDRESS} is required to attend on 14 January at 10:00, case 26-CV-118.",
    "Patient: Biscuit (dog, 4y). Owner: {PERSON}, {PHONE_NUMBER}. Vaccines due, invoice 3390.",
    "Tenancy application for unit 12: applicant {PERSON}, SSN {US_SSN}, current address {STREET_ADDRESS}",
    "...and I look forward to hearing from you.\n\nYours sincerely,\n{PERSON}\n{PHONE_NUMBER} | {EMAIL_ADDRESS}",
    "Badges to print: 1) {PERSON} - Speaker 2) Guest - Press 3) {FIRST_NAME} - Staff. Lanyards blue.",
    "Driver note: left parcel with neighbour at {STREET_ADDRESS}, customer {FIRST_NAME} unreachable on {PHONE_NUMBER}",
    "Góðan dag, ég heiti {PERSON} og síminn minn er {PHONE_NUMBER}. Pöntun 4471 er týnd.",
    "Bore da, {PERSON} ydw i, fy nghyfeiriad yw {STREET_ADDRESS}. Archeb 2290 yn hwyr.",
    "Kaixo, {PERSON} naiz, nire posta {EMAIL_ADDRESS} da. 6630 eskaera ez da iritsi.",
    "Përshëndetje, jam {PERSON}, IBAN-i im është {IBAN_CODE}. Porosia 5518 ka vonesë.",
    "Bongu, jien {PERSON}, in-numru tiegħi hu {PHONE_NUMBER}. L-ordni 3384 għadu ma wasalx.",
    "Bos días, son {PERSON}, a miña tarxeta é {CREDIT_CARD}. O pedido 7712 non chegou.",
    "Security review: {EMAIL_ADDRESS} logged in from {IP_ADDRESS} and {IP_ADDRESS2}; DOB on file {DATE_OF_BIRTH}.",
]

SYSTEM = [
    "You are the Adatum customer helper. Never read card numbers back in full.",
    "Account holder: {PERSON}, tel {PHONE_NUMBER}, mail {EMAIL_ADDRESS}",
    "Payment methods: {CREDIT_CARD} / {IBAN_CODE}; billing address {STREET_ADDRESS}",
    "Verification: SSN {US_SSN}, born {DATE_OF_BIRTH}, last seen {IP_ADDRESS}",
]

ARG_KEYS = [
    {"PERSON": "account_holder", "FIRST_NAME": "contact", "PHONE_NUMBER": "mobile", "STREET_ADDRESS": "service_address",
     "CREDIT_CARD": "deposit_card", "EMAIL_ADDRESS": "login", "IBAN_CODE": "debit_iban",
     "IP_ADDRESS": "source_ip", "IP_ADDRESS2": "other_ip", "US_SSN": "applicant_ssn", "DATE_OF_BIRTH": "born"},
    {"PERSON": "owner", "FIRST_NAME": "saved_as", "PHONE_NUMBER": "phone", "STREET_ADDRESS": "address",
     "CREDIT_CARD": "card", "EMAIL_ADDRESS": "email", "IBAN_CODE": "iban",
     "IP_ADDRESS": "ip_1", "IP_ADDRESS2": "ip_2", "US_SSN": "ssn", "DATE_OF_BIRTH": "dob"},
]  # fmt: skip

TOOLS = ["contact_save", "password_reset_check", "bill_explain", "rental_lookup", "badge_print", "parcel_trace"]

RESULTS = [
    {"member": {"name": "{PERSON}", "mobile": "{PHONE_NUMBER}", "born": "{DATE_OF_BIRTH}"}, "plan": "off-peak"},
    "bill 7741-0093 for {PERSON} at {STREET_ADDRESS}: debit from {IBAN_CODE} on the 3rd",
    {"application": {"ssn": "{US_SSN}", "card": "{CREDIT_CARD}", "email": "{EMAIL_ADDRESS}", "ip": "{IP_ADDRESS}"}},
    "parcel 3 left at {STREET_ADDRESS}; SMS sent to {PHONE_NUMBER}",
]

ASSISTANT = [
    "Saved {PERSON} with {PHONE_NUMBER}.",
    "The debit from {IBAN_CODE} covers two months; the deposit on {CREDIT_CARD} is released; the bill goes to "
    "{STREET_ADDRESS}.",
    "Hi {FIRST_NAME}, the reset link went to {EMAIL_ADDRESS}.",
    "SSN {US_SSN} and birth date {DATE_OF_BIRTH} match; the login from {IP_ADDRESS} is blocked.",
]

TOPICS = ["group export", "password reset", "bill 7741-0093", "RA-5520", "membership", "case 26-CV-118",
          "Biscuit", "unit 12", "cover letter", "badges", "parcel 3", "pöntun 4471"]  # fmt: skip

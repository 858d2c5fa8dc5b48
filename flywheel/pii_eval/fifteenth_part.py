"""The fifteenth part of the PII evaluation set (session 10; development since session 11), written
after the fourteenth was measured and before any work on it, measured once at the end of that work
(all 0.6% of values survived, phones 2.1%, names 1.3%, no address, 1.5% of words changed, arguments
consistent 0.989, 0.75% of the calls withheld). Its forms, as people commonly write them: a support
chat exported with speaker labels in brackets, a spreadsheet formula, a JSON Lines export, a Git
commit trailer, a calendar free-text note, a police-style incident report, an insurance claim form,
a landlord's message, a recruiting note, a school contact sheet, Estonian, Lithuanian, Greek (in
Latin letters), Catalan and Tagalog around the values. Its phone numbers are also written with the
country code in brackets and no plus ((49) 30 1234567), with dots after the area code in national
form (030.123.4567), with the trunk zero in brackets ((0)30 1234567), or as international digits
with no separators after a space (+49 301234567); its names also with a generational suffix and no
comma (John Smith Jr), as "Initial. Surname-Surname", with a middle initial and no full stop, or as
"SURNAME, Given" (see `values.py`). Names and addresses come from the fourth part's locales, which
nobody has looked into.
"""

from __future__ import annotations

USER = [
    "(agent) how can I help?\n(customer) hi, {PERSON} here, my number changed to {PHONE_NUMBER}\n(agent) noted",
    '=CONCATENATE("{PERSON}"; " "; "{PHONE_NUMBER}") returns #VALUE! in cell C4, why?',
    '{"name": "{PERSON}", "email": "{EMAIL_ADDRESS}", "card": "{CREDIT_CARD}"}\n{"name": "test"} -- dedupe these lines',
    "Fix billing rounding (#4412)\n\nReported-by: {PERSON} <{EMAIL_ADDRESS}>\nSigned-off-by: dev-bot",
    "lunch w/ {FIRST_NAME} thu 1pm @ {STREET_ADDRESS} -- remind me, her cell is {PHONE_NUMBER}",
    "Incident 2026-118: reporting party {PERSON}, residing at {STREET_ADDRESS}, contact {PHONE_NUMBER}.",
    "Claim form: insured {PERSON}; SSN {US_SSN}; born {DATE_OF_BIRTH}; payout IBAN {IBAN_CODE}. Status?",
    "Hi it's your landlord {FIRST_NAME}, rent for flat 4B goes to {IBAN_CODE} from next month, thx",
    "Candidate {PERSON} ({EMAIL_ADDRESS}, {PHONE_NUMBER}) passed round 2 -- schedule round 3",
    "Emergency contact for pupil #22: {PERSON}, {PHONE_NUMBER}, {STREET_ADDRESS}",
    "Tere, minu nimi on {PERSON}, telefon {PHONE_NUMBER}. Tellimus 5581 on kadunud.",
    "Laba diena, aš esu {PERSON}, mano adresas {STREET_ADDRESS}. Užsakymas 3317 vėluoja.",
    "Kalimera, eimai o {PERSON}, to email mou einai {EMAIL_ADDRESS}. Paraggelia 7720.",
    "Bon dia, sóc {PERSON}, el meu IBAN és {IBAN_CODE}. La comanda 6640 no ha arribat.",
    "Magandang araw, ako si {PERSON}, ang numero ko ay {PHONE_NUMBER}. Order 2291 po.",
    "Flag this login: {EMAIL_ADDRESS} from {IP_ADDRESS}, then from {IP_ADDRESS2} ten minutes later.",
    "Card {CREDIT_CARD} was declined for {PERSON}; DOB on file {DATE_OF_BIRTH}, SSN {US_SSN}.",
]

SYSTEM = [
    "You are the Proseware service desk. Keep it short and log every change.",
    "Caller: {PERSON} | {PHONE_NUMBER} | {EMAIL_ADDRESS}",
    "Billing: {CREDIT_CARD}; bank {IBAN_CODE}; ship to {STREET_ADDRESS}",
    "Identity: {US_SSN} / {DATE_OF_BIRTH} / {IP_ADDRESS}",
]

ARG_KEYS = [
    {"PERSON": "reporting_party", "FIRST_NAME": "landlord", "PHONE_NUMBER": "new_number", "STREET_ADDRESS": "residence",
     "CREDIT_CARD": "declined_card", "EMAIL_ADDRESS": "reporter_email", "IBAN_CODE": "rent_iban",
     "IP_ADDRESS": "login_from", "IP_ADDRESS2": "login_then", "US_SSN": "insured_ssn", "DATE_OF_BIRTH": "insured_dob"},
    {"PERSON": "candidate", "FIRST_NAME": "lunch_with", "PHONE_NUMBER": "cell", "STREET_ADDRESS": "venue_address",
     "CREDIT_CARD": "card_number", "EMAIL_ADDRESS": "candidate_email", "IBAN_CODE": "payout_account",
     "IP_ADDRESS": "ip", "IP_ADDRESS2": "ip_later", "US_SSN": "ssn", "DATE_OF_BIRTH": "dob"},
]  # fmt: skip

TOOLS = ["chat_update", "formula_debug", "dedupe_lines", "incident_log", "claim_status", "interview_schedule"]

RESULTS = [
    {"contact": {"name": "{PERSON}", "cell": "{PHONE_NUMBER}", "mail": "{EMAIL_ADDRESS}"}, "merged": 2},
    "incident 2026-118 logged for {PERSON} at {STREET_ADDRESS}",
    {"claim": {"ssn": "{US_SSN}", "dob": "{DATE_OF_BIRTH}", "iban": "{IBAN_CODE}", "card": "{CREDIT_CARD}"}},
    "round 3 booked; invite to {EMAIL_ADDRESS}, reminder SMS to {PHONE_NUMBER}; login {IP_ADDRESS} ok",
]

ASSISTANT = [
    "Updated: {PERSON} now has {PHONE_NUMBER} on file.",
    "The claim pays out to {IBAN_CODE}; the card {CREDIT_CARD} stays blocked; letters go to {STREET_ADDRESS}.",
    "Done, {FIRST_NAME} -- confirmation sent to {EMAIL_ADDRESS}.",
    "Checked SSN {US_SSN}, DOB {DATE_OF_BIRTH}; the login from {IP_ADDRESS} is flagged.",
]

TOPICS = ["chat export", "formula", "jsonl dedupe", "commit trailer", "lunch", "incident 2026-118", "claim",
          "rent", "round 3", "pupil 22", "tellimus 5581", "comanda 6640"]  # fmt: skip

"""The nineteenth test part of the PII evaluation set (session 12), written after the eighteenth was
measured and before any work on it, measured once at 89a9f74 (all 0.1% of values survived, phones
0.6%, names 0.1%, no address, 0.5% of words changed, arguments consistent 0.999, 2.5% of the calls
withheld). Its forms, as people commonly write them: a doctor's referral
letter, a library hold notice, a parish newsletter item, a ticket transfer, a maintenance request,
a school bus list, a lost-and-found report, a bike-share dispute, a tax preparer's intake, an
interview invitation, a marketplace seller's message, a taxi receipt, Somali, Yoruba, Hausa,
Faroese, Malagasy and Kinyarwanda around the values. Its phone numbers are also written with the
last digits after a hyphen, as offices give a direct dial (+49 30 12345-67), with both codes in
brackets ((+49) (30) 1234567), internationally in dotted pairs (+49.30.12.34.56.7), or with the
trunk zero apart and the area code in brackets (0 (30) 1234567); its names also joined by a full
stop as directories show them (Anna.Smith), with "y" between two surnames (Anna Smith y Okafor),
surname first with a double-barrelled surname in capitals (SMITH-OKAFOR Anna), or with "binti" or
"bin" before the surname (see `values.py`). Names and addresses come from the fourth part's
locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    "Referral: please see {PERSON} (DOB {DATE_OF_BIRTH}) re: knee pain. Patient contact {PHONE_NUMBER}. Knee clinic",
    "Your hold is ready: 'The Long Walk' for {PERSON}. Pick up by Friday or call {PHONE_NUMBER} to extend.",
    "Parish news: congratulations to {PERSON} on the new shop at {STREET_ADDRESS}! Open from 8 on weekdays.",
    "Transfer 2 tickets (row F, seats 11-12) to {PERSON}, {EMAIL_ADDRESS}. Original buyer card {CREDIT_CARD}.",
    "Maintenance request #6610: leaking tap at {STREET_ADDRESS}, tenant {PERSON}, best reached on {PHONE_NUMBER}",
    "Bus 4 list:\n- {PERSON} (stop 3)\n- {FIRST_NAME} (stop 5)\nParent phone {PHONE_NUMBER}",
    "Found: blue backpack, 2nd floor. Claimed by {PERSON}, ID checked, phone {PHONE_NUMBER}. Ref LF-2291.",
    "Bike 5512 was docked at 14:02 but I was charged 9.00 more. Account {EMAIL_ADDRESS}, card {CREDIT_CARD}.",
    "Intake: {PERSON}, SSN {US_SSN}, born {DATE_OF_BIRTH}, refund by direct deposit to {IBAN_CODE}",
    "Hi {FIRST_NAME}, we'd like to invite you to a second interview on Thursday at 11. Reply to {EMAIL_ADDRESS}.",
    "Seller message: the lamp ships tomorrow to {STREET_ADDRESS}. Any questions text {PHONE_NUMBER} ({FIRST_NAME})",
    "TAXI 207 | 23:41 | 18.60 | paid {CREDIT_CARD} | passenger {PERSON} | lost phone? call {PHONE_NUMBER}",
    "Nabad, waxaan ahay {PERSON}, lambarkaygu waa {PHONE_NUMBER}. Dalabka 4418 wuu daahay.",
    "Ẹ n lẹ, orukọ mi ni {PERSON}, adirẹsi mi ni {STREET_ADDRESS}. Aṣẹ 2271 ko de.",
    "Sannu, sunana {PERSON}, imel dina {EMAIL_ADDRESS}. Oda 6603 bai iso ba.",
    "Góðan morgun, eg eiti {PERSON}, IBAN mítt er {IBAN_CODE}. Bíleggingin 5521 er seinkað.",
    "Manao ahoana, {PERSON} no anarako, ny karatra {CREDIT_CARD}. Ny kaomandy 7734 tsy tonga.",
    "Muraho, nitwa {PERSON}, numero yanjye ni {PHONE_NUMBER}. Komande 1186 ntiragera.",
    "VPN alert: {EMAIL_ADDRESS} connected from {IP_ADDRESS} and {IP_ADDRESS2} within two minutes. Block?",
]

SYSTEM = [
    "You are the Tailspin community desk assistant. Keep replies under 80 words.",
    "Caller profile -- {PERSON}; {PHONE_NUMBER}; {EMAIL_ADDRESS}",
    "Billing: {CREDIT_CARD} · refunds {IBAN_CODE} · post {STREET_ADDRESS}",
    "Checks: SSN {US_SSN} / DOB {DATE_OF_BIRTH} / IP {IP_ADDRESS}",
]

ARG_KEYS = [
    {"PERSON": "referred_patient", "FIRST_NAME": "pupil_name", "PHONE_NUMBER": "contact_number",
     "STREET_ADDRESS": "unit_address", "CREDIT_CARD": "buyer_card", "EMAIL_ADDRESS": "transfer_to",
     "IBAN_CODE": "deposit_account", "IP_ADDRESS": "vpn_ip_1", "IP_ADDRESS2": "vpn_ip_2", "US_SSN": "client_ssn",
     "DATE_OF_BIRTH": "client_dob"},
    {"PERSON": "full_name", "FIRST_NAME": "first", "PHONE_NUMBER": "phone_no", "STREET_ADDRESS": "addr",
     "CREDIT_CARD": "pan", "EMAIL_ADDRESS": "email_addr", "IBAN_CODE": "bank_account",
     "IP_ADDRESS": "ip_a", "IP_ADDRESS2": "ip_b", "US_SSN": "ssn_no", "DATE_OF_BIRTH": "birthdate"},
]  # fmt: skip

TOOLS = ["referral_create", "hold_extend", "ticket_transfer", "maintenance_log", "lost_found_claim", "ride_dispute"]

RESULTS = [
    {"referral": {"patient": "{PERSON}", "dob": "{DATE_OF_BIRTH}", "phone": "{PHONE_NUMBER}"}, "clinic": "knee"},
    "request 6610 logged for {STREET_ADDRESS}; plumber will call {PHONE_NUMBER}; tenant {PERSON}",
    {"intake": {"ssn": "{US_SSN}", "email": "{EMAIL_ADDRESS}", "card": "{CREDIT_CARD}", "login_ip": "{IP_ADDRESS}"}},
    "refund of 9.00 to {IBAN_CODE} for {PERSON}; receipt posted to {STREET_ADDRESS}",
]

ASSISTANT = [
    "I've extended the hold for {PERSON}; we'll text {PHONE_NUMBER} when it's due.",
    "The refund goes to {IBAN_CODE}, the extra charge on {CREDIT_CARD} is reversed, and the letter goes to "
    "{STREET_ADDRESS}.",
    "Thanks {FIRST_NAME}, the tickets were sent to {EMAIL_ADDRESS}.",
    "SSN {US_SSN} and DOB {DATE_OF_BIRTH} match the file; the connection from {IP_ADDRESS} is blocked.",
]

TOPICS = ["referral", "library hold", "parish news", "ticket transfer", "request 6610", "bus 4", "LF-2291",
          "bike 5512", "intake", "interview", "lamp", "taxi 207"]  # fmt: skip

"""The tenth test part of the PII evaluation set (session 9), written after the ninth was
measured and before the work on it, measured once at the end of that work (all 0.3% of values
survived, phones 1.6%, names 0.2%, 1.5% of words changed, arguments consistent 0.970), then moved
into the development part (session 9). Unlike the
parts before it, its new shapes are ones people commonly write rather than tricks: vCards and
calendar invites, URL query strings, markdown tables, key=value audit lines, voicemail
transcripts, shipping labels, invoices, WhatsApp exports, and Polish, Hungarian, Portuguese and
Malay around the values. Its phone numbers are also written in groups of three, with the area
code in brackets in national form, with a space after the country code and hyphens after that,
or with the country code but no plus; its names also with a full middle name, surname first,
an academic title, or the surname as an initial (see `values.py`). Names and addresses come
from the fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    'BEGIN:VCARD\nFN:{PERSON}\nTEL;TYPE=cell:{PHONE_NUMBER}\nEMAIL:{EMAIL_ADDRESS}\nEND:VCARD\nimport this contact',
    'ATTENDEE;CN={PERSON}:mailto:{EMAIL_ADDRESS}\nthe invite for the 14:00 review bounced, resend it',
    'GET /signup?name={PERSON}&tel={PHONE_NUMBER}&plan=pro returned 500, trace id 88f1c2',
    '| customer | phone | status |\n|---|---|---|\n| {PERSON} | {PHONE_NUMBER} | waiting |\nwhy is this one stuck?',
    'audit: action=update_payout account={IBAN_CODE} actor={EMAIL_ADDRESS} src={IP_ADDRESS} result=denied',
    'Voicemail (0:42): "hi it\'s {PERSON} again, call me back on {PHONE_NUMBER}, it\'s about order 4471"',
    'SHIP TO:\n{PERSON}\n{STREET_ADDRESS}\nTel. {PHONE_NUMBER}\nParcel 3 of 3 came back, re-ship it',
    'Invoice 2026-118 for {PERSON}, {STREET_ADDRESS}: paid by card {CREDIT_CARD}, please send a receipt',
    '[12/11/26, 09:14] {PERSON}: my new number is {PHONE_NUMBER}\n[12/11/26, 09:15] {PERSON}: pls update',
    'Dzień dobry, nazywam się {PERSON}, mój telefon to {PHONE_NUMBER}. Zamówienie 7731 nie dotarło.',
    'Jó napot, {PERSON} vagyok, a címem {STREET_ADDRESS}. A 3318-as rendelés hiányzik.',
    'Olá, aqui é {PERSON}, o meu IBAN é {IBAN_CODE}. Reembolso do pedido 5120, por favor.',
    'Hai, saya {PERSON}, emel saya {EMAIL_ADDRESS} dan nombor {PHONE_NUMBER}. Pesanan 6604.',
    'The form posted ssn={US_SSN}&dob={DATE_OF_BIRTH} in clear text for {PERSON}; rotate the logs for day 3.',
    'Please forward {PERSON}\'s statement to {EMAIL_ADDRESS}; they moved to {STREET_ADDRESS} last month.',
    'Refund card ending {CREDIT_CARD}? No, the full number is {CREDIT_CARD} -- {FIRST_NAME} from accounts',
    'two sessions: {IP_ADDRESS} (home) and {IP_ADDRESS2} (office) for {EMAIL_ADDRESS}, both in case 2209',
    'FYI {FIRST_NAME} says the courier needs {PHONE_NUMBER} on the label, not the office line',
    'Cardholder {PERSON} disputes {CREDIT_CARD}; born {DATE_OF_BIRTH}; escalate under rule 12b.',
    'Kind regards,\n{PERSON}\nSenior Buyer\nM: {PHONE_NUMBER}\n{STREET_ADDRESS}',
]

SYSTEM = [
    'You are the Fabrikam order assistant. Answer in the language of the customer.',
    'Signed-in user: {PERSON} <{EMAIL_ADDRESS}>, mobile {PHONE_NUMBER}.',
    'Billing profile: card {CREDIT_CARD}, bank {IBAN_CODE}, ship to {STREET_ADDRESS}.',
    'KYC: ssn {US_SSN}, dob {DATE_OF_BIRTH}, last login {IP_ADDRESS}.',
]

ARG_KEYS = [
    {'PERSON': 'fn', 'FIRST_NAME': 'given', 'PHONE_NUMBER': 'tel_cell', 'STREET_ADDRESS': 'adr',
     'CREDIT_CARD': 'pan', 'EMAIL_ADDRESS': 'mailto', 'IBAN_CODE': 'payout_account', 'IP_ADDRESS': 'src',
     'IP_ADDRESS2': 'src_office', 'US_SSN': 'ssn_value', 'DATE_OF_BIRTH': 'birth'},
    {'PERSON': 'cardholder', 'FIRST_NAME': 'from_who', 'PHONE_NUMBER': 'label_phone', 'STREET_ADDRESS': 'ship_to',
     'CREDIT_CARD': 'disputed_card', 'EMAIL_ADDRESS': 'forward_to', 'IBAN_CODE': 'refund_iban', 'IP_ADDRESS': 'home_ip',
     'IP_ADDRESS2': 'office_ip', 'US_SSN': 'leaked_ssn', 'DATE_OF_BIRTH': 'leaked_dob'},
]  # fmt: skip

TOOLS = ['contact_import', 'invite_resend', 'signup_debug', 'reship_parcel', 'dispute_open', 'refund_route']

RESULTS = [
    {'contact': {'fn': '{PERSON}', 'tel': ['{PHONE_NUMBER}'], 'adr': '{STREET_ADDRESS}'}, 'imported': True},
    'label printed for {PERSON}, {STREET_ADDRESS}, phone {PHONE_NUMBER}',
    {'dispute': {'pan': '{CREDIT_CARD}', 'holder_dob': '{DATE_OF_BIRTH}', 'ssn': '{US_SSN}', 'ip': '{IP_ADDRESS}'}},
    'refund of 42.10 EUR routed to {IBAN_CODE} for {PERSON} ({EMAIL_ADDRESS})',
]

ASSISTANT = [
    'Imported {PERSON} with {PHONE_NUMBER}; the parcel will be re-shipped.',
    'The dispute on {CREDIT_CARD} is open; the refund goes to {IBAN_CODE}, receipt to {STREET_ADDRESS}.',
    'Done, {FIRST_NAME}: {EMAIL_ADDRESS} gets the invite again.',
    'Logs rotated; SSN {US_SSN}, DOB {DATE_OF_BIRTH} and {IP_ADDRESS} are gone from day 3.',
]

TOPICS = ['trace 88f1c2', 'order 4471', 'parcel 3', 'invoice 2026-118', 'zamówienie 7731', 'rendelés 3318',
          'pedido 5120', 'pesanan 6604', 'day 3', 'case 2209', 'rule 12b', '14:00 review']  # fmt: skip

"""The eighth test part of the PII evaluation set (session 8), written after the seventh was
measured and before the work on it, measured once at the end of that work (all 2.3% of values
survived, phones 8.4%, names 4.4%), then moved into the development part. Its forms:
support-ticket exports, OCR'd letters, SMS threads with quoted replies, JSON with escaped
newlines, forwarded e-mail chains, spreadsheet formulas, log lines in logfmt, GraphQL variables,
Swedish, Turkish, Indonesian and Czech around the values, and bullet points in a Slack thread.
Its phone numbers are also written with the country code in brackets, with dots after the
country code, with en dashes, with thin spaces, or in full-width digits; its names also as
"Mr Last", "LAST First", "First M. Last" or in lower case (see `values.py`). Names and addresses
come from the fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    'Ticket #40917 | Opened by: {PERSON} | Callback: {PHONE_NUMBER} | Priority: P2 | Topic: billing',
    'RE: RE: FW: payout\n\n> please use {IBAN_CODE}\n> -- {PERSON}\n\nconfirmed, batch 7781 tonight',
    'OCR scan p.2: "Dear Sir, I, {PERSON}, residing at {STREET_ADDRESS}, hereby cancel contract 55-0931."',
    '{"note": "caller {PERSON}\\nnumber {PHONE_NUMBER}\\nwants refund", "queue": "L1"}',
    '=HYPERLINK("mailto:{EMAIL_ADDRESS}", "{PERSON}") is broken in the export, sheet 4 row 120',
    'level=warn msg="card declined" holder="{PERSON}" pan={CREDIT_CARD} retry=2',
    '{"query": "mutation AddContact", "variables": {"name": "{PERSON}", "phone": "{PHONE_NUMBER}"}} fails',
    'Hej, jag heter {PERSON} och mitt nummer är {PHONE_NUMBER}. Order 8812 kom aldrig fram.',
    'Merhaba, adım {PERSON}. Kargo {STREET_ADDRESS} adresine gitsin lütfen, sipariş 3307.',
    'Halo, nama saya {PERSON}, tolong transfer ke {IBAN_CODE} untuk pesanan 6621.',
    'Dobrý den, jsem {PERSON}, volejte prosím na {PHONE_NUMBER}. Objednávka 1190.',
    '• {FIRST_NAME} asked for a callback on {PHONE_NUMBER}\n• ETA for ticket 2209 is Friday',
    '[sms] them: who is this\n[sms] me: its {FIRST_NAME}, new phone {PHONE_NUMBER}, delete the old one',
    'Fraud review: login {IP_ADDRESS} -> {EMAIL_ADDRESS}, card {CREDIT_CARD}, ssn {US_SSN}. Case 7.',
    'Please mail the replacement to {STREET_ADDRESS} and text {PHONE_NUMBER} with the tracking code.',
    'Member since 2019: {PERSON}, born {DATE_OF_BIRTH}. Upgrade to tier 3?',
    'the refund (88.10) should land on {IBAN_CODE} -- if not, ring {PHONE_NUMBER} -- {FIRST_NAME}',
    'Escalation: {PERSON} ({EMAIL_ADDRESS}) disputes charge 4471 on {CREDIT_CARD}.',
    'Visitor log 07:40 - {PERSON} - badge 22 - host {FIRST_NAME} - mobile {PHONE_NUMBER}',
    'Address change for account 90-118: from now on {STREET_ADDRESS}. Signed, {PERSON}',
]

SYSTEM = [
    'You are the Wingtip support assistant. Stay polite and never quote internal notes.',
    'Escalation owner: {PERSON}; reach them on {PHONE_NUMBER} or {EMAIL_ADDRESS}.',
    'Billing on file: {CREDIT_CARD}; refunds to {IBAN_CODE}; mail to {STREET_ADDRESS}.',
    'Verification data: SSN {US_SSN}, DOB {DATE_OF_BIRTH}, trusted IP {IP_ADDRESS}.',
]

ARG_KEYS = [
    {'PERSON': 'opener', 'FIRST_NAME': 'alias', 'PHONE_NUMBER': 'callback', 'STREET_ADDRESS': 'mail_to',
     'CREDIT_CARD': 'disputed_card', 'EMAIL_ADDRESS': 'escalation_mail', 'IBAN_CODE': 'refund_account',
     'IP_ADDRESS': 'login_ip', 'IP_ADDRESS2': 'second_ip', 'US_SSN': 'ssn_value', 'DATE_OF_BIRTH': 'dob_value'},
    {'PERSON': 'signer', 'FIRST_NAME': 'short_name', 'PHONE_NUMBER': 'phoneNumber', 'STREET_ADDRESS': 'newAddress',
     'CREDIT_CARD': 'cardPan', 'EMAIL_ADDRESS': 'mailAddress', 'IBAN_CODE': 'payoutIban', 'IP_ADDRESS': 'ipv4',
     'IP_ADDRESS2': 'ipSecond', 'US_SSN': 'socialNo', 'DATE_OF_BIRTH': 'dateBorn'},
]  # fmt: skip

TOOLS = ['ticket_update', 'payout_confirm', 'contract_cancel', 'contact_add', 'fraud_review', 'visitor_log']

RESULTS = [
    {'ticket': {'opener': '{PERSON}', 'callback': '{PHONE_NUMBER}'}, 'state': 'updated'},
    'OK payout -> {IBAN_CODE} ({PERSON}); receipt to {EMAIL_ADDRESS}',
    {'review': {'ip': '{IP_ADDRESS}', 'ssn': '{US_SSN}', 'dob': '{DATE_OF_BIRTH}', 'card': '{CREDIT_CARD}'}},
    'cancelled contract 55-0931 for {PERSON}, {STREET_ADDRESS}; callback {PHONE_NUMBER}',
]

ASSISTANT = [
    'Updated: {PERSON} will get a callback on {PHONE_NUMBER}.',
    'The payout to {IBAN_CODE} is confirmed; {CREDIT_CARD} was not charged. The letter goes to {STREET_ADDRESS}.',
    'Thanks {FIRST_NAME}, I emailed {EMAIL_ADDRESS} the details.',
    'Verified SSN {US_SSN} and date of birth {DATE_OF_BIRTH}; {IP_ADDRESS} is trusted again.',
]

TOPICS = ['ticket 40917', 'batch 7781', 'contract 55-0931', 'queue L1', 'sheet 4 row 120', 'retry 2',
          'order 8812', 'sipariş 3307', 'pesanan 6621', 'objednávka 1190', 'ticket 2209', 'case 7', 'tier 3',
          'account 90-118']  # fmt: skip

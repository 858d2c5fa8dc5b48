"""The seventh test part of the PII evaluation set (session 8), written after the sixth was
measured and before the work on it, measured once at the end of that work (all 1.6% of values
survived, phones 8.0%), then moved into the development part. Its forms: vCards
and calendar invites, SQL and shell commands, environment files, diffs, TSV pastes, chat logs with
timestamps, shipping labels in capitals, speech-to-text without punctuation, exception messages,
Italian, Portuguese, Dutch and Polish around the values. Its phone numbers are also written in
pairs, with hyphens after the country code, as bare digits, with an extension or with no-break
spaces; its names also as "Last, First", "First LAST" or "F. Last" (see `values.py`). Names and
addresses come from the fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    'BEGIN:VCARD\nVERSION:3.0\nFN:{PERSON}\nTEL;TYPE=cell:{PHONE_NUMBER}\nEMAIL:{EMAIL_ADDRESS}\nEND:VCARD\nimport it',
    'ATTENDEE;CN={PERSON}:mailto:{EMAIL_ADDRESS}\nLOCATION:{STREET_ADDRESS}\nmove this invite to 16:00',
    "INSERT INTO payees (holder, iban) VALUES ('{PERSON}', '{IBAN_CODE}'); -- run on staging only",
    "curl -X POST /v2/contacts -d 'name={PERSON}' -d 'mobile={PHONE_NUMBER}' returns 409, why?",
    'CUSTOMER_NAME="{PERSON}"\nCUSTOMER_CARD="{CREDIT_CARD}"\nRETRY_LIMIT=3\nis this .env safe to commit?',
    '- phone: {PHONE_NUMBER}\n+ phone: unknown\nwho made this change to record 6610?',
    'name\tdob\tssn\n{PERSON}\t{DATE_OF_BIRTH}\t{US_SSN}\npasted from the HR sheet, tab 3',
    '[09:14] agent: how can I help\n[09:15] {FIRST_NAME}: pls send the parcel to {STREET_ADDRESS}',
    'SHIP TO: {PERSON}\n{STREET_ADDRESS}\nTEL {PHONE_NUMBER}\nFRAGILE 2 OF 2',
    'yeah hi my name is {PERSON} and you can get me on {PHONE_NUMBER} any time after lunch ok',
    'ValueError: card {CREDIT_CARD} rejected by gateway (holder {PERSON}) in charge_batch line 212',
    'Buongiorno, sono {PERSON}, il mio numero è {PHONE_NUMBER}. Vorrei spostare la consegna 3381.',
    'Olá, o meu IBAN é {IBAN_CODE} e o titular é {PERSON}. Obrigado pelo reembolso 77-12.',
    'Hallo, stuur de factuur naar {STREET_ADDRESS} t.a.v. {PERSON}, bestelling 5520.',
    'Dzień dobry, proszę o kontakt pod numerem {PHONE_NUMBER}. Pozdrawiam, {PERSON}',
    'Session from {IP_ADDRESS} used the reset link sent to {EMAIL_ADDRESS}; revoke token 7Q-19.',
    '@support {FIRST_NAME} here again -- still no refund to {IBAN_CODE} after 12 days :(',
    'Beneficiary ........ {PERSON}\nAccount ............ {IBAN_CODE}\nAmount ............. 1,020.00',
    'Why did {PERSON} (born {DATE_OF_BIRTH}) get two welcome packs? Member id 40-1187.',
    'Fwd: courier could not reach {PHONE_NUMBER} at {STREET_ADDRESS}, reschedule to Thursday',
]

SYSTEM = [
    'You are the Tailspin logistics assistant. Answer in the language of the user.',
    'Account manager: {PERSON}, direct {PHONE_NUMBER}, escalations to {EMAIL_ADDRESS}.',
    'Stored instruments: card {CREDIT_CARD}, sweep account {IBAN_CODE}, statement address {STREET_ADDRESS}.',
    'KYC snapshot: ssn={US_SSN} dob={DATE_OF_BIRTH} last_ip={IP_ADDRESS}',
]

ARG_KEYS = [
    {'PERSON': 'fullName', 'FIRST_NAME': 'givenName', 'PHONE_NUMBER': 'msisdn', 'STREET_ADDRESS': 'deliveryLine',
     'CREDIT_CARD': 'panMasked', 'EMAIL_ADDRESS': 'notifyEmail', 'IBAN_CODE': 'accountIban', 'IP_ADDRESS': 'clientIp',
     'IP_ADDRESS2': 'proxyIp', 'US_SSN': 'taxIdentifier', 'DATE_OF_BIRTH': 'birthDate'},
    {'PERSON': 'holder', 'FIRST_NAME': 'nick', 'PHONE_NUMBER': 'contact_no', 'STREET_ADDRESS': 'addr1',
     'CREDIT_CARD': 'funding_source', 'EMAIL_ADDRESS': 'login', 'IBAN_CODE': 'sweep', 'IP_ADDRESS': 'remote_addr',
     'IP_ADDRESS2': 'forwarded_for', 'US_SSN': 'gov_id', 'DATE_OF_BIRTH': 'born_on'},
]  # fmt: skip

TOOLS = ['vcard_import', 'invite_move', 'payee_insert', 'label_print', 'refund_status', 'member_audit']

RESULTS = [
    {'contact': {'fn': '{PERSON}', 'tel': ['{PHONE_NUMBER}'], 'adr': '{STREET_ADDRESS}'}, 'merged': False},
    'payee 88 => holder={PERSON} iban={IBAN_CODE} mail={EMAIL_ADDRESS} status=PENDING',
    {'audit': {'member': '{PERSON}', 'born': '{DATE_OF_BIRTH}', 'gov_id': '{US_SSN}', 'ip': '{IP_ADDRESS}'}},
    'LABEL OK\n{PERSON}\n{STREET_ADDRESS}\n{PHONE_NUMBER}\ncard {CREDIT_CARD} charged 14.90',
]

ASSISTANT = [
    'Imported: {PERSON}, {PHONE_NUMBER}. Nothing else changed.',
    'The label for {PERSON} at {STREET_ADDRESS} is printed; 14.90 went on {CREDIT_CARD}.',
    'Refund queued to {IBAN_CODE}, {FIRST_NAME}; a note goes to {EMAIL_ADDRESS}.',
    'Audit done for SSN {US_SSN} (born {DATE_OF_BIRTH}); the session from {IP_ADDRESS} is revoked.',
]

TOPICS = ['record 6610', 'tab 3', 'consegna 3381', 'reembolso 77-12', 'bestelling 5520', 'token 7Q-19',
          'member 40-1187', 'line 212', 'FRAGILE 2 OF 2', 'retry limit 3', 'staging', 'Thursday', '16:00',
          'v2 contacts']  # fmt: skip

"""The ninth test part of the PII evaluation set (session 8), written after the eighth was
measured and before the work on it, measured once at the end of that work (all 2.5% of values
survived, phones 7.1%, names 7.0%, 4.0% of words changed), then moved into the development part
(session 9). Its forms:
meeting transcripts with speaker labels, issue-tracker comments, semicolon CSV with quoted
fields, HTTP headers, YAML front matter, pipe-separated signatures, a court-style letter, chat
exports with reactions, Romanian, Finnish, Vietnamese and Greek around the values. Its phone
numbers are also written with the area code in brackets after the country code, with letters
for digits (vanity numbers), with " - " between the groups, or in Arabic-Indic digits; its names
also with a nickname in quotes, a double-barrelled surname, a post-nominal ("MD", "Jr.") or all
in capitals (see `values.py`). Names and addresses come from the fourth part's locales, which
nobody has looked into.
"""

from __future__ import annotations

USER = [
    '[00:03:12] Agent: can I have your name?\n[00:03:15] Caller: {PERSON}\n'
    '[00:03:20] Caller: and the number is {PHONE_NUMBER}',
    '> **{PERSON}** commented on SUP-3318:\n> moved to {STREET_ADDRESS}, please update the shipping profile',
    '"id";"holder";"iban"\n"7710";"{PERSON}";"{IBAN_CODE}"\nimport failed at row 2',
    'X-Customer-Name: {PERSON}\nX-Customer-Email: {EMAIL_ADDRESS}\nX-Forwarded-For: {IP_ADDRESS}\nwhy 403?',
    '---\ncontact: {PERSON}\nphone: {PHONE_NUMBER}\nplan: team-5\n---\nrender this profile card',
    '{PERSON} | Procurement | {PHONE_NUMBER} | {EMAIL_ADDRESS}\n\nPlease quote 40 chairs, model K2.',
    'Re: account 3317-B. I, {PERSON}, born {DATE_OF_BIRTH}, object to the charge on card {CREDIT_CARD}.',
    '{FIRST_NAME} reacted 👍 to "refund sent to {IBAN_CODE}" -- can you confirm it left today?',
    'Bună ziua, sunt {PERSON}, numărul meu este {PHONE_NUMBER}. Comanda 6612 nu a sosit.',
    'Hei, olen {PERSON}. Lähettäkää lasku osoitteeseen {STREET_ADDRESS}, tilaus 2290.',
    'Xin chào, tôi là {PERSON}, số điện thoại {PHONE_NUMBER}. Đơn hàng 8841 bị trễ.',
    'Γεια σας, είμαι ο {PERSON}, email {EMAIL_ADDRESS}. Παραγγελία 5530.',
    'SSN {US_SSN} and DOB {DATE_OF_BIRTH} were typed into the public form by {PERSON}; purge entry 12.',
    'Driver notes: gate code 4471, call {PHONE_NUMBER} on arrival, deliver to {STREET_ADDRESS}.',
    'Two logins for {EMAIL_ADDRESS}: {IP_ADDRESS} (ok) and {IP_ADDRESS2} (blocked). Ticket 6120.',
    'charge {CREDIT_CARD} for seats 3 and 4; the booking is under {PERSON}',
    'Minutes: {PERSON} to send the draft; {FIRST_NAME} to book the room (call {PHONE_NUMBER}).',
    'Hi team -- my replacement card {CREDIT_CARD} arrived; please move the subscription 77-K to it. {FIRST_NAME}',
    'Tenant: {PERSON}; unit: {STREET_ADDRESS}; deposit from {IBAN_CODE}; move-in 1 March.',
    'Callback request #5519: {PHONE_NUMBER} ({FIRST_NAME}), topic: warranty, window 9-11.',
]

SYSTEM = [
    'You are the Litware helpdesk. Keep replies under 80 words.',
    'Account owner: {PERSON} ({EMAIL_ADDRESS}, {PHONE_NUMBER}).',
    'Saved payment: {CREDIT_CARD}; payout account {IBAN_CODE}; registered office {STREET_ADDRESS}.',
    'Identity on record: {US_SSN} / {DATE_OF_BIRTH} / {IP_ADDRESS}.',
]

ARG_KEYS = [
    {'PERSON': 'speaker', 'FIRST_NAME': 'nickname', 'PHONE_NUMBER': 'callback_no', 'STREET_ADDRESS': 'ship_line',
     'CREDIT_CARD': 'card_value', 'EMAIL_ADDRESS': 'email_header', 'IBAN_CODE': 'iban_field', 'IP_ADDRESS': 'xff',
     'IP_ADDRESS2': 'xff_blocked', 'US_SSN': 'ssn_field', 'DATE_OF_BIRTH': 'dob_field'},
    {'PERSON': 'commenter', 'FIRST_NAME': 'reactor', 'PHONE_NUMBER': 'tel_no', 'STREET_ADDRESS': 'unit',
     'CREDIT_CARD': 'seat_card', 'EMAIL_ADDRESS': 'login_mail', 'IBAN_CODE': 'deposit_from', 'IP_ADDRESS': 'ok_ip',
     'IP_ADDRESS2': 'blocked_ip', 'US_SSN': 'purged_ssn', 'DATE_OF_BIRTH': 'purged_dob'},
]  # fmt: skip

TOOLS = ['transcript_tag', 'profile_update', 'csv_import', 'header_debug', 'objection_log', 'callback_queue']

RESULTS = [
    {'profile': {'contact': '{PERSON}', 'phone': '{PHONE_NUMBER}', 'ship_to': '{STREET_ADDRESS}'}, 'v': 3},
    'imported row 2: {PERSON};{IBAN_CODE};{EMAIL_ADDRESS}',
    {'objection': {'card': '{CREDIT_CARD}', 'dob': '{DATE_OF_BIRTH}', 'ssn': '{US_SSN}', 'ip': '{IP_ADDRESS}'}},
    'queued callback for {PERSON} at {PHONE_NUMBER}; address on file {STREET_ADDRESS}',
]

ASSISTANT = [
    'Noted: {PERSON}, {PHONE_NUMBER}. The callback is queued.',
    'The subscription now uses {CREDIT_CARD}; the deposit from {IBAN_CODE} is confirmed for {STREET_ADDRESS}.',
    'Thanks {FIRST_NAME} -- the login for {EMAIL_ADDRESS} is sorted.',
    'Purged: SSN {US_SSN}, DOB {DATE_OF_BIRTH}; {IP_ADDRESS} stays on the allow list.',
]

TOPICS = ['SUP-3318', 'row 2', 'team-5', 'model K2', 'account 3317-B', 'comanda 6612', 'tilaus 2290',
          'đơn hàng 8841', '5530', 'entry 12', 'gate 4471', 'ticket 6120', 'seats 3 and 4', 'request 5519']  # fmt: skip

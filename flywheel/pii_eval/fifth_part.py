"""The fifth test part of the PII evaluation set (session 7), written before that session's
scrubber work and measured once, then moved into the development part (see `templates.py`).
Its forms are ones the earlier parts lack: SMS and
chat shorthand, voicemail transcripts, forms with labels, quoted mail replies, YAML and log lines,
signatures; its phone numbers add the ways people abroad dial them (see `values.py`). Its names
and addresses come from the fourth part's locales, whose survivors nobody has looked at.
"""

from __future__ import annotations

USER = [
    'sms from {FIRST_NAME}: pls call back on {PHONE_NUMBER} re parcel 1Z84X, thx',
    'Voicemail transcript (00:41): "hi this is {PERSON} calling about invoice 7719, my number is {PHONE_NUMBER}, '
    'thanks bye"',
    'Name: {PERSON}\nTel: {PHONE_NUMBER}\nAddress: {STREET_ADDRESS}\nReason: warranty claim, serial SN-55102-B',
    '> On Tue, {PERSON} wrote:\n> my card {CREDIT_CARD} was charged twice\n\nCan you refund one of the two 49.99 '
    'charges?',
    'customer:\n  name: {PERSON}\n  phone: "{PHONE_NUMBER}"\n  iban: {IBAN_CODE}\nplan: business-12\n',
    '2026-11-02T10:14:07Z WARN login failed user={EMAIL_ADDRESS} ip={IP_ADDRESS} attempts=5',
    'Thanks for the help earlier!\n--\n{PERSON}\nHead of Ops, Fabrikam\nm: {PHONE_NUMBER}',
    'can u move my delivery to {STREET_ADDRESS}? im not home till fri',
    'Patient {PERSON}, DOB {DATE_OF_BIRTH}, asks to reschedule the 14:30 appointment to next week.',
    'The payout for contract C-2208 should go to {IBAN_CODE} (holder: {PERSON}), not the old account.',
    'ok so the number to text is {PHONE_NUMBER} and the name on the booking is {FIRST_NAME}',
    'Applicant: {PERSON} | SSN: {US_SSN} | born: {DATE_OF_BIRTH} | income band 3',
    'please cancel subscription 88-4410 for {EMAIL_ADDRESS}; card on file {CREDIT_CARD} should not be billed',
    'Whitelist {IP_ADDRESS} for the build agent; ask {FIRST_NAME} if port 8443 is still needed.',
    'Reminder to self: send the contract to {PERSON}, {STREET_ADDRESS}, before the 15th.',
    'Caller says she is {PERSON} and gave {PHONE_NUMBER} as a callback. Verify before sharing order 4471-22.',
    '[ {"name": "{PERSON}", "mobile": "{PHONE_NUMBER}"} ] -- import this contact into the CRM please',
    'Hey, {FIRST_NAME} here. New bank details: {IBAN_CODE}. Old ones closed on 1 Oct.',
    'Send the replacement router (model AX-3000) to {PERSON} at {STREET_ADDRESS}.',
    'ID check failed for SSN {US_SSN}; the applicant {PERSON} can be reached at {EMAIL_ADDRESS}.',
]

SYSTEM = [
    'You are the concierge bot for Tailspin Hotels. Answer in one or two sentences.',
    'Guest profile: {PERSON}, mobile {PHONE_NUMBER}, home {STREET_ADDRESS}.',
    'Billing context -- card {CREDIT_CARD}, refund account {IBAN_CODE}, client IP {IP_ADDRESS}.',
    'KYC fields (confidential): {US_SSN}; {DATE_OF_BIRTH}; contact {EMAIL_ADDRESS}.',
]

ARG_KEYS = [
    {'PERSON': 'guest', 'FIRST_NAME': 'nickname', 'PHONE_NUMBER': 'callback', 'STREET_ADDRESS': 'deliver_to',
     'CREDIT_CARD': 'card', 'EMAIL_ADDRESS': 'notify_email', 'IBAN_CODE': 'refund_account', 'IP_ADDRESS': 'client_ip',
     'IP_ADDRESS2': 'proxy_ip', 'US_SSN': 'ssn_value', 'DATE_OF_BIRTH': 'dob'},
    {'PERSON': 'holderName', 'FIRST_NAME': 'givenName', 'PHONE_NUMBER': 'telNo', 'STREET_ADDRESS': 'postalLine',
     'CREDIT_CARD': 'cardNo', 'EMAIL_ADDRESS': 'eMail', 'IBAN_CODE': 'accountNo', 'IP_ADDRESS': 'remoteAddr',
     'IP_ADDRESS2': 'forwardedFor', 'US_SSN': 'nationalId', 'DATE_OF_BIRTH': 'birthDate'},
]  # fmt: skip

TOOLS = ['guest_update', 'callback_schedule', 'refund_route', 'kyc_recheck', 'firewall_allow', 'delivery_move']

RESULTS = [
    {'guest': {'name': '{PERSON}', 'tel': '{PHONE_NUMBER}', 'room': '412'}, 'status': 'updated'},
    'Callback booked for {PHONE_NUMBER} at 16:00 (agent {PERSON}); reference CB-90213.',
    {'refund': {'to': '{IBAN_CODE}', 'fallback_card': '{CREDIT_CARD}', 'amount': '49.99'}, 'from_ip': '{IP_ADDRESS}'},
    'kyc: subject {PERSON}, born {DATE_OF_BIRTH}, ssn {US_SSN}, residence {STREET_ADDRESS} -> PASS',
]

ASSISTANT = [
    "Got it, {FIRST_NAME} -- we'll call {PHONE_NUMBER} around 4pm.",
    'Your delivery now goes to {STREET_ADDRESS}; a confirmation is on its way to {EMAIL_ADDRESS}.',
    'Refund of 49.99 routed to {IBAN_CODE}; the card {CREDIT_CARD} will not be charged again.',
    'Thanks {PERSON}, the check with SSN {US_SSN} and date of birth {DATE_OF_BIRTH} passed; login from {IP_ADDRESS} '
    'noted.',
]

TOPICS = ['parcel 1Z84X', 'invoice 7719', 'serial SN-55102-B', 'plan business-12', 'contract C-2208',
          'subscription 88-4410', 'port 8443', 'order 4471-22', 'model AX-3000', 'room 412']  # fmt: skip

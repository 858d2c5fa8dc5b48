"""The sixth test part of the PII evaluation set (session 7), written after the fifth was measured
and before the work on it, measured once at the end of that work, then moved into the development
part (session 8; see `templates.py`). Its forms: markdown and
HTML, XML, URL query strings, Python-style dicts, CSV with a header, numbered lists, messages in
other languages around the values, chat with emoji, PS lines. Its phone numbers are also written
with a slash after the area code or with dots (see `values.py`); names and addresses come from
the fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    '- name: **{PERSON}**\n- phone: `{PHONE_NUMBER}`\n- note: prefers calls after 6pm',
    '<p>Contact: {PERSON}<br>Tel.: {PHONE_NUMBER}<br>E-mail: {EMAIL_ADDRESS}</p> please add to newsletter list B',
    '<customer><name>{PERSON}</name><iban>{IBAN_CODE}</iban></customer> -- payout batch 2291',
    'https://forms.example.com/submit?name={PERSON}&tel={PHONE_NUMBER}&plan=pro-annual',
    "{'holder': '{PERSON}', 'card': '{CREDIT_CARD}', 'amount': 120.50} charge failed with code 05",
    'name,phone,city\n{PERSON},{PHONE_NUMBER},Lisbon\nplease dedupe against list 7',
    '1. Cancel order 20-7781\n2. Refund to {IBAN_CODE}\n3. Confirm to {EMAIL_ADDRESS}',
    'Hola, soy {PERSON}. Mi teléfono es {PHONE_NUMBER}. Necesito cambiar la reserva 4410.',
    'Bonjour, merci d\'envoyer la facture F-2207 à {STREET_ADDRESS}. Cordialement, {PERSON}',
    'Guten Tag, bitte buchen Sie die Rate von {IBAN_CODE} ab. Vertrag 55-120, {PERSON}',
    'heyy its {FIRST_NAME} 😊 new number {PHONE_NUMBER} save it!!',
    'Please ship 3 units of SKU Q-5520 to {STREET_ADDRESS}.\nPS: ring {PHONE_NUMBER} at the gate.',
    'Audit: {US_SSN} belongs to {PERSON} (born {DATE_OF_BIRTH}); close case 881 when verified.',
    'Block card {CREDIT_CARD} now -- lost it at the station. This is {PERSON}.',
    'login alert for {EMAIL_ADDRESS} from {IP_ADDRESS} (Chrome 131, Windows); was that you?',
    'Deliver to: {PERSON}\n{STREET_ADDRESS}\nphone {PHONE_NUMBER}\n\nLeave with neighbour if out.',
    'Is {FIRST_NAME} still on the on-call rota for week 49? Their mobile is {PHONE_NUMBER}.',
    'The tenant {PERSON} has paid rent for unit 12B from {IBAN_CODE} every month since 2023.',
    'Re: claim 30-118 -- date of birth on the form ({DATE_OF_BIRTH}) does not match the ID of {PERSON}.',
    'Can you whitelist {IP_ADDRESS}? It is the office of {PERSON}, ticket 5102.',
]

SYSTEM = [
    'You are the Contoso travel agent. Keep answers short and never share internal notes.',
    'Traveller on file: {PERSON} / {PHONE_NUMBER} / {EMAIL_ADDRESS}.',
    'Payment profile: {CREDIT_CARD}; refunds to {IBAN_CODE}; billing address {STREET_ADDRESS}.',
    'Identity (restricted): {US_SSN}, {DATE_OF_BIRTH}, last seen from {IP_ADDRESS}.',
]

ARG_KEYS = [
    {'PERSON': 'traveller', 'FIRST_NAME': 'called', 'PHONE_NUMBER': 'phoneE164', 'STREET_ADDRESS': 'ship_address',
     'CREDIT_CARD': 'instrument', 'EMAIL_ADDRESS': 'mailbox', 'IBAN_CODE': 'iban_nr', 'IP_ADDRESS': 'seen_ip',
     'IP_ADDRESS2': 'origin_ip', 'US_SSN': 'ssn_digits', 'DATE_OF_BIRTH': 'date_born'},
    {'PERSON': 'party', 'FIRST_NAME': 'first', 'PHONE_NUMBER': 'dial', 'STREET_ADDRESS': 'where',
     'CREDIT_CARD': 'charge_to', 'EMAIL_ADDRESS': 'reply_to', 'IBAN_CODE': 'debit_from', 'IP_ADDRESS': 'ip',
     'IP_ADDRESS2': 'ip_b', 'US_SSN': 'id_number', 'DATE_OF_BIRTH': 'dob_text'},
]  # fmt: skip

TOOLS = ['traveller_patch', 'newsletter_add', 'payout_batch', 'rent_ledger', 'oncall_lookup', 'card_block']

RESULTS = [
    {'traveller': {'display_name': '{PERSON}', 'contact': {'phone': '{PHONE_NUMBER}'}}, 'ok': True},
    '<result><status>blocked</status><card>{CREDIT_CARD}</card><owner>{PERSON}</owner></result>',
    {'ledger': [{'from': '{IBAN_CODE}', 'amount': 950}], 'tenant': '{PERSON}', 'notify': '{EMAIL_ADDRESS}'},
    'verified: {PERSON} | {DATE_OF_BIRTH} | {US_SSN} | {STREET_ADDRESS} | login {IP_ADDRESS}',
]

ASSISTANT = [
    'Saved -- {PERSON} can now be reached at {PHONE_NUMBER}.',
    'Card {CREDIT_CARD} is blocked; a new one will go to {STREET_ADDRESS}.',
    'Thanks, {FIRST_NAME}. The refund goes to {IBAN_CODE} and the receipt to {EMAIL_ADDRESS}.',
    'Checked: SSN {US_SSN}, born {DATE_OF_BIRTH}, login from {IP_ADDRESS} -- case closed.',
]

TOPICS = ['list B', 'payout batch 2291', 'plan pro-annual', 'code 05', 'list 7', 'order 20-7781', 'reserva 4410',
          'facture F-2207', 'Vertrag 55-120', 'SKU Q-5520', 'case 881', 'week 49', 'unit 12B',
          'claim 30-118']  # fmt: skip

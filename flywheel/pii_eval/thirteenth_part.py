"""The thirteenth part of the PII evaluation set (session 10; development since then), written after the twelfth was
measured and before the work on it, measured once at the end of that work (all 0.6% of values
survived, phones 2.1%, names 1.4%, no address, 0.4% of words changed, arguments consistent 0.997,
4.3% of the calls withheld). Its forms, as people commonly write them: a calendar invite,
a CSV row pasted into the chat, a Jira-style ticket, a forwarded text message, an XML fragment, a
YAML snippet, a Markdown table row, an HTML e-mail signature, a chat log with timestamps, a
voicemail transcript, a key=value log line, a shipping label, French, Italian, Polish, Dutch and
Turkish around the values. Its phone numbers are also written with 00, the country code and (0),
in Swiss groups (3, 2, 2 at the end) internationally or nationally, or with " / " after the area
code; its names also after a foreign honorific (Herr, Sra., Mme), as "Surname F.", with pronouns
after them, or with two spaced initials (see `values.py`). Names and addresses come from the
fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    "BEGIN:VEVENT\nSUMMARY:Onboarding call\nATTENDEE;CN={PERSON}:mailto:{EMAIL_ADDRESS}\n"
    "LOCATION:{STREET_ADDRESS}\nEND:VEVENT",
    "name,phone,card\n{PERSON},{PHONE_NUMBER},{CREDIT_CARD}\n-- can you import this row for me?",
    "[SUP-2231] Refund not received. Reporter: {PERSON}. Contact: {PHONE_NUMBER}. Priority: high",
    "Fwd SMS from {PHONE_NUMBER}: 'hi its {FIRST_NAME}, my parcel went to the old flat, pls fix'",
    "<customer><name>{PERSON}</name><iban>{IBAN_CODE}</iban><street>{STREET_ADDRESS}</street></customer>",
    "contact:\n  name: {PERSON}\n  phone: '{PHONE_NUMBER}'\n  email: {EMAIL_ADDRESS}\nplease update the CRM",
    "| {PERSON} | {EMAIL_ADDRESS} | {PHONE_NUMBER} | overdue |  <- this row, send a reminder",
    "<p>Best,<br>{PERSON}<br>Tel. {PHONE_NUMBER}<br>{STREET_ADDRESS}</p> -- why does my signature break?",
    "[09:14] {FIRST_NAME}: is the card {CREDIT_CARD} still on file?\n[09:15] agent: checking",
    "Voicemail (0:41): hi this is {PERSON} calling about order 7713, please ring me back on {PHONE_NUMBER}, thanks",
    "level=warn user={EMAIL_ADDRESS} ip={IP_ADDRESS} msg='login from new device' -- is this me?",
    "SHIP TO: {PERSON} / {STREET_ADDRESS} / {PHONE_NUMBER} -- label printed twice, cancel one",
    "Bonjour, je suis {PERSON}, mon numéro est le {PHONE_NUMBER}. La commande 5530 est en retard.",
    "Buongiorno, sono {PERSON} e abito in {STREET_ADDRESS}. L'ordine 9902 non è arrivato.",
    "Dzień dobry, nazywam się {PERSON}, mój e-mail to {EMAIL_ADDRESS}. Zamówienie 4471 nie dotarło.",
    "Goedemiddag, met {PERSON}, bereikbaar op {PHONE_NUMBER}. Bestelling 6028 is kapot aangekomen.",
    "Merhaba, ben {PERSON}. SSN {US_SSN}, doğum tarihi {DATE_OF_BIRTH}, IP {IP_ADDRESS2}. Kayıt 3391.",
]

SYSTEM = [
    "You are the Fabrikam order assistant. Keep answers short and polite.",
    "Caller on the line: {PERSON} ({PHONE_NUMBER}, {EMAIL_ADDRESS}).",
    "Stored instruments: card {CREDIT_CARD}, account {IBAN_CODE}; delivery {STREET_ADDRESS}.",
    "KYC: SSN {US_SSN}; DOB {DATE_OF_BIRTH}; last login {IP_ADDRESS}.",
]

ARG_KEYS = [
    {"PERSON": "attendee", "FIRST_NAME": "sms_sender", "PHONE_NUMBER": "ring_back", "STREET_ADDRESS": "venue",
     "CREDIT_CARD": "card_on_file", "EMAIL_ADDRESS": "mailto", "IBAN_CODE": "iban_no", "IP_ADDRESS": "login_ip",
     "IP_ADDRESS2": "other_ip", "US_SSN": "ssn_id", "DATE_OF_BIRTH": "dob_iso"},
    {"PERSON": "reporter", "FIRST_NAME": "short_name", "PHONE_NUMBER": "tel_no", "STREET_ADDRESS": "label_address",
     "CREDIT_CARD": "pan", "EMAIL_ADDRESS": "crm_email", "IBAN_CODE": "account_iban", "IP_ADDRESS": "src_ip",
     "IP_ADDRESS2": "dst_ip", "US_SSN": "tax_number", "DATE_OF_BIRTH": "born"},
]  # fmt: skip

TOOLS = ["calendar_invite", "crm_import", "ticket_update", "sms_reply", "label_cancel", "kyc_check"]

RESULTS = [
    {"row": {"name": "{PERSON}", "tel": "{PHONE_NUMBER}", "mail": "{EMAIL_ADDRESS}", "status": "imported"}},
    "label 2 of 2 voided; remaining label: {PERSON}, {STREET_ADDRESS}",
    {"kyc": {"ssn": "{US_SSN}", "dob": "{DATE_OF_BIRTH}", "card": "{CREDIT_CARD}", "iban": "{IBAN_CODE}"}},
    "invite sent to {EMAIL_ADDRESS} from {IP_ADDRESS}; dial-in for {PERSON}: {PHONE_NUMBER}",
]

ASSISTANT = [
    "I have left a message for {PERSON} on {PHONE_NUMBER}; order 7713 is on its way.",
    "The card {CREDIT_CARD} and account {IBAN_CODE} are on file; delivery stays {STREET_ADDRESS}.",
    "Done, {FIRST_NAME}: the CRM now has {EMAIL_ADDRESS}.",
    "KYC passed for SSN {US_SSN}, born {DATE_OF_BIRTH}; the login from {IP_ADDRESS} was you.",
]

TOPICS = ["onboarding call", "CSV import", "SUP-2231", "forwarded SMS", "XML export", "CRM update", "reminder",
          "signature", "order 7713", "new device", "label reprint", "commande 5530"]  # fmt: skip

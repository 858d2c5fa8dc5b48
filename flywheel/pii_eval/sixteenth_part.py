"""The sixteenth part of the PII evaluation set (session 11; development since then), written after the fifteenth was
measured and before any work on it, measured once (all 0.54% of values survived, phones 0.8%,
names 1.9%, no address, 1.8% of words changed, arguments consistent 0.974, 6.5% of the calls
withheld). Its forms, as people commonly write them: a voicemail
transcription, an issue-tracker ticket with fields, a forwarded e-mail's header block, a till
receipt, a clinic's appointment reminder, a wedding RSVP, a property listing enquiry, a hotel
booking confirmation, a parcel-locker notice, a bank dispute letter, a volunteer rota, Finnish,
Norwegian, Slovenian, Latvian, Vietnamese and Afrikaans around the values. Its phone numbers are
also written with the country and area codes together in brackets ((+49 30) 1234567), the country
code before the national area code in brackets (+49 (030) 1234567), nationally with hyphens
(030-123-4567), or with the country code, no plus and hyphens (49-30-1234567); its names also with
a title before an initial (Mr J. Smith), as "Surname INITIALS" (Smith JA), with a hyphenated given
name (Anna-Maria Smith), or as "Surname, Title Given" (see `values.py`). Names and addresses come
from the fourth part's locales, which nobody has looked into.
"""

from __future__ import annotations

USER = [
    "Voicemail (0:42) from {PHONE_NUMBER}: \"hi this is {PERSON}, calling about the refund, call me back\"",
    "PROJ-3381 | Reporter: {PERSON} | Contact: {EMAIL_ADDRESS} | Summary: export button greyed out",
    "---------- Forwarded message ---------\nFrom: {PERSON} <{EMAIL_ADDRESS}>\nDate: Mon 9 Nov\nSubject: "
    "deposit\n\nplease send it to {IBAN_CODE}",
    "RECEIPT 0042  2x latte 7.80  TOTAL 7.80  VISA {CREDIT_CARD}  cardholder {PERSON}  -- why charged twice?",
    "Reminder: {PERSON}, your appointment is Tue 10:15 at {STREET_ADDRESS}. Reply C to cancel or call {PHONE_NUMBER}.",
    "RSVP: {PERSON} + 1, vegetarian, will bring the kids. Best number is {PHONE_NUMBER}. Can you add them?",
    "Is the 2-bed at {STREET_ADDRESS} still available? I'm {PERSON}, viewing any evening, {PHONE_NUMBER}",
    "Booking 7HQ2 confirmed for guest {PERSON}, 3 nights, card on file {CREDIT_CARD}, email {EMAIL_ADDRESS}",
    "Your parcel is in locker 14 at {STREET_ADDRESS}. Code sent by SMS to {PHONE_NUMBER}. Can I extend it?",
    "I dispute the charge of 311.00 on card {CREDIT_CARD}. Account holder {PERSON}, DOB {DATE_OF_BIRTH}, SSN "
    "{US_SSN}.",
    "Rota Sat: 9-12 {PERSON} ({PHONE_NUMBER}), 12-3 {FIRST_NAME}; swap if you can't make it",
    "Hei, olen {PERSON}, puhelinnumeroni on {PHONE_NUMBER}. Tilaus 4410 ei ole saapunut.",
    "Hei, jeg heter {PERSON} og bor i {STREET_ADDRESS}. Bestilling 2283 mangler.",
    "Pozdravljeni, sem {PERSON}, moj e-naslov je {EMAIL_ADDRESS}. Naročilo 6612 zamuja.",
    "Sveiki, es esmu {PERSON}, mans IBAN ir {IBAN_CODE}. Pasūtījums 5390 nav saņemts.",
    "Xin chào, tôi là {PERSON}, số điện thoại của tôi là {PHONE_NUMBER}. Đơn hàng 7731 chưa tới.",
    "Goeiedag, ek is {PERSON}, my adres is {STREET_ADDRESS}. Bestelling 1184 is laat.",
    "Two logins within a minute for {EMAIL_ADDRESS}: {IP_ADDRESS} and {IP_ADDRESS2}. Lock it?",
]

SYSTEM = [
    "You are the Northwind front office assistant. Confirm before changing bookings.",
    "Guest: {PERSON} / {PHONE_NUMBER} / {EMAIL_ADDRESS}",
    "Payment: {CREDIT_CARD} | refund to {IBAN_CODE} | post: {STREET_ADDRESS}",
    "KYC: {US_SSN}, {DATE_OF_BIRTH}, last IP {IP_ADDRESS}",
]

ARG_KEYS = [
    {"PERSON": "caller", "FIRST_NAME": "volunteer", "PHONE_NUMBER": "callback", "STREET_ADDRESS": "locker_site",
     "CREDIT_CARD": "disputed_card", "EMAIL_ADDRESS": "reporter", "IBAN_CODE": "deposit_to",
     "IP_ADDRESS": "ip_a", "IP_ADDRESS2": "ip_b", "US_SSN": "holder_ssn", "DATE_OF_BIRTH": "holder_dob"},
    {"PERSON": "guest", "FIRST_NAME": "swap_with", "PHONE_NUMBER": "sms_to", "STREET_ADDRESS": "listing",
     "CREDIT_CARD": "card_on_file", "EMAIL_ADDRESS": "guest_email", "IBAN_CODE": "iban",
     "IP_ADDRESS": "first_ip", "IP_ADDRESS2": "second_ip", "US_SSN": "ssn", "DATE_OF_BIRTH": "birth_date"},
]  # fmt: skip

TOOLS = ["voicemail_callback", "ticket_update", "refund_deposit", "booking_lookup", "locker_extend", "rota_swap"]

RESULTS = [
    {"ticket": "PROJ-3381", "reporter": {"name": "{PERSON}", "email": "{EMAIL_ADDRESS}", "tel": "{PHONE_NUMBER}"}},
    "locker 14 extended 24h; new code to {PHONE_NUMBER}; site {STREET_ADDRESS}",
    {"dispute": {"card": "{CREDIT_CARD}", "holder_ssn": "{US_SSN}", "dob": "{DATE_OF_BIRTH}", "refund": "{IBAN_CODE}"}},
    "booking 7HQ2: {PERSON}, {EMAIL_ADDRESS}; last seen from {IP_ADDRESS}",
]

ASSISTANT = [
    "I've called back {PERSON} at {PHONE_NUMBER} and left a note.",
    "The deposit goes to {IBAN_CODE}; the duplicate charge on {CREDIT_CARD} is reversed; receipt posted to "
    "{STREET_ADDRESS}.",
    "Thanks {FIRST_NAME}, you're on the rota -- details sent to {EMAIL_ADDRESS}.",
    "Verified SSN {US_SSN} and DOB {DATE_OF_BIRTH}; sessions from {IP_ADDRESS} are locked.",
]

TOPICS = ["voicemail", "PROJ-3381", "forwarded deposit", "receipt 0042", "appointment", "RSVP", "2-bed listing",
          "booking 7HQ2", "locker 14", "dispute", "rota", "tilaus 4410"]  # fmt: skip

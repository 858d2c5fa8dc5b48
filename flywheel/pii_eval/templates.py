"""Templates of the PII evaluation set, written apart from the sample generator and the recognizers.

Two disjoint parts: `dev` (recognizers may be developed against it) and `test` (figures are
reported on it, nobody tunes on it). Slots are kinds from `values.KINDS` (plus FIRST_NAME).
Text outside the slots is task content that must survive scrubbing, including words that look
like names and are not (Bill, Will, May, Grant, Mark, Chase) and numbers that are not personal
(order numbers, prices, times, versions).
"""

from __future__ import annotations

USER = {
    "dev": [
        "Hi, I'm {PERSON}. Please update the phone on file to {PHONE_NUMBER}; the old one no longer works.",
        "Can you ship order #48213 to {STREET_ADDRESS}? The recipient is {PERSON}.",
        "Bill it to my card {CREDIT_CARD} and send the receipt to {EMAIL_ADDRESS}.",
        "{PERSON} here. My login from {IP_ADDRESS} was blocked at 09:42, can you check?",
        "Refund the 129.99 EUR to {IBAN_CODE}, account holder {PERSON}.",
        "I need to verify my identity: SSN {US_SSN}, born {DATE_OF_BIRTH}.",
        "Please call me back at {PHONE_NUMBER} after 5pm. Will that work?",
        "New delivery address: {STREET_ADDRESS}. Thanks! -- {PERSON}",
        "My colleague {PERSON} ({EMAIL_ADDRESS}) should get access to the Q3 dashboard.",
        "Mark the invoice INV-2231 as paid; it was settled from {IBAN_CODE}.",
        "hello, card ending issue: full number is {CREDIT_CARD}, expiry 08/29",
        "Book a table for 4 under the name {PERSON}, contact {PHONE_NUMBER}.",
        "Can you grant {EMAIL_ADDRESS} editor rights on project Falcon v2.3?",
        "Date of birth {DATE_OF_BIRTH}, full name {PERSON}, please open the account.",
        "Our office moved to {STREET_ADDRESS}, update the billing profile please.",
        "Suspicious sign-ins came from {IP_ADDRESS} and {IP_ADDRESS2}; lock it.",
        "Send the contract to {PERSON} at {EMAIL_ADDRESS} before May 3.",
        "Transfer 250 to {PERSON}, IBAN {IBAN_CODE}, reference rent-march.",
        "Text me at {PHONE_NUMBER} when the technician is on the way to {STREET_ADDRESS}.",
        "Chase the supplier about PO 7781 and cc {EMAIL_ADDRESS}.",
        "I'm {FIRST_NAME}, my card {CREDIT_CARD} was charged twice for 19.90.",
        "Social security number is {US_SSN} -- please fix the tax form W-2.",
        "Add {PERSON} as an emergency contact, phone {PHONE_NUMBER}.",
        "The parcel for {PERSON}, {STREET_ADDRESS}, is stuck in customs since Tuesday.",
        # Until session 4 the next templates were the test part; they moved here once the
        # scrubber had been measured on them.
        "Good morning! This is {PERSON} calling about my subscription renewal; reach me on {PHONE_NUMBER}.",
        "Deliver the replacement router to {STREET_ADDRESS} -- ask for {PERSON} at reception.",
        "Will you charge {CREDIT_CARD} for the annual plan (299 USD) please.",
        "Why was {EMAIL_ADDRESS} unsubscribed from the weekly digest?",
        "Payout of 1,450.00 goes to {IBAN_CODE} (beneficiary: {PERSON}).",
        "Identity check: {PERSON}, DOB {DATE_OF_BIRTH}, social {US_SSN}.",
        "My number changed, the new one is {PHONE_NUMBER}. Grant the courier access to the gate.",
        "We had 3 failed logins from {IP_ADDRESS} this morning around 06:15.",
        "Kindly register {PERSON} for the webinar on 12 June, email {EMAIL_ADDRESS}.",
        "Please invoice {PERSON}, {STREET_ADDRESS}, for ticket 5521.",
        "pls update payment method to {CREDIT_CARD}, thx",
        "Our accountant {PERSON} needs the statements; her phone is {PHONE_NUMBER}.",
        "Bill the 3 extra seats to the usual card and email {EMAIL_ADDRESS} the invoice.",
        "Wire the deposit from {IBAN_CODE} -- my name is {PERSON}.",
        "Hi there, {FIRST_NAME} again. Any news on case 20931? Call {PHONE_NUMBER}.",
        "Account owner born on {DATE_OF_BIRTH}; SSN {US_SSN}. May I change the PIN?",
        "Forward the quote to {EMAIL_ADDRESS} and to {PERSON} on the sales team.",
        "Pickup location: {STREET_ADDRESS}. Driver should phone {PHONE_NUMBER} on arrival.",
        "Whitelist {IP_ADDRESS} for the API gateway, build 4.12.7.",
        "The cardholder is {PERSON}, number {CREDIT_CARD}, exp 11/27.",
        "Please close the account of {PERSON}, residing at {STREET_ADDRESS}.",
        "Regards,\n{PERSON}\n{PHONE_NUMBER}",
        "Mark this as urgent: {PERSON} cannot log in from {IP_ADDRESS}.",
        "Refund to IBAN {IBAN_CODE} please, amount 42.50, order 99120.",
    ],
    "test": [
        "hey, {PERSON} from accounts payable. new direct line: {PHONE_NUMBER}",
        "Form submission -- Name: {PERSON} | Street: {STREET_ADDRESS} | Phone: {PHONE_NUMBER}",
        "The payment for booking BK-55310 failed on {CREDIT_CARD}. Can you retry tonight?",
        "Please add {EMAIL_ADDRESS} to the distribution list for release 7.2 notes.",
        "Salary for November should be paid into {IBAN_CODE}; {PERSON} signed the form.",
        "Verifying the caller: {PERSON}, date of birth {DATE_OF_BIRTH}, last four of SSN from {US_SSN}.",
        "Could someone ring {PHONE_NUMBER}? The lift at warehouse 3 is out again.",
        "Traffic spike from {IP_ADDRESS} hit 1200 req/min at 14:05; rate-limit it.",
        "{PERSON} wants a copy of the lease; her mail is {EMAIL_ADDRESS}.",
        "Ship 2 pallets of SKU A-449 to {STREET_ADDRESS}, attention {PERSON}.",
        "card: {CREDIT_CARD} / cvv given by phone / amount 75.00",
        "Our new hire {PERSON} starts Monday. Mobile {PHONE_NUMBER}, please set up the laptop.",
        "Cancel the duplicate charge and write to {EMAIL_ADDRESS} when it is reversed.",
        "Direct debit mandate: debtor {PERSON}, account {IBAN_CODE}, creditor id CI-0042.",
        "It's {FIRST_NAME} -- did the technician confirm slot 3 for Thursday? My cell is {PHONE_NUMBER}.",
        "For the background check we have SSN {US_SSN} and birth date {DATE_OF_BIRTH}.",
        "Send the signed NDA to {PERSON} ({EMAIL_ADDRESS}), legal wants it by Friday.",
        "Meet the courier at {STREET_ADDRESS}; if late, phone {PHONE_NUMBER}.",
        "Block {IP_ADDRESS} on the firewall, rule set v3.",
        "Charge the deposit of 500 to the card of {PERSON}: {CREDIT_CARD}.",
        "Move the subscription of {PERSON} (billing address {STREET_ADDRESS}) to the team plan.",
        "Cheers,\n{PERSON}\nmob. {PHONE_NUMBER}\n{STREET_ADDRESS}",
        "Escalate: {PERSON} locked out, last seen from {IP_ADDRESS}.",
        "Please return the 18.40 overcharge to {IBAN_CODE}, ticket 60127.",
    ],
}

SYSTEM = {
    "dev": [
        "You are a helpful support assistant for Northwind. Be concise.",
        "You help {PERSON} manage their account. Never reveal internal notes.",
        "You are the billing agent. The signed-in customer is {PERSON} ({EMAIL_ADDRESS}).",
        "Assistant for Contoso field service. Answer in at most three sentences.",
        "Session context: user {PERSON}, verified phone {PHONE_NUMBER}. Help with orders.",
        "You are a travel concierge; the traveller on this booking is {PERSON}.",
        "Customer profile (do not read out): lives at {STREET_ADDRESS}; card {CREDIT_CARD}; IBAN {IBAN_CODE}; "
        "last IP {IP_ADDRESS}; SSN {US_SSN}; born {DATE_OF_BIRTH}.",
    ],
    "test": [
        "Operations copilot for Fabrikam logistics. Prefer tools over guesses.",
        "Authenticated as {PERSON}. Contact on record: {EMAIL_ADDRESS}. Keep replies short.",
        "HR helpdesk bot. The employee asking is {PERSON}; their extension is {PHONE_NUMBER}.",
        "Known facts -- payroll account {IBAN_CODE}, corporate card {CREDIT_CARD}, home {STREET_ADDRESS}, "
        "VPN address {IP_ADDRESS}, national id {US_SSN}, birthday {DATE_OF_BIRTH}. Never repeat them.",
    ],
}

# Tool-call argument keys per kind, one mapping picked per conversation: the tool call repeats
# the user's values under these keys.
ARG_KEYS = {
    "dev": [
        {"PERSON": "customer_name", "FIRST_NAME": "first_name", "PHONE_NUMBER": "phone",
         "STREET_ADDRESS": "address", "CREDIT_CARD": "card_number", "EMAIL_ADDRESS": "email",
         "IBAN_CODE": "iban", "IP_ADDRESS": "ip", "IP_ADDRESS2": "second_ip", "US_SSN": "ssn",
         "DATE_OF_BIRTH": "date_of_birth"},
        {"PERSON": "holder", "FIRST_NAME": "caller", "PHONE_NUMBER": "contact_number",
         "STREET_ADDRESS": "delivery_street", "CREDIT_CARD": "pan", "EMAIL_ADDRESS": "mail",
         "IBAN_CODE": "account", "IP_ADDRESS": "client_ip", "IP_ADDRESS2": "other_ip", "US_SSN": "tax_id",
         "DATE_OF_BIRTH": "born"},
    ],
    "test": [
        {"PERSON": "employeeName", "FIRST_NAME": "givenName", "PHONE_NUMBER": "mobileNo",
         "STREET_ADDRESS": "siteAddress", "CREDIT_CARD": "paymentCard", "EMAIL_ADDRESS": "recipient",
         "IBAN_CODE": "bankAccount", "IP_ADDRESS": "sourceIp", "IP_ADDRESS2": "peerIp", "US_SSN": "nationalId",
         "DATE_OF_BIRTH": "dob"},
        {"PERSON": "contact", "FIRST_NAME": "who", "PHONE_NUMBER": "tel", "STREET_ADDRESS": "where",
         "CREDIT_CARD": "card", "EMAIL_ADDRESS": "to", "IBAN_CODE": "payee_account", "IP_ADDRESS": "addr",
         "IP_ADDRESS2": "addr2", "US_SSN": "social", "DATE_OF_BIRTH": "birthdate"},
    ],
}  # fmt: skip
TOOLS = {
    "dev": [
        "update_customer",
        "create_order",
        "lookup_account",
        "file_request",
        "crm_upsert",
        "dispatch_job",
        "kyc_check",
        "open_case",
    ],  # fmt: skip
    "test": ["hr_record_patch", "shipment_create", "payments_retry", "netsec_rule", "notify"],
}

# Tool results: JSON objects (string values with slots) or free text.
RESULTS = {
    "dev": [
        {"status": "ok", "customer": {"name": "{PERSON}", "phone": "{PHONE_NUMBER}"}, "updated": 1},
        {"match": True, "record": "Customer {PERSON} at {STREET_ADDRESS}, card on file {CREDIT_CARD}"},
        "Found 1 account: {PERSON}, {EMAIL_ADDRESS}, last login from {IP_ADDRESS}.",
        {"ticket": "T-8812", "assignee": "{PERSON}", "notes": "Customer asked to call {PHONE_NUMBER}"},
        {"result": "success", "contact": "{PERSON} <{EMAIL_ADDRESS}>", "priority": "normal"},
        "Job 7731 scheduled. Technician will call {PHONE_NUMBER}; site address {STREET_ADDRESS}.",
        {"kyc": "passed", "subject": {"full": "{PERSON}", "dob": "{DATE_OF_BIRTH}", "iban": "{IBAN_CODE}"}},
        {"case": 20931, "opened_by": "{PERSON}", "summary": "Caller gave SSN {US_SSN} for verification"},
    ],
    "test": [
        {"rows": [{"emp": "{PERSON}", "ext": "{PHONE_NUMBER}", "office": "{STREET_ADDRESS}"}], "count": 1},
        "Shipment SH-3390 created; consignee {PERSON}, notify {EMAIL_ADDRESS} on dispatch.",
        {"retry": "declined", "card_last_used": "{CREDIT_CARD}", "payer_iban": "{IBAN_CODE}", "code": 51},
        "rule 88 added: deny {IP_ADDRESS} (requested by {PERSON}, SSN on file {US_SSN}, born {DATE_OF_BIRTH})",
    ],
}

ASSISTANT = {
    "dev": [
        "Done, {PERSON}. I've updated your details and sent a confirmation.",
        "All set. We will reach you at {PHONE_NUMBER} if anything changes.",
        "Your request is filed. A copy went to {EMAIL_ADDRESS}.",
        "Thanks {FIRST_NAME}, that's been taken care of. Anything else?",
        "I have sent the details to {EMAIL_ADDRESS}; the team may phone {PHONE_NUMBER}.",
        "Completed for {PERSON}. The change shows in your account within 24 hours.",
        "I checked: card {CREDIT_CARD}, IBAN {IBAN_CODE}, address {STREET_ADDRESS}, SSN {US_SSN}, born "
        "{DATE_OF_BIRTH}, login IP {IP_ADDRESS} -- all match.",
    ],
    "test": [
        "OK {FIRST_NAME} -- it's done. You'll get a text on {PHONE_NUMBER} shortly.",
        "The record for {PERSON} is updated. Nothing else is needed from you.",
        "Sorted. Confirmation is on its way to {EMAIL_ADDRESS}; the courier goes to {STREET_ADDRESS}.",
        "Read-back for your records: {CREDIT_CARD} will be charged, refunds go to {IBAN_CODE}; identity "
        "confirmed with {US_SSN} and {DATE_OF_BIRTH}; the session from {IP_ADDRESS} stays open.",
    ],
}

# Task content the tool call carries besides personal values; it must pass unchanged.
TOPICS = {
    "dev": ["order 48213", "Q3 dashboard", "invoice INV-2231", "PO 7781", "project Falcon v2.3", "table for 4",
            "tax form W-2", "rent-march", "Tuesday delivery", "editor rights", "annual plan", "ticket 5521",
            "case 20931", "weekly digest", "build 4.12.7", "webinar on 12 June", "replacement router",
            "3 extra seats", "API gateway", "order 99120"],
    "test": ["booking BK-55310", "release 7.2 notes", "SKU A-449", "creditor id CI-0042", "warehouse 3 lift",
             "rule set v3", "team plan", "ticket 60127", "slot 3 Thursday", "November payroll"],
}  # fmt: skip

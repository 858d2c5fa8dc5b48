"""The recurring tasks of the sample agents, each with many phrasings and slot values.

A task maker returns a `Turn`: what the user asked, the tool call the LLM made (or none, for
tasks answered in plain text), the tool's result and the LLM's final answer, and the personal
values it planted with their entity type.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from flywheel.sample import pii

PRODUCTS = ("Acme Router X2", "Acme SmartHub", "Acme Pro Headset", "Acme Cloud Backup",
            "Acme Thermostat T3", "Acme Laptop Stand", "Acme Mesh Node")  # fmt: skip
CITIES = ("Lisbon", "Berlin", "Tokyo", "Chicago", "Nairobi", "Toronto", "Barcelona", "Seoul",
          "Melbourne", "Copenhagen", "Buenos Aires", "Vienna", "Singapore", "Dublin")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass
class Turn:
    task: str
    workload: str
    user: str
    call: tuple[str, dict] | None = None
    result: dict | None = None
    answer: str | None = None
    pii: list[tuple[str, str]] = field(default_factory=list)


def _p(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _order_id(rng: random.Random) -> str:
    return f"ORD-{rng.randint(100000, 999999)}"


def _day(rng: random.Random) -> str:
    return f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def ticket_triage(rng: random.Random) -> Turn:
    name, product = pii.person(rng), rng.choice(PRODUCTS)
    mail, tel = pii.email(rng, name), pii.phone(rng)
    problem, category = rng.choice((
        ("keeps dropping the connection", "hardware"), ("won't turn on after the update", "software"),
        ("was charged twice", "billing"), ("arrived with a cracked case", "delivery"),
        ("shows error E42 on boot", "software"), ("overheats after an hour", "hardware"),
    ))  # fmt: skip
    user = _p(rng,
        f"Hi, this is {name} ({mail}). My {product} {problem}. Can you open a ticket? Call me on {tel}.",
        f"Hello support, {name} here. The {product} I bought {problem}. Reach me at {mail} or {tel}.",
        f"My {product} {problem} and I'm getting fed up. Name: {name}, email {mail}, phone {tel}.",
        f"I need help: {product} {problem}. Please log it under {name}, {mail}. Phone is {tel}.",
        f"Good morning! {name} writing. Since yesterday my {product} {problem}. Contact: {mail} / {tel}",
        f"Please raise a support case. Customer {name}, contact {mail}, {tel}. Issue: {product} {problem}.",
    )  # fmt: skip
    priority = rng.choice(("low", "normal", "high", "urgent"))
    # the request says how pressing it is, so the logged priority follows from the request (the
    # same draw as before: the rest of the generated traffic is unchanged)
    user += {"low": " No rush.", "normal": "", "high": " It's quite important.", "urgent": " This is urgent!"}[priority]
    args = {"customer_name": name, "email": mail, "phone": tel, "product": product,
            "category": category, "priority": priority, "summary": f"{product} {problem}"}  # fmt: skip
    ticket = f"TCK-{rng.randint(10000, 99999)}"
    return Turn("ticket_triage", "support-agent", user, ("create_ticket", args),
                {"ticket_id": ticket, "status": "open", "assigned_team": category},
                f"I've opened ticket {ticket} for your {product}. Our {category} team will contact "
                f"you at {mail} within one business day.",
                [("PERSON", name), ("EMAIL_ADDRESS", mail), ("PHONE_NUMBER", tel)])  # fmt: skip


def order_status(rng: random.Random) -> Turn:
    order, name, address = _order_id(rng), pii.person(rng), pii.street_address(rng)
    user = _p(rng,
        f"Where is my order {order}?", f"Can you check the status of order {order} please?",
        f"Hi, any update on {order}? It's been a week.", f"Has {order} shipped yet?",
        f"I'm still waiting for {order}, when will it arrive?", f"track {order}",
        f"Could you tell me where package {order} is right now?",
    )  # fmt: skip
    status, eta = rng.choice(("in transit", "out for delivery", "processing", "delayed")), _day(rng)
    result = {"order_id": order, "status": status, "carrier": rng.choice(("UPS", "DHL", "FedEx")),
              "eta": eta, "ship_to": {"name": name, "address": address}}  # fmt: skip
    answer = f"Order {order} is {status} and should reach {name} at {address} by {eta}."
    return Turn("order_status", "support-agent", user, ("get_order_status", {"order_id": order}),
                result, answer, [("PERSON", name), ("STREET_ADDRESS", address)])  # fmt: skip


def refund(rng: random.Random) -> Turn:
    order, amount = _order_id(rng), round(rng.uniform(9, 900), 2)
    reason = rng.choice(("item arrived damaged", "wrong size", "never delivered", "changed my mind"))
    if rng.random() < 0.5:
        card = pii.card_number(rng)
        to, args, planted = (
            f"card {card}",
            {"method": "card", "card_number": card},
            ("CREDIT_CARD", card),
        )
    else:
        acct = pii.iban(rng)
        to, args, planted = (
            f"IBAN {acct}",
            {"method": "bank_transfer", "iban": acct},
            ("IBAN_CODE", acct),
        )
    user = _p(rng,
        f"I'd like a refund of ${amount} for {order}, {reason}. Please send it to my {to}.",
        f"Refund request: order {order}, amount {amount} USD, reason: {reason}. Pay back to {to}.",
        f"{order} - {reason}. I want my ${amount} back on {to}.",
        f"Hi, can I get my money back for {order}? {reason.capitalize()}. Use {to} for the ${amount}.",
        f"Please refund {amount} dollars on order {order} ({reason}) to {to}. Thanks!",
    )  # fmt: skip
    call_args = {"order_id": order, "amount": amount, "reason": reason, **args}
    ref = f"RF-{rng.randint(100000, 999999)}"
    return Turn("refund", "support-agent", user, ("issue_refund", call_args),
                {"refund_id": ref, "status": "approved"},
                f"Your refund of ${amount} for {order} is approved (reference {ref}).", [planted])  # fmt: skip


def account_security(rng: random.Random) -> Turn:
    name = pii.person(rng)
    if rng.random() < 0.5:
        number, dob = pii.ssn(rng), pii.date_of_birth(rng)
        user = _p(rng,
            f"I need to change my bank details. I'm {name}, SSN {number}, born {dob}.",
            f"Verify me please: {name}, date of birth {dob}, social security number {number}.",
            f"For the identity check: name {name}, DOB {dob}, SSN {number}.",
            f"Hi, {name} here, my SSN is {number} and I was born on {dob}. I want to update my account.",
        )  # fmt: skip
        args = {"full_name": name, "ssn": number, "date_of_birth": dob}
        return Turn("account_security", "support-agent", user, ("verify_identity", args),
                    {"verified": True}, f"Thanks {name}, you're verified. What would you like to change?",
                    [("PERSON", name), ("US_SSN", number), ("DATE_OF_BIRTH", dob)])  # fmt: skip
    mail, ip = pii.email(rng, name), pii.ip_address(rng)
    user = _p(rng,
        f"Someone logged into my account {mail} from {ip}, that wasn't me! Lock it please.",
        f"I got an alert about a sign-in from IP {ip} on {mail}. Please block my account.",
        f"Suspicious login from {ip} on my account ({mail}). Can you secure it?",
        f"This is {name}. There was a login from {ip} I don't recognise. My email is {mail}. Lock it.",
    )  # fmt: skip
    args = {"email": mail, "suspicious_ip": ip, "reason": "login not recognised by the customer"}
    return Turn("account_security", "support-agent", user, ("lock_account", args),
                {"locked": True}, f"I've locked {mail} and blocked {ip}. Please reset your password.",
                [("PERSON", name), ("EMAIL_ADDRESS", mail), ("IP_ADDRESS", ip)])  # fmt: skip


def schedule_meeting(rng: random.Random) -> Turn:
    people = [pii.person(rng) for _ in range(rng.randint(1, 3))]
    mails = [pii.email(rng, p) for p in people]
    topic = rng.choice(("Q3 planning", "design review", "vendor sync", "hiring debrief", "budget check-in",
                        "incident retro", "roadmap review"))  # fmt: skip
    day, hour, minutes = (
        _day(rng),
        rng.choice(("09:00", "10:30", "13:00", "14:00", "16:30")),
        rng.choice((30, 45, 60)),
    )
    who = ", ".join(f"{p} <{m}>" for p, m in zip(people, mails, strict=True))
    user = _p(rng,
        f"Set up a {minutes} minute {topic} on {day} at {hour} with {who}.",
        f"Can you book {topic} for {day}, {hour}, {minutes} min? Invite {who}.",
        f"Schedule a meeting '{topic}' {day} {hour} and add {who}.",
        f"Please put {topic} in the calendar on {day} at {hour} for {minutes} minutes, attendees: {who}",
        f"I need a {topic} slot with {who} on {day} starting {hour}.",
    )  # fmt: skip
    args = {"title": topic.capitalize(), "date": day, "start_time": hour, "duration_minutes": minutes,
            "attendees": mails}  # fmt: skip
    planted = [("PERSON", p) for p in people] + [("EMAIL_ADDRESS", m) for m in mails]
    return Turn("schedule_meeting", "ops-assistant", user, ("create_calendar_event", args),
                {"event_id": f"EVT-{rng.randint(1000, 9999)}", "status": "confirmed"},
                f"Done: '{topic}' is booked on {day} at {hour} and invitations went out.", planted)  # fmt: skip


def sql_query(rng: random.Random) -> Turn:
    region = rng.choice(("EMEA", "APAC", "North America", "LATAM"))
    month, year = rng.randint(1, 12), rng.choice((2025, 2026))
    metric, sql = rng.choice((
        ("How many orders did we ship", "SELECT COUNT(*) FROM orders WHERE status = 'shipped'"),
        ("What was total revenue", "SELECT SUM(amount) FROM payments WHERE 1=1"),
        ("How many new customers signed up", "SELECT COUNT(*) FROM customers WHERE 1=1"),
        ("What's the average refund amount", "SELECT AVG(amount) FROM refunds WHERE 1=1"),
    ))  # fmt: skip
    question = _p(rng,
        f"{metric} in {region} in {pii.MONTHS[month - 1]} {year}?",
        f"Quick data question: {metric.lower()} for {region}, {year}-{month:02d}?",
        f"Can you pull this from the warehouse: {metric.lower()} in {region} during {pii.MONTHS[month - 1]} {year}",
        f"I need a number for the board deck. {metric} ({region}, {month}/{year})?",
    )  # fmt: skip
    query = f"{sql} AND region = '{region}' AND date_trunc('month', created_at) = '{year}-{month:02d}-01'"
    value = rng.randint(40, 90000)
    return Turn("sql_query", "ops-assistant", question, ("run_sql", {"query": query}),
                {"rows": [[value]], "columns": ["value"]},
                f"The answer is {value:,} for {region} in {year}-{month:02d}.")  # fmt: skip


def weather(rng: random.Random) -> Turn:
    city, day = rng.choice(CITIES), rng.choice(("today", "tomorrow", *WEEKDAYS))
    if rng.random() < 0.15:
        user = _p(rng, f"What's the weather like {day}?", f"Will it rain {day}?", "Do I need an umbrella?")
        return Turn("weather", "travel-agent", user,
                    answer="Sure, which city should I check the forecast for?")  # fmt: skip
    user = _p(rng,
        f"What's the weather in {city} {day}?", f"Will it rain in {city} on {day}?",
        f"Forecast for {city}, {day} please.", f"Should I pack a jacket for {city} {day}?",
        f"How hot will it be in {city} {day}?", f"weather {city} {day}",
    )  # fmt: skip
    temp = rng.randint(-5, 35)
    sky = rng.choice(("sunny", "light rain", "overcast", "thunderstorms", "clear"))
    return Turn("weather", "travel-agent", user, ("get_weather", {"city": city, "date": day}),
                {"city": city, "date": day, "temp_c": temp, "conditions": sky},
                f"{city} {day}: {sky}, around {temp}°C.")  # fmt: skip


def flight_search(rng: random.Random) -> Turn:
    origin, dest = rng.sample(CITIES, 2)
    day, pax = _day(rng), rng.randint(1, 4)
    user = _p(rng,
        f"Find me flights from {origin} to {dest} on {day} for {pax}.",
        f"I need to fly {origin} -> {dest}, {day}, {pax} passenger(s).",
        f"Any flights {origin} to {dest} on {day}? We are {pax}.",
        f"Book-search: {pax} adults, {origin} to {dest}, departing {day}.",
        f"What flights are there between {origin} and {dest} on {day}?",
    )  # fmt: skip
    args = {"origin": origin, "destination": dest, "departure_date": day, "passengers": pax}
    price = rng.randint(80, 1400)
    return Turn("flight_search", "travel-agent", user, ("search_flights", args),
                {"flights": [{"flight": f"AC{rng.randint(100, 999)}", "price_eur": price}]},
                f"The best option from {origin} to {dest} on {day} costs €{price} per person.")  # fmt: skip


def summarise(rng: random.Random) -> Turn:
    a, b = pii.person(rng), pii.person(rng)
    mail, tel = pii.email(rng, a), pii.phone(rng)
    topic = rng.choice(("the delayed shipment to Dublin", "next quarter's hiring plan", "the SmartHub recall",
                        "renewing the office lease", "the broken build on main"))  # fmt: skip
    thread = (
        f"From: {a} <{mail}>\nTo: {b}\nSubject: {topic}\n\n"
        f"Hi {b.split()[0]}, following up on {topic}. We agreed to decide by Friday. "
        f"If anything changes call me at {tel}.\n-- {a}"
    )
    user = _p(rng, "Summarise this email thread:\n\n", "TL;DR please:\n\n",
              "Can you give me the key points of this?\n\n", "Summarize in two sentences:\n\n") + thread  # fmt: skip
    answer = f"{a} is following up with {b} about {topic}; a decision is due by Friday."
    return Turn("summarise", "ops-assistant", user, answer=answer,
                pii=[("PERSON", a), ("PERSON", b), ("EMAIL_ADDRESS", mail), ("PHONE_NUMBER", tel)])  # fmt: skip


TASKS: dict[str, tuple[Callable[[random.Random], Turn], float]] = {
    "ticket_triage": (ticket_triage, 0.14),
    "order_status": (order_status, 0.16),
    "refund": (refund, 0.10),
    "account_security": (account_security, 0.08),
    "schedule_meeting": (schedule_meeting, 0.12),
    "sql_query": (sql_query, 0.10),
    "weather": (weather, 0.12),
    "flight_search": (flight_search, 0.10),
    "summarise": (summarise, 0.08),
}

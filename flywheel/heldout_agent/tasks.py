"""The held-out agent's recurring tasks. Each returns an `Exchange`: the request, the LLM's tool
calls (none: it answered in text, or asked for a missing detail), the tools' results and the
LLM's answer after them (worded one of several ways), and the personal values planted."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flywheel.heldout_agent import values as V


@dataclass
class Exchange:
    workload: str
    user: str
    calls: list[tuple[str, dict]] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    answer: str | None = None
    pii: list[tuple[str, str]] = field(default_factory=list)


def room_booking(rng: random.Random, today: date) -> Exchange:
    room, people = rng.choice(V.ROOMS), rng.randint(2, 12)
    day, iso = V.future_day(rng, today)
    start, minutes = V.clock(rng)
    length = rng.choice((30, 60, 60, 90, 120))
    span = rng.choice((f"for {length} minutes", f"until {V.hhmm(minutes + length)}",
                       "for an hour" if length == 60 else f"for {length} minutes"))  # fmt: skip
    who = V.count(rng, people)
    if rng.random() < 0.15:  # no time given: the LLM asks
        user = rng.choice((f"Can I get {room} {day} for {who} people?", f"Need the {room} room {day}, {who} of us."))
        return Exchange("workplace-assistant", user, answer=rng.choice(
            (f"Sure. What time should the {room} booking start, and for how long?",
             f"Happy to book {room} {day}. What time do you need it, and for how long?")))  # fmt: skip
    user = rng.choice((
        f"Book {room} {day} at {start} {span}, {who} people.",
        f"Could you reserve the {room} room {day} from {start} {span}? We're {who}.",
        f"{who} of us need a room {day}, {start} {span}. {room} if it's free.",
        f"hey, grab {room} for me {day} {start} {span} ({who} attendees)",
        f"I'd like to hold {room} {day}, starting {start}, {span}, for a meeting of {who}.",
    ))  # fmt: skip
    args = {"room": room, "date": iso, "start": V.hhmm(minutes), "end": V.hhmm(minutes + length), "attendees": people}
    booking = f"BK-{rng.randint(10000, 99999)}"
    answer = rng.choice((f"Done: {room} is booked on {iso} from {args['start']} to {args['end']} (booking {booking}).",
                         f"{room} is yours on {iso}, {args['start']}-{args['end']}. Reference {booking}.",
                         f"Booked {room} for {people} on {iso} at {args['start']}; it ends at {args['end']}."))
    return Exchange("workplace-assistant", user, [("reserve_room", args)],
                    [{"booking_id": booking, "status": "confirmed"}], answer)  # fmt: skip


MEALS = ("Café Lumen", "Osteria Nove", "Pho Saigon Corner", "The Copper Kettle", "Sushi Kaji")
TRAVEL = ("Aerolinea Sur", "NordRail", "CityCab", "Skyway Airlines", "MetroLink")
LODGING = ("Hotel Albatros", "Riverside Suites", "Pension Edelweiss")
SOFTWARE = ("Pixelforge", "Notably", "CodeHarbor")
OFFICE = ("Papier & Co", "DeskDepot")
WHAT = {"meals": ("team lunch", "client dinner", "coffee with a candidate"), "travel": ("flight", "train ticket",
        "taxi to the airport"), "lodging": ("hotel stay", "two nights at the conference hotel"),
        "software": ("annual licence", "monthly subscription"), "office": ("printer paper", "a desk lamp")}  # fmt: skip
MERCHANTS = {"meals": MEALS, "travel": TRAVEL, "lodging": LODGING, "software": SOFTWARE, "office": OFFICE}


def expense_claim(rng: random.Random, today: date) -> Exchange:
    category = rng.choice(("meals", "meals", "travel", "travel", "lodging", "software", "office"))
    merchant, what = rng.choice(MERCHANTS[category]), rng.choice(WHAT[category])
    value, code, written = V.amount(rng, 8, 900 if category != "lodging" else 1500)
    day, iso = V.past_day(rng, today)
    user = rng.choice((
        f"Please file {written} for a {what} at {merchant} {day}.",
        f"Expense: {what}, {merchant}, {written}, {day}.",
        f"I paid {written} to {merchant} {day} ({what}). Can you submit it?",
        f"can u claim {written} {merchant} {what} {day}",
    ))  # fmt: skip
    args = {"amount": value, "currency": code, "merchant": merchant, "date": iso, "category": category}
    claim = f"EX-{rng.randint(100000, 999999)}"
    answer = rng.choice((f"Submitted claim {claim}: {value:g} {code} at {merchant} as {category}.",
                         f"Your {category} expense of {value:g} {code} is filed (claim {claim}).",
                         f"Claim {claim} for {merchant} is in; your manager will approve it."))  # fmt: skip
    return Exchange("finance-bot", user, [("submit_expense", args)], [{"claim_id": claim, "status": "submitted"}],
                    answer)  # fmt: skip


def leave_balance(rng: random.Random, today: date) -> Exchange:
    emp, left = V.employee_id(rng), rng.randint(0, 30)
    user = rng.choice((f"How many vacation days do I have left? I'm {emp}.", f"leave balance for {emp} please",
                       f"Employee {emp} here, what's my remaining holiday allowance?",
                       f"Can you check how much annual leave {emp} has?"))  # fmt: skip
    answer = rng.choice((f"You have {left} days of leave left this year.", f"{emp} has {left} days remaining.",
                         f"Your balance is {left} days." + (" Time to plan a break!" if left > 20 else "")))
    return Exchange("workplace-assistant", user, [("get_leave_balance", {"employee_id": emp})],
                    [{"employee_id": emp, "days_left": left}], answer)  # fmt: skip


def leave_request(rng: random.Random, today: date) -> Exchange:
    emp, kind = V.employee_id(rng), rng.choice(("vacation", "vacation", "vacation", "sick", "parental", "unpaid"))
    first, first_iso = V.future_day(rng, today, 40)
    days = rng.randint(1, 10)
    last_iso = (date.fromisoformat(first_iso) + timedelta(days=days - 1)).isoformat()
    words = {"vacation": ("holiday", "vacation", "time off"), "sick": ("sick leave", "sick days"),
             "parental": ("parental leave",), "unpaid": ("unpaid leave",)}[kind]  # fmt: skip
    span = f"for {V.count(rng, days)} day{'s' if days > 1 else ''}" if rng.random() < 0.5 else f"until {last_iso}"
    user = rng.choice((f"I want to take {rng.choice(words)} {first} {span}. ID {emp}.",
                       f"{emp}: {rng.choice(words)} starting {first.removeprefix('on ')}, {span}.",
                       f"Please put in {rng.choice(words)} for {emp} {first} {span}."))  # fmt: skip
    args = {"employee_id": emp, "first_day": first_iso, "last_day": last_iso, "kind": kind}
    answer = rng.choice((f"Your {kind} leave from {first_iso} to {last_iso} is requested; your manager decides.",
                         f"Requested: {kind}, {first_iso} to {last_iso}. You'll hear back soon."))  # fmt: skip
    return Exchange("workplace-assistant", user, [("request_leave", args)], [{"status": "pending"}], answer)


def access_request(rng: random.Random, today: date) -> Exchange:
    name = V.person(rng)
    mail, system, role = V.work_email(rng, name), rng.choice(V.SYSTEMS), rng.choice(tuple(V.ROLES))
    said = rng.choice(V.ROLES[role])
    user = rng.choice((f"Please give {name} ({mail}) {said} access to {system}.",
                       f"{mail} needs {system}, {said} rights.",
                       f"Can you add {name} to {system.capitalize()} as {said}? Email: {mail}"))  # fmt: skip
    answer = rng.choice((f"{name} now has {role} access to {system}.", f"Done, {mail} is a {role} on {system}."))
    return Exchange("workplace-assistant", user, [("grant_access", {"email": mail, "system": system, "role": role})],
                    [{"status": "granted"}], answer, [("PERSON", name), ("EMAIL_ADDRESS", mail)])  # fmt: skip


def password_reset(rng: random.Random, today: date) -> Exchange:
    name = V.person(rng)
    mail, channel = V.work_email(rng, name), rng.choice(("email", "sms"))
    how = {"email": rng.choice(("by email", "to my inbox", "")), "sms": rng.choice(("by text", "via SMS"))}[channel]
    user = rng.choice((f"I'm locked out, reset my password {how} please. {mail}".replace("  ", " "),
                       f"Forgot my password again... account {mail}, send the link {how}".rstrip(),
                       f"Password reset for {mail} {how}".rstrip()))  # fmt: skip
    args = {"email": mail} | ({"channel": channel} if how else {})
    answer = rng.choice(("A reset link is on its way; it expires in 30 minutes.", "Sent. Check for the link."))
    return Exchange("workplace-assistant", user, [("reset_password", args)], [{"sent": True}], answer,
                    [("EMAIL_ADDRESS", mail)])  # fmt: skip


def currency(rng: random.Random, today: date) -> Exchange:
    value, code, written = V.amount(rng, 5, 5000)
    targets = rng.sample([c for c in V.CURRENCIES if c != code], rng.choice((1, 1, 2)))
    said = " and ".join(targets)
    user = rng.choice((f"How much is {written} in {said}?", f"convert {written} to {said}",
                       f"What would {written} be in {said} today?"))  # fmt: skip
    calls = [("convert_currency", {"amount": value, "source": code, "target": t}) for t in targets]
    rates = [round(rng.uniform(0.6, 1.6), 4) for _ in targets]
    results = [{"amount": round(value * r, 2), "currency": t} for r, t in zip(rates, targets, strict=True)]
    answer = "; ".join(f"{r['amount']:,.2f} {r['currency']}" for r in results) + " at today's rate."
    return Exchange("finance-bot", user, calls, results, f"{value:g} {code} is " + answer)


POLICY = (("How many days of parental leave do we get?", "Kestrel Labs gives 20 weeks of paid parental leave."),
          ("Can I carry over unused vacation?", "Up to 5 unused vacation days carry over to the next year."),
          ("What's the meal allowance on business trips?", "The meal allowance is 60 EUR a day on trips."),
          ("Do I need approval for a software subscription?", "Yes, subscriptions above 50 EUR a month need "
           "your manager's approval."), ("When is payday?", "Salaries are paid on the 25th of each month."))


def policy_question(rng: random.Random, today: date) -> Exchange:
    question, fact = rng.choice(POLICY)
    user = rng.choice((question, question.lower(), f"Quick question: {question}", f"hi! {question} thanks"))
    answer = rng.choice((fact, f"{fact} See the handbook for details.", f"Good question. {fact}"))
    return Exchange("workplace-assistant", user, answer=answer)


TASKS: dict[str, tuple[Callable[[random.Random, date], Exchange], float]] = {
    "room_booking": (room_booking, 0.22), "expense_claim": (expense_claim, 0.18),
    "leave_balance": (leave_balance, 0.10), "leave_request": (leave_request, 0.10),
    "access_request": (access_request, 0.12), "password_reset": (password_reset, 0.08),
    "currency": (currency, 0.10), "policy_question": (policy_question, 0.10),
}  # fmt: skip

"""The held-out agent's values and the ways its users write dates, times, amounts and counts.

Nothing here is drawn from `flywheel.sample` or `flywheel.pii_eval`. Each phrasing helper returns
what the user wrote and what the LLM put in its tool call (an ISO date, a 24-hour time, a number).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

FIRST = ("Ingrid", "Tomasz", "Amara", "Kenji", "Lucía", "Oluwaseun", "Mireille", "Dmitri", "Saoirse", "Rafael",
         "Yuki", "Benedikt", "Chiara", "Anders", "Nadia", "Kwame", "Leilani", "Matteo", "Priya", "Gustavo")  # fmt: skip
LAST = ("Halvorsen", "Wierzbicki", "Okonkwo", "Tanabe", "Ferreira", "Adeyemi", "Lefebvre", "Volkov", "Byrne",
        "Quintero", "Moreau", "Engström", "Castellano", "Mbeki", "Kahananui", "Rossi", "Raman",
        "Lindqvist")  # fmt: skip
ROOMS = ("Fjord", "Atlas", "Juniper", "Harbour", "Summit", "Lantern")
SYSTEMS = ("github", "jira", "salesforce", "aws", "figma", "tableau")
ROLES = {"viewer": ("read-only", "view", "viewer"), "editor": ("edit", "write", "editor"),
         "admin": ("admin", "administrator", "full")}  # fmt: skip
CURRENCIES = {"EUR": ("€", "EUR", "euros"), "USD": ("$", "USD", "dollars"), "GBP": ("£", "GBP", "pounds"),
              "CHF": ("CHF ", "CHF", "Swiss francs")}  # fmt: skip
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve")  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def work_email(rng: random.Random, name: str) -> str:
    first, last = name.lower().split(" ", 1)
    return f"{first[0]}.{last}@kestrel-labs.io".replace("ö", "o").replace("í", "i").replace("ú", "u")


def employee_id(rng: random.Random) -> str:
    return f"KL{rng.randint(1000, 9999)}"


def count(rng: random.Random, n: int) -> str:
    """A number as users write it: digits or a word."""
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) and rng.random() < 0.5 else str(n)


def future_day(rng: random.Random, today: date, within: int = 20) -> tuple[str, str]:
    """A day from today on, as written (relative or in one of several absolute forms), and as ISO."""
    ahead = rng.randint(0, within)
    day = today + timedelta(days=ahead)
    if ahead == 0:
        return "today", day.isoformat()
    if ahead == 1:
        return rng.choice(("tomorrow", "tomorrow")), day.isoformat()
    if ahead < 7 and rng.random() < 0.5:
        return f"on {WEEKDAY_NAMES[day.weekday()]}", day.isoformat()
    month = MONTHS[day.month - 1]
    written = rng.choice((f"on {day.day} {month}", f"on {month} {day.day}", f"on {day.day:02d}/{day.month:02d}",
                          f"on {day.isoformat()}", f"on the {_ordinal(day.day)}"))  # fmt: skip
    return written, day.isoformat()


def past_day(rng: random.Random, today: date, within: int = 25) -> tuple[str, str]:
    """A day before today, as written and as ISO."""
    back = rng.randint(1, within)
    day = today - timedelta(days=back)
    if back == 1:
        return "yesterday", day.isoformat()
    if back < 7 and rng.random() < 0.5:
        return f"last {WEEKDAY_NAMES[day.weekday()]}", day.isoformat()
    month = MONTHS[day.month - 1]
    return rng.choice((f"on {day.day} {month}", f"on {month} {day.day}", f"on {day.isoformat()}")), day.isoformat()


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def clock(rng: random.Random, start: int = 8, end: int = 17) -> tuple[str, int]:
    """A start time on the half hour as written ("2pm", "14:00", "half past 9") and in minutes after midnight."""
    minutes = rng.randrange(start * 60, end * 60, 30)
    h, m = divmod(minutes, 60)
    h12 = h - 12 if h > 12 else h
    suffix = "am" if h < 12 else "pm"
    if m == 0:
        written = rng.choice((f"{h12}{suffix}", f"{h:02d}:00", f"{h12} o'clock" if 9 <= h <= 11 else f"{h12}{suffix}"))
    else:
        written = rng.choice((f"{h12}:30{suffix}", f"{h:02d}:30", f"half past {h12}"))
    return written, minutes


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def amount(rng: random.Random, low: float, high: float) -> tuple[float, str, str]:
    """An amount, its currency code, and how a user wrote the two ("€42.50", "42.50 EUR", "1,200 dollars")."""
    value = round(rng.uniform(low, high), rng.choice((0, 2)))
    code = rng.choice(tuple(CURRENCIES))
    sign, _, word = CURRENCIES[code]
    shown = f"{value:,.2f}" if value != int(value) else f"{int(value):,}"
    written = rng.choice((f"{sign}{shown}", f"{shown} {code}", f"{shown} {word}"))
    return value, code, written

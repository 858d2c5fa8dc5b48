"""Personal values of every kind the scrubber must catch, valid where a checksum applies."""

from __future__ import annotations

import random
import string

FIRST = (
    "Amelia Oliver Priya Mateo Sofia Liam Chen Fatima Noah Ingrid Kwame Yuki Lucas Aisha Elena "
    "Marcus Hannah Diego Olga Tomasz Grace Rahul Camille Jonas Leila Samuel Mei Andre Zoe Hugo "
    "Nadia Erik Isabel Omar Clara Viktor Rosa Daniel Anya Felix"
).split()
LAST = (
    "Novak Schmidt Okafor Garcia Tanaka Kowalski Johansson Rossi Dubois Patel Nguyen Murphy "
    "Fischer Haddad Silva Andersen Moreau Kim Lindqvist Costa Becker Hughes Ivanova Romero "
    "Okonkwo Larsen Sato Bianchi Walsh Mendes Fournier Yilmaz Petrov Brennan Vargas Holm"
).split()
DOMAINS = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "proton.me",
    "fastmail.fm",
    "icloud.com",
    "web.de",
)
STREETS = (
    "Oak Ridge Avenue",
    "Maple Street",
    "Harbor View Road",
    "Elm Court",
    "Lindenstrasse",
    "Rue des Lilas",
    "King's Road",
    "Cedar Lane",
    "Sunset Boulevard",
    "Willow Drive",
    "Mill Lane",
    "Chestnut Street",
    "Bayview Terrace",
    "Park Avenue",
)
TOWNS = (
    ("Portland", "OR 97205"), ("Austin", "TX 78701"), ("Columbus", "OH 43215"),
    ("Denver", "CO 80202"), ("Madison", "WI 53703"), ("Raleigh", "NC 27601"),
)  # fmt: skip
MONTHS = ("January February March April May June July August September October November December").split()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def email(rng: random.Random, name: str | None = None) -> str:
    first, last = (name or person(rng)).lower().split(" ", 1)
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}", f"{last}.{first}"))
    return f"{local}@{rng.choice(DOMAINS)}"


def phone(rng: random.Random) -> str:
    n = rng.randint
    return rng.choice(
        (
            f"+1 ({n(201, 989)}) {n(200, 999)}-{n(0, 9999):04d}",
            f"{n(201, 989)}-{n(200, 999)}-{n(0, 9999):04d}",
            f"+44 20 {n(7000, 8999)} {n(0, 9999):04d}",
            f"+49 30 {n(1000000, 9999999)}",
        )
    )


def _luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # every second digit from the right of the final number is doubled
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def card_number(rng: random.Random) -> str:
    prefix, length = rng.choice((("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("37", 15)))
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    number = body + _luhn_digit(body)
    style = rng.random()
    if style < 0.4 and length == 16:
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))
    if style < 0.6 and length == 16:
        return "-".join(number[i : i + 4] for i in range(0, 16, 4))
    return number


_IBAN = {
    "DE": ("n", 18),
    "GB": ("aaaan", 18),
    "FR": ("n", 23),
    "NL": ("aaaan", 14),
    "ES": ("n", 20),
}


def iban(rng: random.Random) -> str:
    country = rng.choice(sorted(_IBAN))
    shape, length = _IBAN[country]
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(shape.count("a")))
    bban = letters + "".join(rng.choice(string.digits) for _ in range(length - len(letters)))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    value = f"{country}{check:02d}{bban}"
    if rng.random() < 0.5:
        return value
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def ip_address(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "2001:db8:" + ":".join(f"{rng.randint(0, 0xFFFF):x}" for _ in range(6))
    first = rng.choice((23, 45, 62, 81, 94, 103, 141, 172, 185, 203))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def street_address(rng: random.Random) -> str:
    town, zip_code = rng.choice(TOWNS)
    return f"{rng.randint(2, 9899)} {rng.choice(STREETS)}, {town}, {zip_code}"


def ssn(rng: random.Random) -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def date_of_birth(rng: random.Random) -> str:
    y, m, d = rng.randint(1945, 2005), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice((f"{y}-{m:02d}-{d:02d}", f"{MONTHS[m - 1]} {d}, {y}", f"{d:02d}/{m:02d}/{y}"))

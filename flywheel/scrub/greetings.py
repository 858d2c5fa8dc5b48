"""Greetings of many languages, which the English NER model and the rare-word recognizer take for
names ("Guten Tag", "Dobrý den", "Xin chào", "Hej"): an agent's users write in their own language,
and a greeting scrubbed as a person costs the task its opening words for nothing. A greeting
counts where a message, a line or a sentence opens.

Names-dataset lists many of these as names somewhere (Hola, Ciao, Salam), so knowing names does
not tell them apart; this list does. A person's name after a greeting ("Hej Anna") stays a name.
"""

from __future__ import annotations

import regex

GREETINGS = (
    # Germanic
    "guten tag|guten morgen|guten abend|grüß gott|grüezi|servus|moin|hallo|hoi|goedemorgen|goedemiddag|"
    "goedenavond|goeiedag|hej|hejsan|god dag|goddag|god morgen|god kveld|hei|hæ|halló|góðan dag|"
    # Romance
    "bonjour|bonsoir|salut|coucou|hola|buenos días|buenos dias|buenas tardes|buenas noches|olá|bom dia|"
    "boa tarde|boa noite|ciao|buongiorno|buonasera|salve|bună ziua|buna ziua|bună|bună dimineața|"
    "bos días|bos dias|boas tardes|bon dia|bona tarda|bongu|bonswa|"
    # Celtic, Basque, Albanian
    "bore da|prynhawn da|noswaith dda|shwmae|kaixo|egun on|arratsalde on|përshëndetje|pershendetje|mirëdita|"
    # Slavic
    "dzień dobry|dzien dobry|cześć|czesc|witam|dobry wieczór|dobrý den|dobrý deň|dobry den|ahoj|zdravím|"
    "dobar dan|dobro jutro|dober dan|zdravo|živjo|bok|zdravstvuyte|privet|pryvit|vitayu|dobryi den|"
    # Baltic, Finnic, Hungarian, Greek
    "labas|labdien|sveiki|tere|tervist|terve|moi|hyvää päivää|päivää|jó napot kívánok|jó napot|szia|"
    "szervusz|geia sas|geia sou|yassas|kalimera|"
    # Turkic, Semitic, Iranian, Indian
    "merhaba|selam|iyi günler|salam|salaam|as-salamu alaykum|assalamu alaikum|marhaba|ahlan|shalom|"
    "namaste|namaskar|vanakkam|sat sri akal|"
    # South-East and East Asian (romanised)
    "xin chào|xin chao|chào|selamat pagi|selamat siang|selamat sore|selamat malam|apa kabar|halo|kamusta|"
    "magandang araw|sawasdee|sawatdee|konnichiwa|ni hao|annyeonghaseyo|annyeong|"
    # African, Pacific
    "jambo|habari|sawubona|sannu|dumela|mbote|kia ora|aloha|talofa"
)
# where a message, a line or a sentence opens ("Ola Nordmann called" is a name: Ola is one)
OPENING_GREETING = regex.compile(rf"(?i)(?<=(?:^|[\n.!?:;\"'(>\]])[ \t]*)(?:{GREETINGS})(?![\p{{L}}'’-])")


def greeting_spans(text: str) -> list[tuple[int, int]]:
    """Where the text holds a greeting."""
    return [m.span() for m in OPENING_GREETING.finditer(text)]


def past_greeting(text: str, start: int, end: int, greetings: list[tuple[int, int]]) -> int:
    """The start of a name span past any greeting it opens with ("Hej Anna" -> "Anna"); `end`
    when the span is nothing but greetings ("Guten Tag")."""
    moved = True
    while moved and start < end:
        moved = False
        for a, b in greetings:
            if a <= start < b:
                start, moved = b, True
        while start < end and not (text[start].isalnum()):
            start += 1
    return start

"""Names in the forms records, signatures and chat write them, which the NER model and the
given-name-then-surname patterns miss: a surname in capitals before or after the given name
(Natalia TEDER, OGUNLEYE Grace, Padraig MAC GLOIN), an initial and a surname (D. Kościukiewicz),
the surname first with a comma (Heser, Siegried; Heser, S.), a title and a name (Mr Taylor), and a name in
lower case after a cue or at a field's start (hi its carmelita aguado), and a name all in
capitals (DARREN FRITZ)."""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from flywheel.scrub.caps_names import CAPS_CODES, CAPS_PARTICLES, caps_names
from flywheel.scrub.names import (
    _PART_ZIPF,
    _TITLES,
    _UP,
    FAMILY,
    TITLE,
    WORD_NAMES,
    all_given_names,
    common_surnames,
    english_zipf,
    given_names,
    name_words,
)
from flywheel.scrub.shapes import CodeRecognizer

_CAPS = r"\p{Lu}{2,}(?:['’-]\p{Lu}{2,})?"
_GIVEN_THEN_CAPS = regex.compile(rf"(?<![\p{{L}}'’-])(\p{{Lu}}[\p{{Ll}}'’]+)((?:[ \t]+{_CAPS}){{1,2}})(?![\p{{L}}])")
_INITIAL_THEN_SURNAME = regex.compile(rf"(?<![\p{{L}}.])\p{{Lu}}\.\s?(?:\p{{Lu}}\.\s?)?({_UP})(?![\p{{L}}])")
_CAPS_THEN_GIVEN = regex.compile(rf"(?<![\p{{L}}'’-])((?:{_CAPS}[ \t]+){{1,2}})(\p{{Lu}}[\p{{Ll}}'’]+)(?![\p{{L}}])")
# a speaker in a chat transcript: a given name that opens a line, after a time maybe ("[09:15] Dermot: ...");
# after a messaging app's date, time and dash a name that opens with any given name, an everyday
# word or not ("27/11/2026, 18:03 - Mark: ok", "... - Mark Simmons: ...")
_SPEAKER = regex.compile(r"(?m)^[ \t]*(?P<time>\[[^\]\n]{1,25}\][ \t]*)?(\p{Lu}\p{Ll}+):")
_APP_SPEAKER = regex.compile(
    r"(?m)^[ \t]*\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?\]?"
    r"[ \t]+(?:-[ \t]+)?(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}[\p{Ll}'’-]+){0,2}):"
)
# a given name alone in brackets, after a number or a name it belongs to ("0068522196 (Sonja)")
_GIVEN_IN_BRACKETS = regex.compile(r"\((\p{Lu}\p{Ll}+)\)")
# a nickname in quotes between the given name and the surname (Beat "Mimi" Frey)
_NICKNAME = regex.compile(
    rf"(?<![\p{{L}}'’-])(\p{{Lu}}\p{{Ll}}+(?:-\p{{Lu}}\p{{Ll}}+)?)\s+(?:[\"“']\p{{Lu}}\p{{Ll}}+[\"”']|\(\p{{Lu}}\p{{Ll}}+\))\s+"
    rf"({_UP})(?![\p{{L}}])"
)  # (or in brackets: Bradley (Lulu) Price, Amy-Leigh (Jojo) Dineen)
# a name as airlines and booking systems write it: SURNAME/GIVEN and a title (VAZ/LIA MS)
_AIRLINE = regex.compile(
    r"(?<![\p{L}/])(\p{Lu}[\p{Lu}'’-]+(?: \p{Lu}[\p{Lu}'’-]+)?)/(\p{Lu}[\p{Lu}'’-]+(?: \p{Lu}[\p{Lu}'’-]+)?)"
    r"(?: (?:MR|MRS|MS|MISS|MSTR|DR|PROF))?(?![\p{L}/])"
)
# a given name and the surname's initial, as chat and labels write it (Ilmari R., Amanda F., Ivo M)
_GIVEN_THEN_INITIAL = regex.compile(
    r"(?<![\p{L}'’-])(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)\s\p{Lu}(\.?)(?![\p{L}\d]|[.'’-]\p{L})"
)
_TITLE_THEN_NAME = regex.compile(
    rf"\b(?:{TITLE})\.?\s+"
    rf"((?:(?:de|van|von|da|di|du|le|la|del|dos|ter|ten|al|el|bin|ben)\s)?{_UP}(?:\s+{_UP})?|\p{{Lo}}{{1,4}})"
    rf"(?![\p{{L}}])"
)  # (Mr. 蒋, Ms. 고: a name in a script without case)
# a lower-case name only where a cue or a field says so ("hi its carmelita aguado", "name: anna garcia",
# "| anna garcia |"): lower-case text in other languages holds many words that are a given name somewhere
# (jag heter, nama saya, bitte buchen)
# two lower-case words, a given name and a surname, maybe with a particle (quinten de gruil, dara ó beoláin)
_PAIR = (
    r"(?P<first>\p{Ll}{2,})\s+"
    r"(?P<last>(?:(?:de|van|von|da|di|du|del|della|dos|ter|ó|ní|mac|bin)\s+)?\p{Ll}[\p{Ll}'’-]+)"
)
_LOWER_PAIR = regex.compile(
    r"(?:(?i:\b(?:(?P<strong>i'?m|i am|its|it's|this is|my name is|name is|name|called|regards|thanks|thank you|"
    r"contact|customer|caller|user|holder|signed|cheers|agent|owner|tenant|member|patient|guest|client|driver|"
    r"employee|consignee|recipient|sender|subject|requester|applicant|cardholder|manager)"
    r"|from|by|to|for|with|ask for|best|is|of)\b[,:]?\s+)|(?:[|;\n:]|--|\s-)\s*)"
    rf"{_PAIR}(?![\p{{L}}])"
)
_LOWER_VALUE = regex.compile(rf"^\s*{_PAIR}\s*$")
# two lower-case words alone in brackets or a tag ("(nelima chemtai)", "<owner>matthew cole</owner>")
_LOWER_ENCLOSED = regex.compile(rf"(?:\(|>){_PAIR}(?:\)|</)")
# a display name before an address in angle brackets ("chantal demoulin <kwillems@example.org>")
_LOWER_DISPLAY = regex.compile(rf"(?<![\p{{L}}'’-]){_PAIR}\s*<[^<>\s@]+@")
_LOWER_SURNAME_ZIPF = 4.0  # "sara said" is not a name: a lower-case surname must be rarer than that
_CUED_SURNAME_ZIPF = 5.5  # after a word that names a person (holder alvin price), any surname but the commonest words
# (not after a given name: "Mateo Heindl, Stadlbauerstraße 4"; not before more: "Pozdrawiam, Lambert, John")
_SURNAME_COMMA_GIVEN = regex.compile(
    rf"(?<![\p{{L}}'’-]|\p{{Lu}}\p{{Ll}}+\s)({_UP}),\s({_UP})"
    rf"(?![\p{{L}}]|\s+\p{{Lu}}|\s+\d|,\s*\p{{Lu}}[\p{{L}}-]*+(?!\s+\d))"
)  # (an address may follow, "Wallin, Christina, Stortorget 011"; a "given name" before a number is a street)

# the surname and the given name's initial, as lists and records write it (Schuchhardt, I.; Ābols, D.;
# Torres S.)
# a given name, a middle initial without its full stop, a surname (Franck T Raynaud)
_MIDDLE_INITIAL = regex.compile(rf"(?<![\p{{L}}'’-])(\p{{Lu}}\p{{Ll}}+)\s(\p{{Lu}})\s({_UP})(?![\p{{L}}])")
# a surname and two initials without full stops, as records in the UK write it (Smith JA, Ó Maranáin BH)
_SURNAME_INITIALS = regex.compile(rf"(?<![\p{{L}}'’-])((?:\p{{Lu}}\s)?{_UP})\s(\p{{Lu}}{{2}})(?![\p{{L}}\d]|-\d)")
# a surname in capitals, a comma, a given name (SERVAIS, Victoria)
_CAPS_COMMA_GIVEN = regex.compile(rf"(?<![\p{{L}}'’-])({_CAPS}),\s(\p{{Lu}}\p{{Ll}}+)(?![\p{{L}}])")
_SURNAME_COMMA_INITIAL = regex.compile(rf"(?<![\p{{L}}'’-])({_UP}),?\s\p{{Lu}}\.(?![\p{{L}}]|[ \t]?\p{{Lu}}\p{{Ll}})")


# words before a letter that names a part, not a surname before an initial ("see Appendix, B.")
_PART_WORDS = frozenset("Appendix Annex Exhibit Schedule Section Figure Fig Table Part Plan Option Step Item Note "
                        "Chapter Article Clause Paragraph Grade Class Type Group Unit Block Building Floor Room Row "
                        "Seat Gate Terminal Platform Zone Sector Level Phase Stage Tier Size Form Box Case Lot Model "
                        "Version Vitamin Hepatitis Category Team Rank Line Route Wing Hall Bay Dock Lane Track"
                        .split())  # fmt: skip
# two capitals that name a department or a US state, not initials ("Contoso IT", "Tempe AZ"); not the
# countries' codes: a third of all pairs of letters are one (BE, TD, MF)
_TWO_LETTER_CODES = frozenset(
    "IT HR QA PR AI ML UI UX IO OS DB ID TV PC CV OK AM PM EU UN UK US HQ VP "
    "AL AK AZ AR CA CO CT DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY OH "
    "OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY DC".split()
)
_FAMILY = regex.compile(rf"\b[Tt]he\s+({_UP})\s+(?:{FAMILY})\b")
_AIRLINE_TITLES = (" MR", " MRS", " MS", " MISS", " MSTR", " DR", " PROF")
_SHORT_CAPS_ZIPF = 3.6  # a word this rare in English can be a surname (Obi 3.35, Mai 3.53; not "dev", "ops")
_COMMON_ZIPF = 4.8  # "thanks", "please", "today": a sentence after an initial, not a surname
_OPENERS = frozenset("Thanks Thank Hi Hello Hey Dear Please Regards Cheers Best Sorry Sure Okay Yes Great Done Note "
                     "Cordialement Pozdrawiam Saludos Atenciosamente Groeten Hälsningar Grüße Gruß Saluti Mvh Mfg "
                     "Obrigado Obrigada Gracias Merci Danke Grazie".split())  # fmt: skip


def name_forms(text: str) -> list[tuple[int, int]]:
    """Spans of names written in the forms above."""
    given, known, zipf, out = given_names(), name_words(), english_zipf(), []

    def first_given(word: str) -> bool:
        return word in given

    for m in _GIVEN_THEN_CAPS.finditer(text):
        caps = m.group(2).split()
        # a short surname: a known one English hardly writes, or any word rarer than "dev" (Chigozie OBI)
        short_ok = all(len(w) > 3 or (w.capitalize() in known and zipf.get(w.lower(), 0) < _SHORT_CAPS_ZIPF)
                       or (first_given(m.group(1)) and zipf.get(w.lower(), 0) < _SHORT_CAPS_ZIPF) for w in caps[-1:]) \
            and all(len(w) > 3 or w.lower() in CAPS_PARTICLES or w.lower() not in zipf for w in caps[:-1])  # fmt: skip
        first = m.group(1)
        # a known given name (Nneka EZE, not "Anna VAT"), or a surname English never writes (Peace NNAMANI)
        rare = all(w.lower() not in zipf for w in caps) and first.lower() not in STOP_WORDS
        if short_ok and (first in given or rare):
            out.append((m.start(), m.end()))
    for m in _INITIAL_THEN_SURNAME.finditer(text):
        word = m.group(1)
        # any surname but the commonest words (not "plan B. Thanks", "vitamin D. Please"); after two
        # initials any word but a stop word (M.J. Price)
        two = m.group().count(".") > 1
        rare = two or zipf.get(word.lower(), 0) < _COMMON_ZIPF
        if rare and word.lower() not in STOP_WORDS and word not in _OPENERS:
            out.append((m.start(), m.end()))
    for m in _CAPS_THEN_GIVEN.finditer(text):  # OGUNLEYE Grace, DE GRAEVE Kimberly
        caps = m.group(1).split()
        # a short surname (OBI, LEE) when it is a known name or a rare word; not "DEV Anna"
        caps_ok = all(len(w) > 3 or w.lower() in CAPS_PARTICLES or w.capitalize() in known
                      or zipf.get(w.lower(), 0) < _SHORT_CAPS_ZIPF for w in caps)  # fmt: skip
        first = regex.sub(r"['’]s?$", "", m.group(2))  # CAMERON Stuart's profile
        rare = all(w.lower() not in zipf for w in [*caps, first])  # YULIANTI Eluh, SAMINOVA Soliha
        # a given name in capitals before a surname, any word but the commonest (VALERIE Martinez, JULIA May)
        given_first = len(caps) == 1 and caps[0].capitalize() in given and (
            first in WORD_NAMES or (first.lower() not in STOP_WORDS and zipf.get(first.lower(), 0) < _COMMON_ZIPF))
        if (first in given or rare or given_first) and caps_ok and not CAPS_CODES & set(caps):
            out.append((m.start(), m.start(2) + len(first)))
    out += [m.span(1) for m in _TITLE_THEN_NAME.finditer(text)]  # Mr Taylor, Ms. Sales: the title says so
    # Cherith H.; not "Plan B."; without the full stop a given name that is no everyday word (not "Plan B", "Will C")
    out += [m.span() for m in _GIVEN_THEN_INITIAL.finditer(text)
            if ((m.group(1) in given or m.group(1).lower() not in zipf) if m.group(2)
                else (m.group(1) in given and m.group(1) not in WORD_NAMES))]  # fmt: skip
    # (after a time in brackets, also a word English never writes: "[09:15] Ghazalan: ...")
    out += [m.span(2) for m in _SPEAKER.finditer(text) if m.group(2) in given
            or (m.group("time") and m.group(2).lower() not in zipf)]  # fmt: skip
    out += [m.span(1) for m in _APP_SPEAKER.finditer(text) if m.group(1).split()[0] in all_given_names()]
    for m in _MIDDLE_INITIAL.finditer(text):  # a known given name or a word English never writes
        first, initial, surname = m.groups()
        named = first in given or first.lower() not in zipf
        rare = zipf.get(surname.lower(), 0) < _COMMON_ZIPF and surname.lower() not in STOP_WORDS
        if named and rare and (initial not in "AI" or surname in known):  # "A", "I": before a known surname only
            out.append(m.span())
    for m in _SURNAME_INITIALS.finditer(text):  # a known surname or one English hardly writes; not "Order ID"
        surname, letters = m.groups()
        rare = surname in known or surname in common_surnames() or zipf.get(surname.lower(), 0) < _LOWER_SURNAME_ZIPF
        # (a code's letters after a known or common surname are initials too: Johnson PM, Saulīte MS)
        coded = letters in _TWO_LETTER_CODES and surname not in known and surname not in common_surnames()
        if rare and not coded and surname not in _PART_WORDS and surname not in _OPENERS:
            out.append(m.span())
    for m in _CAPS_COMMA_GIVEN.finditer(text):  # not "NOTE, Mark" or "VAT, Anna"
        surname, first = m.groups()
        # a given name, or any word after a surname English never writes (EKWUEME, Comfort)
        named = first in given or first in WORD_NAMES or first.lower() not in zipf or surname.lower() not in zipf
        surname_like = surname.capitalize() in known or surname.lower() not in zipf  # not "AWS, Amazon"
        if named and surname_like and zipf.get(surname.lower(), 0) < _COMMON_ZIPF and surname not in CAPS_CODES:
            out.append(m.span())
    out += [m.span(1) for m in _GIVEN_IN_BRACKETS.finditer(text) if m.group(1) in given]  # 0068522196 (Sonja)
    for m in _AIRLINE.finditer(text):  # a title after it, or a known given name (not "TCP/IP", "N/A")
        words = regex.split(r"[ /]", m.group())
        if (m.group().endswith(_AIRLINE_TITLES) or m.group(2).title() in given) and not CAPS_CODES & set(words) \
                and all(len(w) > 1 for w in words):  # fmt: skip
            out.append(m.span())
    # a known given name or surname around the nickname, or two words English does not write
    # (Hamis 'Lulu' Kitumaini)
    out += [m.span() for m in _NICKNAME.finditer(text) if given & set(m.group(1).split("-")) or m.group(2) in known
            or (m.group(1).lower() not in zipf and m.group(2).lower() not in zipf)]  # fmt: skip
    if not text.isupper():
        # carmelita aguado, in chat; or a whole value ("fn": "shehu idris")
        pairs = [*_LOWER_PAIR.finditer(text, overlapped=True), *_LOWER_VALUE.finditer(text),
                 *_LOWER_DISPLAY.finditer(text), *_LOWER_ENCLOSED.finditer(text)]  # fmt: skip
        for m in pairs:
            first, last = m.group("first").capitalize(), m.group("last")
            # a known given name, or after a word that names a person a word English never writes
            # (opened by arnmundur sólbjörnsson; not "; factuur naar")
            strong = m.groupdict().get("strong") is not None or m.re is _LOWER_ENCLOSED
            named = first in given or (strong and len(first) > 2 and first.lower() not in zipf)
            cued = strong and first in given
            rare = zipf.get(last, 0) < (_CUED_SURNAME_ZIPF if cued else _LOWER_SURNAME_ZIPF)
            if named and rare and last not in STOP_WORDS:
                out.append((m.start("first"), m.end("last")))
    out += caps_names(text)
    for m in _SURNAME_COMMA_GIVEN.finditer(text, overlapped=True):
        surname, first = m.group(1), m.group(2)
        surname_like = (surname in known or zipf.get(surname.lower(), 0) < _SHORT_CAPS_ZIPF) and surname not in _OPENERS
        common = zipf.get(surname.lower(), 0) >= _COMMON_ZIPF or surname in WORD_NAMES
        # a given name that is also a word after a surname English never writes (Carraux, Christian)
        word_given = first in WORD_NAMES and surname.lower() not in zipf
        if (first in given or word_given or first.lower() not in zipf) and surname_like and not common \
                and first not in _TITLES:  # fmt: skip
            out.append((m.start(), m.end()))
    for m in _SURNAME_COMMA_INITIAL.finditer(text):
        surname = m.group(1)  # any word but the commonest and those that name a lettered part
        # a surname common in English-speaking countries counts, an English word or not (Cooper, K.; Evans F.)
        surnamed = surname in common_surnames()
        common = not surnamed and (zipf.get(surname.lower(), 0) >= _COMMON_ZIPF or surname in WORD_NAMES
                                   or surname in _PART_WORDS)  # fmt: skip
        # without a comma, a known name or a word English hardly writes (Torres J.; not "Hepatitis B.")
        named = text[m.end(1)] == "," or surnamed or surname in known \
            or zipf.get(surname.lower(), 0) < _LOWER_SURNAME_ZIPF
        if named and not common and surname.lower() not in STOP_WORDS and surname not in _OPENERS \
                and surname not in _TITLES:  # fmt: skip
            out.append(m.span())
    # the Obi family, the Evans household: a known surname or a word English hardly writes (not "the Royal family")
    out += [m.span(1) for m in _FAMILY.finditer(text) if m.group(1) in known or m.group(1) in common_surnames()
            or zipf.get(m.group(1).lower(), 0) < _PART_ZIPF]  # fmt: skip
    return out


class NameFormRecognizer(CodeRecognizer):
    """`name_forms` as a Presidio recognizer."""

    def __init__(self) -> None:
        super().__init__("PERSON", "NameForms")

    def load(self) -> None:
        name_words()
        english_zipf()
        common_surnames()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        return [RecognizerResult("PERSON", a, b, 0.7) for a, b in name_forms(text)]

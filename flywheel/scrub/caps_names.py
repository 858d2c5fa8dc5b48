"""Names written all in capitals, as records, labels and signatures write them (DARREN FRITZ,
MARIA LUIZA CAVALCANTI, PACHONGRUK MATINAWIN): judged as the same name capitalised, so that
acronyms, codes and places in capitals (AWS EKS, IBAN BIC, SAN FRANCISCO) are left alone."""

from __future__ import annotations

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from flywheel.scrub.names import _name_runs, english_zipf, given_names, name_words, place_names

CAPS_PARTICLES = frozenset("mac mc van von de del da di du la le al el st ter ten bin ben dos das".split())

# two to four words in capitals (DARREN FRITZ, MARIA LUIZA CAVALCANTI, in a signature or a record)
_CAPS_RUN = regex.compile(
    r"(?<![\p{L}\p{M}'’-])\p{Lu}[\p{Lu}\p{M}'’-]+(?:[ \t]+\p{Lu}[\p{Lu}\p{M}'’-]*){1,3}(?![\p{L}\p{M}])"
)
_CAPS_SURNAME_ZIPF = 5.0  # after a known given name, a surname may be a word (JOHN SMITH), not a common one
# codes business text writes in capitals, some of which are also given names somewhere (Iban, Pin)
# and words mail and chat write in capitals before a name (FYI Seyhan, ATTN Maria, CC Ola)
CAPS_CODES = frozenset("IBAN BIC SWIFT PIN OTP CVV SKU VAT API URL PDF CSV ETA DOB SSN KYC AML CEO CFO CTO "
                        "FYI ASAP ATTN RE FW FWD CC BCC PS NB TODO NOTE URGENT HI OK".split())  # fmt: skip


def caps_names(text: str) -> list[tuple[int, int]]:
    """Names written all in capitals: the run title-cased, then the rare-name rule (two or more
    known name words or words English hardly uses, one of them known) or a known given name and
    a surname that is no common word. Acronyms (AWS EKS, KYC AML) have no word of four letters."""
    given, known, zipf, out = given_names(), name_words(), english_zipf(), []
    for m in _CAPS_RUN.finditer(text):
        words = m.group().split()
        titled = " ".join(w.lower() if w.lower() in CAPS_PARTICLES else w.title() for w in words)
        if len(titled) != len(m.group()) or all(len(w) < 4 for w in words) or CAPS_CODES & set(words):
            continue
        if titled in place_names():  # SAN FRANCISCO, NEW YORK
            continue
        # one known name word, or long words English never writes (PACHONGRUK MATINAWIN); not acronyms
        spans = [(a, b) for a, b in _name_runs(titled)
                 if any(w in known for w in titled[a:b].split()) or all(len(w) > 4 for w in titled[a:b].split())]
        first, rest = titled.split()[0], titled.split()[1:]
        # a known given name and a surname: any word but a common one, or any word at all after a
        # given name alone (KEITH PAGE, JARED DAY)
        surname_ok = [len(rest) == 1 or zipf.get(w.lower(), 0) < _CAPS_SURNAME_ZIPF for w in rest]
        if not spans and first in given and all(
            w in CAPS_PARTICLES or (w.lower() not in STOP_WORDS and ok) for w, ok in zip(rest, surname_ok, strict=True)
        ):
            spans = [(0, len(titled))]
        out += [(m.start() + a, m.start() + b) for a, b in spans]
    return out

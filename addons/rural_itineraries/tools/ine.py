"""Spain's INE codes: provinces, autonomous communities and the municipal register file.

No Odoo import: the rules are tested by plain pytest. Messages are marked with ``_lt``
so that Odoo's extraction puts them in the addon's translations; the Odoo layer
translates them with ``self.env._`` when it shows them.
"""
# pylint: disable=prefer-env-translation

import csv
import io
import re

# INE province code (CPRO) -> code of the province in Odoo's res.country.state for Spain.
PROVINCE_STATE_CODES = {
    "01": "VI", "02": "AB", "03": "A", "04": "AL", "05": "AV", "06": "BA", "07": "PM",
    "08": "B", "09": "BU", "10": "CC", "11": "CA", "12": "CS", "13": "CR", "14": "CO",
    "15": "C", "16": "CU", "17": "GI", "18": "GR", "19": "GU", "20": "SS", "21": "H",
    "22": "HU", "23": "J", "24": "LE", "25": "L", "26": "LO", "27": "LU", "28": "M",
    "29": "MA", "30": "MU", "31": "NA", "32": "OR", "33": "O", "34": "P", "35": "GC",
    "36": "PO", "37": "SA", "38": "TF", "39": "S", "40": "SG", "41": "SE", "42": "SO",
    "43": "T", "44": "TE", "45": "TO", "46": "V", "47": "VA", "48": "BI", "49": "ZA",
    "50": "Z", "51": "CE", "52": "ME",
}  # fmt: skip

# INE autonomous community code (CODAUTO) -> name.
COMMUNITIES = [
    ("01", "Andalusia"),
    ("02", "Aragon"),
    ("03", "Asturias"),
    ("04", "Balearic Islands"),
    ("05", "Canary Islands"),
    ("06", "Cantabria"),
    ("07", "Castile and León"),
    ("08", "Castile-La Mancha"),
    ("09", "Catalonia"),
    ("10", "Valencian Community"),
    ("11", "Extremadura"),
    ("12", "Galicia"),
    ("13", "Community of Madrid"),
    ("14", "Region of Murcia"),
    ("15", "Navarre"),
    ("16", "Basque Country"),
    ("17", "La Rioja"),
    ("18", "Ceuta"),
    ("19", "Melilla"),
]

# INE province code -> INE autonomous community code.
PROVINCE_COMMUNITY = {
    "01": "16", "02": "08", "03": "10", "04": "01", "05": "07", "06": "11", "07": "04",
    "08": "09", "09": "07", "10": "11", "11": "01", "12": "10", "13": "08", "14": "01",
    "15": "12", "16": "08", "17": "09", "18": "01", "19": "08", "20": "16", "21": "01",
    "22": "02", "23": "01", "24": "07", "25": "09", "26": "17", "27": "12", "28": "13",
    "29": "01", "30": "14", "31": "15", "32": "12", "33": "03", "34": "07", "35": "05",
    "36": "12", "37": "07", "38": "05", "39": "06", "40": "07", "41": "01", "42": "07",
    "43": "09", "44": "02", "45": "08", "46": "10", "47": "07", "48": "16", "49": "07",
    "50": "02", "51": "18", "52": "19",
}  # fmt: skip

STATE_CODE_PROVINCE = {state: cpro for cpro, state in PROVINCE_STATE_CODES.items()}

INE_CODE_RE = re.compile(r"^\d{5}$")


def _lt(message):
    """Mark a message for translation: the Odoo layer shows it translated (IneError)."""
    return message


class IneError(ValueError):
    """A municipality code or register row that cannot be right.

    ``template`` is the English message with named placeholders and ``params`` its
    values, so that the Odoo layer can translate the message before showing it.
    """

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template % params)


def check_ine_code(code):
    """Return the 5-digit INE municipality code, or raise IneError saying why not."""
    code = (code or "").strip()
    if not INE_CODE_RE.match(code):
        raise IneError(
            _lt("The INE code '%(code)s' must have exactly 5 digits, e.g. 44013."), code=code
        )
    if code[:2] not in PROVINCE_STATE_CODES:
        raise IneError(
            _lt(
                "The INE code '%(code)s' starts with '%(prefix)s', which is not a province "
                "code (01 to 52)."
            ),
            code=code,
            prefix=code[:2],
        )
    return code


def community_of_state_code(state_code):
    """INE community code of the Odoo province code (e.g. 'TE' -> '02'), or None."""
    cpro = STATE_CODE_PROVINCE.get(state_code or "")
    return PROVINCE_COMMUNITY.get(cpro) if cpro else None


def parse_register(text, year=2024):
    """Rows of an INE municipal register CSV (CPRO;PROVINCIA;CMUN;NOMBRE;POB..;...).

    Yields dicts with ine_code, name, province_code, state_code, community,
    population and population_year.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    header = next(reader, None)
    if not header or [h.strip().upper() for h in header[:4]] != [
        "CPRO",
        "PROVINCIA",
        "CMUN",
        "NOMBRE",
    ]:
        raise IneError(
            _lt(
                "This file is not an INE municipal register: its first line must be "
                "CPRO;PROVINCIA;CMUN;NOMBRE;POB..."
            )
        )
    for number, row in enumerate(reader, start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 5:
            raise IneError(
                _lt("Line %(line)s of the INE file has %(count)s columns instead of 5 or more."),
                line=number,
                count=len(row),
            )
        cpro, _province, cmun, name, population = (cell.strip() for cell in row[:5])
        code = check_ine_code(cpro.zfill(2) + cmun.zfill(3))
        try:
            population = int(population)
        except ValueError as exc:
            raise IneError(
                _lt("Line %(line)s of the INE file: the population '%(value)s' is not a number."),
                line=number,
                value=population,
            ) from exc
        yield {
            "ine_code": code,
            "name": name,
            "province_code": code[:2],
            "state_code": PROVINCE_STATE_CODES[code[:2]],
            "community": PROVINCE_COMMUNITY[code[:2]],
            "population": population,
            "population_year": year,
        }

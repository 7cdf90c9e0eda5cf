"""Age bands of the statistics, by the age reached in the year.

No Odoo import: tested by plain pytest. The age counted is the one reached during the
year of the event (year minus birth year), as in the yearly reports to funders: it only
needs the birth year, so the figures of anonymised people (who keep only their birth
year) stay the same.
"""

BANDS = ((0, 17, "0-17"), (18, 29, "18-29"), (30, 44, "30-44"), (45, 64, "45-64"))
LAST_BAND = "65+"
UNKNOWN = "unknown"


def age_band(birth_year, year):
    """``"18-29"`` for someone born in 2000 in the year 2024; ``"unknown"`` without birth."""
    if not birth_year or not year:
        return UNKNOWN
    age = year - birth_year
    if age < 0:
        return UNKNOWN
    for low, high, label in BANDS:
        if low <= age <= high:
            return label
    return LAST_BAND

"""The age bands of the statistics: those of the ESF+ common output indicators.

No Odoo import: tested by plain pytest. The one source of the bands, for Python and
for SQL: a person's age is counted on the day of the service (an intervention, a
session), and the band is stored with it, so that later changes (a birthday, an
anonymisation that keeps only the birth year) never change past figures.
"""

import datetime

#: (code, lowest age, highest age or None): under 18, 18-29, 30-54, 55 and over
BANDS = (
    ("under_18", 0, 17),
    ("18_29", 18, 29),
    ("30_54", 30, 54),
    ("55_plus", 55, None),
)
UNKNOWN = "unknown"
#: the selection of an ``age_band`` field (labels in English, translated by Odoo)
SELECTION = [
    ("under_18", "Under 18"),
    ("18_29", "18-29"),
    ("30_54", "30-54"),
    ("55_plus", "55 and over"),
    (UNKNOWN, "Unknown"),
]


def age_on(birthdate, day):
    """Completed years on ``day`` for someone born on ``birthdate`` (dates), or None."""
    if not birthdate or not day:
        return None
    if isinstance(day, datetime.datetime):
        day = day.date()
    if isinstance(birthdate, datetime.datetime):
        birthdate = birthdate.date()
    years = day.year - birthdate.year - ((day.month, day.day) < (birthdate.month, birthdate.day))
    return years if years >= 0 else None


def band_of_age(age):
    """The band code of an age in years (``None``: unknown)."""
    if age is None or age < 0:
        return UNKNOWN
    for code, low, high in BANDS:
        if age >= low and (high is None or age <= high):
            return code
    return UNKNOWN


def age_band(birthdate, day):
    """``"18_29"`` for someone born on 2000-05-01 served on 2024-06-01."""
    return band_of_age(age_on(birthdate, day))


def sql_case():
    """The text of a SQL ``CASE`` giving the band of an age, named ``%(age)s``.

    The Odoo layer wraps it in ``odoo.tools.SQL(sql_case(), age=<age expression>)``;
    only the constants above go into the text.
    """
    whens = []
    for code, low, high in BANDS:
        if high is None:
            whens.append(f"WHEN %(age)s >= {low} THEN '{code}'")
        else:
            whens.append(f"WHEN %(age)s BETWEEN {low} AND {high} THEN '{code}'")
    return f"CASE {' '.join(whens)} ELSE '{UNKNOWN}' END"

"""The subject-access spreadsheet layout and the age bands, without Odoo."""

import io
import sqlite3
from datetime import date, datetime

import openpyxl
from conftest import load_tool
from hypothesis import given
from hypothesis import strategies as st

workbook = load_tool("migrant_integration", "workbook")
age = load_tool("migrant_integration", "age")


def _open(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def test_each_sheet_holds_its_header_and_rows_with_their_types():
    content = workbook.build_workbook(
        [
            (
                "Person",
                ["Field", "Value"],
                [("Name", "Awa Ndiaye"), ("Birthdate", date(1990, 5, 2))],
            ),
            (
                "Interventions",
                ["Date", "Hours", "Interpreter"],
                [(datetime(2026, 3, 4, 10, 30), 1.5, True), (None, 0, False)],
            ),
        ]
    )
    book = _open(content)
    assert book.sheetnames == ["Person", "Interventions"]
    person = list(book["Person"].iter_rows(values_only=True))
    assert person[0] == ("Field", "Value")
    assert person[1] == ("Name", "Awa Ndiaye")
    assert person[2][1] == datetime(1990, 5, 2)
    rows = list(book["Interventions"].iter_rows(values_only=True))
    assert rows[1] == (datetime(2026, 3, 4, 10, 30), 1.5, True)
    assert rows[2] == (None, 0, None), "False is Odoo's empty value: an empty cell"


def test_text_that_looks_like_a_formula_stays_text():
    content = workbook.build_workbook(
        [("Person", ["Name"], [('=HYPERLINK("http://evil.example","x")',), ("+34 600",)])]
    )
    sheet = _open(content)["Person"]
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == '=HYPERLINK("http://evil.example","x")'
    assert sheet["A3"].value == "+34 600"


def test_sheet_titles_are_valid_and_unique():
    assert workbook.sheet_title("Cases: 2024/2025") == "Cases  2024 2025"
    assert len(workbook.sheet_title("x" * 50)) == 31
    assert workbook.sheet_title("Referrals", ["referrals"]) == "Referrals (2)"
    content = workbook.build_workbook([("A" * 40, ["h"], []), ("A" * 40, ["h"], [])])
    assert len(set(_open(content).sheetnames)) == 2


@given(st.text(max_size=40), st.lists(st.text(max_size=40), max_size=5))
def test_any_title_gives_a_name_excel_accepts(title, taken):
    name = workbook.sheet_title(title, taken)
    assert 1 <= len(name) <= 31
    assert not set(name) & set("[]:*?/\\")
    assert name.lower() not in {t.lower() for t in taken}


def test_esf_age_bands_on_the_day_of_the_service():
    born = date(2006, 12, 31)
    assert age.age_band(born, date(2024, 12, 30)) == "under_18", "17 the day before"
    assert age.age_band(born, date(2024, 12, 31)) == "18_29", "18 on the birthday"
    assert age.age_band(date(1994, 6, 1), datetime(2024, 5, 31, 23, 0)) == "18_29"
    assert age.age_band(date(1994, 6, 1), date(2024, 6, 1)) == "30_54"
    assert age.age_band(date(1969, 6, 1), date(2024, 6, 1)) == "55_plus"
    assert age.age_band(date(1970, 6, 1), date(2024, 6, 1)) == "30_54"
    assert age.age_band(None, date(2024, 6, 1)) == "unknown"
    assert age.age_band(date(2030, 1, 1), date(2024, 6, 1)) == "unknown", "not born yet"
    assert [code for code, _label in age.SELECTION] == [c for c, *_ in age.BANDS] + ["unknown"]


@given(st.integers(min_value=-5, max_value=130))
def test_every_age_falls_in_exactly_one_band_and_sql_agrees(years):
    code = age.band_of_age(years)
    inside = [c for c, low, high in age.BANDS if years >= low and (high is None or years <= high)]
    assert inside == ([code] if code != "unknown" else [])
    # the same bands in SQL (SQLite runs the CASE the statistics views use)
    case = age.sql_case().replace("%(age)s", "?")
    placeholders = case.count("?")
    (chosen,) = (
        sqlite3.connect(":memory:").execute(f"SELECT {case}", [years] * placeholders).fetchone()
    )
    assert chosen == code

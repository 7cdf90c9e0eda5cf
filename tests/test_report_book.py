"""The annual report's workbook layout, without Odoo."""

import io
import tracemalloc
from datetime import date

import openpyxl
from conftest import load_tool

report_book = load_tool("migrant_integration", "report_book")


def _open(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def _sheet(title, rows, **table):
    return report_book.Sheet(
        title=title,
        notes=["A note"],
        tables=[
            report_book.Table(title="Figures", headers=["Label", "A", "B"], rows=rows, **table)
        ],
    )


def test_cover_tables_totals_and_types():
    content = report_book.write_report(
        "Annual report 2024",
        [("Year", 2024), ("Made on", date(2025, 1, 15))],
        [_sheet("By gender", [["Female", 3, 5], ["Male", 2, 3.5]], total_label="Total")],
    )
    book = _open(content)
    assert book.sheetnames == ["Annual report 2024", "By gender"]
    cover = book["Annual report 2024"]
    assert cover["B3"].value == 2024
    assert cover["B4"].is_date
    rows = [r for r in book["By gender"].iter_rows(values_only=True) if any(r)]
    assert rows[0][0] == "By gender"
    assert rows[1][0] == "A note"
    assert rows[2][0] == "Figures"
    assert rows[3] == ("Label", "A", "B")
    assert rows[4] == ("Female", 3, 5)
    assert rows[6] == ("Total", 5, 8.5)
    assert isinstance(rows[4][1], int)


def test_a_chart_is_a_native_chart():
    content = report_book.write_report(
        "Cover", [], [_sheet("Gender", [["Female", 3, 5], ["Male", 2, 3]], chart="column")]
    )
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert any(name.startswith("xl/charts/chart") for name in names)


def test_text_is_never_a_formula():
    content = report_book.write_report("Cover", [], [_sheet("S", [["=1+1", 1, 2]])])
    rows = list(_open(content)["S"].iter_rows(values_only=True))
    assert ("=1+1", 1, 2) in rows


def test_year_on_year_fills_missing_keys_with_zero_and_sorts_by_this_year():
    rows = list(report_book.year_on_year({"b": (5, 9), "a": (1, 1)}, {"c": (2, 2)}))
    assert rows == [["b", 5, 9, 0, 0], ["a", 1, 1, 0, 0], ["c", 0, 0, 2, 2]]
    rows = list(report_book.year_on_year({}, {}, keys=["x"]))
    assert rows == [["x", 0, 0, 0, 0]]


def test_top_and_rest_sums_the_tail():
    counts = [("A", 5, 7), ("B", 3, 3), ("C", 2, 2), ("D", 1, 4)]
    assert report_book.top_and_rest(counts, 2, "Other") == [
        ("A", 5, 7),
        ("B", 3, 3),
        ("Other", 3, 6),
    ]
    assert report_book.top_and_rest(counts[:1], 2, "Other") == [("A", 5, 7)]


def _peak_allocated_writing(rows):
    tracemalloc.start()
    try:
        content = report_book.write_report(
            "Cover", [], [_sheet("Rows", ([f"row {i}", i, i * 2] for i in range(rows)))]
        )
        return len(content), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_rows_stream_to_disk():
    """Ten times more generated rows take about the same memory besides the file
    itself (constant memory): the rows are written to disk as they come."""
    small_size, small = _peak_allocated_writing(10_000)
    size, large = _peak_allocated_writing(100_000)
    assert size > 1_000_000
    assert large - size < (small - small_size) * 2 + 500_000

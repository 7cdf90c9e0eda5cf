"""The justification workbook of a subsidy, without Odoo."""

import io
import tracemalloc
from datetime import date

import openpyxl
from conftest import load_tool

subsidy_workbook = load_tool("migrant_integration", "subsidy_workbook")

COVER = [
    ("Subsidy", "Development cooperation"),
    ("Amount awarded", 10000.0),
    ("Co-financing rate", 80.0),
]


def _lines(n, accounts=("600 Purchases", "629 Travel")):
    for account in accounts:
        for i in range(n):
            yield (
                date(2025, 1 + i % 12, 1),
                "Supplier",
                f"F-{i}",
                "Concept",
                account,
                10.0,
                8.0,
                "Partly" if i % 2 else None,
            )


def test_summary_lines_subtotals_and_types():
    content, totals = subsidy_workbook.write_justification(
        {}, COVER, _lines(3), [(date(2025, 2, 1), 6000.0, "BILL/1", "Posted")], 80.0, 10000.0
    )
    assert totals == (60.0, 48.0)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Justification", "Expenses"]
    rows = [r for r in book["Expenses"].iter_rows(values_only=True) if any(r)]
    assert rows[0][0] == "Date"
    assert rows[1][0].year == 2025 and rows[1][5] == 10.0 and rows[1][6] == 0.8
    subtotals = [r for r in rows if str(r[3]).startswith("Subtotal")]
    assert [r[3] for r in subtotals] == ["Subtotal: 600 Purchases", "Subtotal: 629 Travel"]
    assert [r[5] for r in subtotals] == [30.0, 30.0]
    assert [r[6] for r in subtotals] == [24.0, 24.0]  # the funder's share charged
    assert rows[-1][3] == "Total" and rows[-1][5] == 60.0 and rows[-1][7] == 48.0
    summary = {r[0]: r[1] for r in book["Justification"].iter_rows(values_only=True) if r[0]}
    assert summary["Co-financing rate"] == 0.8
    assert summary["Expenses"] == 48.0
    assert summary["Against the awarded amount"] == 0.0048
    assert summary["Installments"] is None
    assert any(r[2] == "BILL/1" for r in book["Justification"].iter_rows(values_only=True))


def test_labels_in_the_readers_language():
    content, _totals = subsidy_workbook.write_justification(
        {"Justification": "Justificación", "Expenses": "Gastos", "Date": "Fecha"},
        COVER,
        _lines(1),
        [],
        100.0,
        100.0,
    )
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Justificación", "Gastos"]
    assert book["Gastos"]["A1"].value == "Fecha"


def _peak(n):
    tracemalloc.start()
    try:
        content, _totals = subsidy_workbook.write_justification({}, COVER, _lines(n), [], 80.0, 1.0)
        return len(content), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_lines_stream_to_disk():
    """Ten times more lines take about the same memory besides the file itself."""
    small_size, small = _peak(2_500)
    size, large = _peak(25_000)
    assert size > 1_000_000
    assert large - size < (small - small_size) * 2 + 500_000

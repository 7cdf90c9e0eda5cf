"""The annual report's workbook, written with xlsxwriter in constant memory.

No Odoo import: tested by plain pytest. A report is a cover (title and lines) and
sheets; a sheet is a title, notes and tables; a table is a title, a header row and
rows of plain values (text, numbers, dates; None is an empty cell), optionally with
a total row and a native Excel chart of some of its columns. Rows may be a
generator: each row is written and flushed to disk as it comes (``constant_memory``),
so the memory used does not grow with the rows.
"""

import dataclasses
import datetime
import os
import tempfile

import xlsxwriter

from .workbook import sheet_title


@dataclasses.dataclass
class Table:
    title: str
    headers: list
    rows: object  # an iterable of lists
    #: add a row with the sum of each numeric column, headed by this label
    total_label: str = None
    #: "column" or "pie": a chart of ``chart_columns`` (indexes) by the first column
    chart: str = None
    chart_columns: tuple = (1,)
    #: indexes of columns holding a rate between 0 and 1 (shown as a percentage)
    percent_columns: tuple = ()


@dataclasses.dataclass
class Sheet:
    title: str
    heading: str = None
    notes: list = dataclasses.field(default_factory=list)
    tables: list = dataclasses.field(default_factory=list)


def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Writer:
    def __init__(self, book):
        self.book = book
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.subtitle = book.add_format({"bold": True, "font_size": 11})
        self.note = book.add_format({"italic": True, "font_color": "#555555"})
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DDDDDD", "border": 1, "text_wrap": True}
        )
        self.integer = book.add_format({"num_format": "#,##0"})
        self.decimal = book.add_format({"num_format": "#,##0.00"})
        self.percent = book.add_format({"num_format": "0.0%"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.total_text = book.add_format({"bold": True, "top": 1})
        self.total_integer = book.add_format({"bold": True, "top": 1, "num_format": "#,##0"})
        self.total_decimal = book.add_format({"bold": True, "top": 1, "num_format": "#,##0.00"})

    def cell(self, sheet, row, col, value, percent=False):
        if value is None or value is False:
            sheet.write_blank(row, col, None)
        elif percent and _number(value):
            sheet.write_number(row, col, value, self.percent)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value)
        elif isinstance(value, int):
            sheet.write_number(row, col, value, self.integer)
        elif isinstance(value, float):
            sheet.write_number(row, col, value, self.decimal)
        elif isinstance(value, datetime.datetime):
            sheet.write_datetime(row, col, value.replace(tzinfo=None), self.date)
        elif isinstance(value, datetime.date):
            sheet.write_datetime(row, col, value, self.date)
        else:
            sheet.write_string(row, col, str(value))

    def table(self, sheet, name, row, table):
        """Write ``table`` from ``row``; return the next free row."""
        sheet.write_string(row, 0, table.title, self.subtitle)
        row += 1
        for col, header in enumerate(table.headers):
            sheet.write_string(row, col, str(header), self.header)
        header_row = row
        row += 1
        totals = [0] * len(table.headers)
        numeric = [False] * len(table.headers)
        for values in table.rows:
            for col, value in enumerate(values):
                self.cell(sheet, row, col, value, percent=col in table.percent_columns)
                if _number(value) and col not in table.percent_columns:
                    totals[col] += value
                    numeric[col] = True
            row += 1
        first, last = header_row + 1, row - 1
        if table.total_label is not None:
            sheet.write_string(row, 0, table.total_label, self.total_text)
            for col in range(1, len(table.headers)):
                if numeric[col] or last < first:
                    fmt = self.total_integer if isinstance(totals[col], int) else self.total_decimal
                    sheet.write_number(row, col, totals[col], fmt)
                else:
                    sheet.write_blank(row, col, None, self.total_text)
            row += 1
        if table.chart and last >= first:
            self._chart(sheet, name, header_row, first, last, table)
        return row + 1

    def _chart(self, sheet, name, header_row, first, last, table):
        chart = self.book.add_chart({"type": table.chart})
        quoted = "'" + name.replace("'", "''") + "'"
        for col in table.chart_columns:
            chart.add_series(
                {
                    "name": [name, header_row, col],
                    "categories": f"={quoted}!$A${first + 1}:$A${last + 1}",
                    "values": [name, first, col, last, col],
                }
            )
        chart.set_title({"name": table.title})
        chart.set_size({"width": 520, "height": 300})
        sheet.insert_chart(header_row, len(table.headers) + 1, chart)


def write_report(cover_title, cover_lines, sheets):
    """The bytes of the report's .xlsx file.

    ``cover_lines`` are ``(label, value)`` pairs; ``sheets`` an iterable of
    :class:`Sheet`. Text is written as text, never as a formula.
    """
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        book = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False})
        writer = _Writer(book)
        cover = book.add_worksheet(sheet_title(cover_title))
        taken = [cover.name]
        cover.set_column(0, 0, 38)
        cover.set_column(1, 1, 60)
        cover.write_string(0, 0, cover_title, writer.title)
        for row, (label, value) in enumerate(cover_lines, start=2):
            cover.write_string(row, 0, str(label), writer.subtitle)
            writer.cell(cover, row, 1, value)
        for sheet in sheets:
            name = sheet_title(sheet.title, taken)
            taken.append(name)
            page = book.add_worksheet(name)
            page.set_column(0, 0, 40)
            page.set_column(1, 12, 16)
            row = 0
            page.write_string(row, 0, sheet.heading or sheet.title, writer.title)
            row += 2
            for note in sheet.notes:
                page.write_string(row, 0, note, writer.note)
                row += 1
            if sheet.notes:
                row += 1
            for table in sheet.tables:
                row = writer.table(page, name, row, table)
        book.close()
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.unlink(path)


def year_on_year(current, previous, keys=None, width=2):
    """Rows ``[key, *current values, *previous values]`` merging two ``{key: tuple}``
    maps of ``width`` values (missing values are 0), in the order of ``keys`` or by the
    current figures, most first."""
    if keys is None:
        keys = sorted(
            set(current) | set(previous),
            key=lambda key: (tuple(-v for v in current.get(key, (0,))), str(key)),
        )
    for key in keys:
        yield [
            key,
            *current.get(key, (0,) * width),
            *previous.get(key, (0,) * width),
        ]


def top_and_rest(counts, top, rest_label):
    """``counts`` (``[(label, people, services), ...]``, sorted by people, most
    first) cut to the ``top`` first rows plus one row summing the rest."""
    counts = list(counts)
    head, tail = counts[:top], counts[top:]
    if tail:
        head.append((rest_label, *(sum(row[i] for row in tail) for i in range(1, len(tail[0])))))
    return head

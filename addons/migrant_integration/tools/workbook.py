"""Spreadsheets of the addon (the subject-access export), written with xlsxwriter.

No Odoo import: tested by plain pytest. Each sheet is a title, a header row and rows
of plain values (text, numbers, True, dates, datetimes); None and False (Odoo's
empty value) are empty cells.
"""

import datetime
import io
import re

import xlsxwriter

MAX_TITLE = 31  # Excel's limit for a sheet name
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title, taken=()):
    """A valid, unique sheet name for ``title`` (Excel forbids []:*?/\\ and > 31 chars)."""
    base = _FORBIDDEN.sub(" ", title or "Sheet").strip().strip("'")[:MAX_TITLE] or "Sheet"
    name, counter = base, 2
    lowered = {t.lower() for t in taken}
    while name.lower() in lowered:
        suffix = f" ({counter})"
        name = base[: MAX_TITLE - len(suffix)] + suffix
        counter += 1
    return name


def build_workbook(sheets):
    """The bytes of an .xlsx file with one sheet per ``(title, headers, rows)``.

    Text is always written as text, never as a formula: a name such as ``=HYPERLINK(..)``
    typed into a form cannot run in the reader's spreadsheet.
    """
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    datetime_format = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    taken = []
    for title, headers, rows in sheets:
        name = sheet_title(title, taken)
        taken.append(name)
        sheet = book.add_worksheet(name)
        widths = [len(str(h)) for h in headers]
        for col, header in enumerate(headers):
            sheet.write_string(0, col, str(header), bold)
        for row_index, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                _write(sheet, row_index, col, value, date_format, datetime_format)
                if col < len(widths):
                    widths[col] = max(widths[col], min(len(str(value or "")), 60))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width + 2)
        sheet.freeze_panes(1, 0)
    book.close()
    return output.getvalue()


def _write(sheet, row, col, value, date_format, datetime_format):
    if value is None or value is False:
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    elif isinstance(value, datetime.datetime):
        sheet.write_datetime(row, col, value, datetime_format)
    elif isinstance(value, datetime.date):
        sheet.write_datetime(row, col, value, date_format)
    else:
        sheet.write_string(row, col, str(value))

"""The justification workbook of a subsidy, written with xlsxwriter in constant memory.

No Odoo import: tested by plain pytest. The expense lines come as an iterable sorted
by expense account (a generator reading the database in batches): each row is written
and flushed to disk as it comes, with a subtotal row when the account changes, so the
memory used does not grow with the lines.
"""

import os
import tempfile

import xlsxwriter

from .workbook import sheet_title


class _Book:
    """The formats and cell writers of one workbook."""

    def __init__(self, book, labels):
        self.book = book
        self.labels = labels
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.header = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        self.money = book.add_format({"num_format": "#,##0.00"})
        self.money_bold = book.add_format({"num_format": "#,##0.00", "bold": True, "top": 1})
        self.percent = book.add_format({"num_format": "0.00%"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})

    def text(self, label):
        """The label in the reader's language."""
        return self.labels.get(label, label)

    def value(self, sheet, row, col, item):
        if item is None or item is False:
            sheet.write_blank(row, col, None)
        elif isinstance(item, int | float) and not isinstance(item, bool):
            sheet.write_number(row, col, item, self.money)
        elif hasattr(item, "year"):
            sheet.write_datetime(row, col, item, self.date)
        else:
            sheet.write_string(row, col, str(item))

    def expenses(self, sheet, lines, share):
        """Write the lines with a subtotal per account; return (presented, accepted)."""
        headers = (
            "Date",
            "Supplier",
            "Invoice reference",
            "Concept",
            "Expense account",
            "Amount presented",
            "Share charged",
            "Amount accepted",
            "Reason",
        )
        for col, (text, width) in enumerate(
            zip(headers, (11, 28, 18, 40, 28, 16, 14, 16, 30), strict=True)
        ):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, self.text(text), self.header)
        sheet.freeze_panes(1, 0)
        row = 1
        totals = [0.0, 0.0]
        subtotal = [0.0, 0.0]
        start = current = object()
        for day, supplier, reference, concept, account, amount, accepted, reason in lines:
            if account != current:
                if current is not start:
                    row = self.total(
                        sheet,
                        row,
                        f"{self.text('Subtotal')}: {current or self.text('No account')}",
                        subtotal,
                        share,
                    )
                current, subtotal = account, [0.0, 0.0]
            sheet.write_datetime(row, 0, day, self.date)
            for col, text in enumerate((supplier, reference, concept, account), start=1):
                sheet.write_string(row, col, text or "")
            sheet.write_number(row, 5, amount, self.money)
            sheet.write_number(row, 6, share, self.percent)
            sheet.write_number(row, 7, accepted, self.money)
            if reason:
                sheet.write_string(row, 8, reason)
            subtotal[0] += amount
            subtotal[1] += accepted
            totals[0] += amount
            totals[1] += accepted
            row += 1
        if current is not start:
            row = self.total(
                sheet,
                row,
                f"{self.text('Subtotal')}: {current or self.text('No account')}",
                subtotal,
                share,
            )
        self.total(sheet, row, self.text("Total"), totals, share)
        return tuple(totals)

    def total(self, sheet, row, label, amounts, share):
        sheet.write_string(row, 3, label, self.bold)
        sheet.write_number(row, 5, amounts[0], self.money_bold)
        sheet.write_number(row, 6, amounts[0] * share, self.money_bold)
        sheet.write_number(row, 7, amounts[1], self.money_bold)
        return row + 1

    def summary(self, sheet, cover, totals, awarded, installments):
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 3, 20)
        sheet.write_string(0, 0, self.text("Justification"), self.title)
        row = 2
        for label, item in cover:
            sheet.write_string(row, 0, self.text(label), self.bold)
            if label == "Co-financing rate":
                sheet.write_number(row, 1, item / 100.0, self.percent)
            else:
                self.value(sheet, row, 1, item)
            row += 1
        row += 1
        sheet.write_string(row, 0, self.text("Expenses"), self.bold)
        sheet.write_number(row, 1, totals[1], self.money)
        row += 1
        sheet.write_string(row, 0, self.text("Against the awarded amount"), self.bold)
        sheet.write_number(row, 1, totals[1] / awarded if awarded else 0.0, self.percent)
        row += 2
        sheet.write_string(row, 0, self.text("Installments"), self.bold)
        row += 1
        for col, text in enumerate(("Due date", "Amount", "Bill or invoice", "State")):
            sheet.write_string(row, col, self.text(text), self.header)
        for item in installments:
            row += 1
            for col, cell in enumerate(item):
                self.value(sheet, row, col, cell)


def write_justification(labels, cover, lines, installments, rate, awarded):
    """The bytes of the justification workbook and its totals.

    ``labels``: ``{english label: translated}``; ``cover``: ``[(label, value)]``
    (values: text, numbers, dates); ``lines``: ``(date, supplier, reference, concept,
    account, amount, accepted, reason)`` sorted by account; ``installments``:
    ``(due date, amount, move, state)``; ``rate``: the co-financing rate in percent;
    ``awarded``: the awarded amount. Returns ``(content, (presented, accepted))``.
    """
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        book = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False})
        writer = _Book(book, labels)
        # the summary comes first in the book but is written last (it needs the totals)
        summary = book.add_worksheet(sheet_title(writer.text("Justification")))
        detail = book.add_worksheet(sheet_title(writer.text("Expenses")))
        totals = writer.expenses(detail, lines, rate / 100.0)
        writer.summary(summary, cover, totals, awarded, installments)
        book.close()
        with open(path, "rb") as file:
            return file.read(), totals
    finally:
        os.unlink(path)

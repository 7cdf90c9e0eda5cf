import base64

from odoo import fields, models
from odoo.tools import SQL

from ..tools import subsidy_workbook

BATCH = 5000


class MigrantSubsidyWorkbook(models.TransientModel):
    """The justification workbook of a subsidy: the summary (subsidy, call, period,
    amounts, co-financing split, installments) and every expense line presented,
    with subtotals by expense account. The lines are read in batches and written
    to disk as they come."""

    _name = "migrant.subsidy.workbook"
    _description = "Justification Workbook"

    subsidy_id = fields.Many2one("migrant.subsidy", required=True, ondelete="cascade")
    data = fields.Binary(string="File", attachment=False, readonly=True)
    filename = fields.Char()

    def _migrant_lines(self):
        """The expense lines of the subsidy sorted by account, read in batches by key."""
        Expense = self.env["migrant.subsidy.expense"]
        Expense.check_access("read")
        Expense.flush_model()
        accounts = {
            account.id: account.display_name
            for [account] in Expense._read_group(
                [("subsidy_id", "=", self.subsidy_id.id)], ["expense_account_id"]
            )
            if account
        }
        last = (0, "0001-01-01", 0)
        while True:
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT COALESCE(expense_account_id, 0), date, id, supplier, reference,
                           concept, amount, amount_accepted, rejection_reason
                      FROM migrant_subsidy_expense
                     WHERE subsidy_id = %s
                       AND (COALESCE(expense_account_id, 0), date, id) > (%s, %s::date, %s)
                  ORDER BY 1, 2, 3
                     LIMIT %s
                    """,
                    self.subsidy_id.id,
                    *last,
                    BATCH,
                )
            )
            if not rows:
                return
            for account, day, _id, supplier, reference, concept, amount, accepted, reason in rows:
                yield (
                    day,
                    supplier,
                    reference,
                    concept,
                    accounts.get(account),
                    float(amount or 0),
                    float(accepted or 0),
                    reason,
                )
            last = rows[-1][:3]

    def _migrant_labels(self):
        """The workbook's labels in the user's language."""
        return {
            "Justification": self.env._("Justification"),
            "Subsidy": self.env._("Subsidy"),
            "Reference": self.env._("Reference"),
            "Counterparty": self.env._("Counterparty"),
            "Call": self.env._("Call"),
            "Execution period": self.env._("Execution period"),
            "Amount awarded": self.env._("Amount awarded"),
            "Co-financing rate": self.env._("Co-financing rate"),
            "Executed": self.env._("Executed"),
            "Funder's share due": self.env._("Funder's share due"),
            "Own share": self.env._("Own share"),
            "Paid": self.env._("Paid"),
            "To reimburse": self.env._("To reimburse"),
            "Expenses": self.env._("Expenses"),
            "Date": self.env._("Date"),
            "Supplier": self.env._("Supplier"),
            "Invoice reference": self.env._("Invoice reference"),
            "Concept": self.env._("Concept"),
            "Expense account": self.env._("Expense account"),
            "Amount presented": self.env._("Amount presented"),
            "Share charged": self.env._("Share charged"),
            "Amount accepted": self.env._("Amount accepted"),
            "Reason": self.env._("Reason"),
            "Subtotal": self.env._("Subtotal"),
            "Total": self.env._("Total"),
            "Against the awarded amount": self.env._("Against the awarded amount"),
            "Installments": self.env._("Installments"),
            "Due date": self.env._("Due date"),
            "Amount": self.env._("Amount"),
            "Bill or invoice": self.env._("Bill or invoice"),
            "State": self.env._("State"),
            "No account": self.env._("No account"),
        }

    def _migrant_build(self):
        self.ensure_one()
        subsidy = self.subsidy_id
        subsidy.check_access("read")
        labels = self._migrant_labels()
        period = " - ".join(
            str(fields.Date.to_string(d)) for d in (subsidy.date_start, subsidy.date_end) if d
        )
        cover = [
            ("Subsidy", subsidy.name),
            ("Reference", subsidy.reference),
            ("Counterparty", subsidy.partner_id.display_name),
            ("Call", subsidy.call_id.display_name or ""),
            ("Execution period", period),
            ("Amount awarded", subsidy.amount_awarded),
            ("Co-financing rate", subsidy.cofinancing_rate),
            ("Executed", subsidy.amount_executed),
            ("Funder's share due", subsidy.amount_due_share),
            ("Own share", subsidy.amount_executed - subsidy.amount_due_share),
            ("Paid", subsidy.amount_paid),
            ("To reimburse", subsidy.amount_to_reimburse),
        ]
        states = dict(self.env["account.move"]._fields["state"]._description_selection(self.env))
        installments = [
            (i.due_date, i.amount, i.move_id.name or "", states.get(i.move_state, ""))
            for i in subsidy.installment_ids
        ]
        return subsidy_workbook.write_justification(
            labels,
            cover,
            self._migrant_lines(),
            installments,
            subsidy.cofinancing_rate,
            subsidy.amount_awarded,
        )

    def action_export(self):
        self.ensure_one()
        content, _totals = self._migrant_build()
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": self.env._(
                    "justification-%(reference)s.xlsx", reference=self.subsidy_id.reference
                ),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
            "target": "self",
        }

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class MigrantSubsidyExpense(models.Model):
    """An expense an entity presents to justify a subsidy granted to it: entered by
    hand or imported from the spreadsheet the entity sends (Odoo's import). Finance
    accepts all or part of it, saying why when not all."""

    _name = "migrant.subsidy.expense"
    _inherit = ["migrant.input.mixin"]
    _description = "Expense Presented"
    _order = "subsidy_id, expense_account_id, date, id"

    subsidy_id = fields.Many2one("migrant.subsidy", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="subsidy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="subsidy_id.currency_id")
    date = fields.Date(required=True)
    supplier = fields.Char(required=True)
    reference = fields.Char(string="Invoice Reference")
    concept = fields.Char(required=True)
    expense_account_id = fields.Many2one(
        "account.account",
        string="Expense Account",
        domain=[("account_type", "in", ("expense", "expense_direct_cost", "expense_depreciation"))],
    )
    amount = fields.Monetary(string="Amount Presented", required=True)
    amount_accepted = fields.Monetary(
        compute="_compute_amount_accepted", store=True, readonly=False, precompute=True
    )
    rejection_reason = fields.Char(string="Reason", help="Why not all of it is accepted.")

    @api.depends("amount")
    def _compute_amount_accepted(self):
        for expense in self:
            if not expense.rejection_reason:
                expense.amount_accepted = expense.amount

    @api.constrains("amount", "amount_accepted", "rejection_reason")
    def _check_amounts(self):
        for expense in self:
            rounding = expense.currency_id.rounding or 0.01
            if expense.amount < 0 or expense.amount_accepted < 0:
                raise ValidationError(self.env._("The amounts of an expense cannot be negative."))
            if (
                float_compare(expense.amount_accepted, expense.amount, precision_rounding=rounding)
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(concept)s: the accepted amount cannot be above the %(amount)s "
                        "presented.",
                        concept=expense.concept,
                        amount=expense.currency_id.format(expense.amount),
                    )
                )
            if (
                float_compare(expense.amount_accepted, expense.amount, precision_rounding=rounding)
                < 0
                and not expense.rejection_reason
            ):
                raise ValidationError(
                    self.env._(
                        "%(concept)s: say why not all of it is accepted.", concept=expense.concept
                    )
                )

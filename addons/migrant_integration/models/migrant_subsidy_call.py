from odoo import api, fields, models
from odoo.exceptions import ValidationError

#: states of a subsidy whose awarded amount is committed on its call
COMMITTED_STATES = ("awarded", "in_execution", "justified", "closed")


class MigrantSubsidyCall(models.Model):
    """A call for subsidies of a funder for a year: its budget, what the awarded
    subsidies commit of it and what is left."""

    _name = "migrant.subsidy.call"
    _inherit = ["mail.thread", "migrant.input.mixin"]
    _description = "Subsidy Call"
    _order = "year desc, name"

    name = fields.Char(required=True, tracking=True)
    funder_id = fields.Many2one(
        "res.partner",
        string="Funder",
        required=True,
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    budget_total = fields.Monetary(string="Total Budget", tracking=True)
    application_deadline = fields.Date()
    cofinancing_rate = fields.Float(
        string="Co-financing Rate (%)",
        default=100.0,
        help="Share of the eligible costs the funder pays (the ESF+ pays 50 to 85 %).",
    )
    eligible_expense_notes = fields.Html(string="Eligible Expenses")
    subsidy_ids = fields.One2many("migrant.subsidy", "call_id", string="Subsidies")
    amount_committed = fields.Monetary(
        compute="_compute_amount_committed", help="Awarded by the subsidies of this call."
    )
    amount_available = fields.Monetary(
        compute="_compute_amount_committed", help="Budget not yet awarded."
    )
    active = fields.Boolean(default=True)

    @api.depends("budget_total", "subsidy_ids.amount_awarded", "subsidy_ids.state")
    def _compute_amount_committed(self):
        committed = dict(
            self.env["migrant.subsidy"]._read_group(
                [("call_id", "in", self.ids), ("state", "in", COMMITTED_STATES)],
                ["call_id"],
                ["amount_awarded:sum"],
            )
        )
        for call in self:
            call.amount_committed = committed.get(call, 0.0)
            call.amount_available = call.budget_total - call.amount_committed

    @api.constrains("cofinancing_rate", "budget_total")
    def _check_amounts(self):
        for call in self:
            if not 0 <= call.cofinancing_rate <= 100:
                raise ValidationError(
                    self.env._("The co-financing rate is a percentage between 0 and 100.")
                )
            if call.budget_total < 0:
                raise ValidationError(self.env._("The budget of a call cannot be negative."))

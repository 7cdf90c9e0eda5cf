from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare

from .migrant_subsidy_call import COMMITTED_STATES

FINANCE_GROUP = "migrant_integration.group_migrant_finance"
#: account types of the costs a received subsidy finances
COST_ACCOUNT_TYPES = ("expense", "expense_depreciation", "expense_direct_cost")
STATES = [
    ("draft", "Draft"),
    ("applied", "Applied"),
    ("awarded", "Awarded"),
    ("in_execution", "In Execution"),
    ("justified", "Justified"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
AMOUNT_FIELDS = (
    "amount_executed",
    "amount_paid",
    "amount_due_share",
    "amount_to_justify",
    "execution_rate",
    "amount_to_reimburse",
)


class MigrantSubsidy(models.Model):
    """A subsidy the organisation grants to a social entity (granted) or receives
    from a funder (received), followed on Odoo accounting.

    On award it gets an analytic account in the "Subsidies" plan: bills, invoices
    and costs carry it through their analytic distribution, so nothing is keyed
    twice. The amounts are computed for a whole list at once (a few grouped
    queries, never one per subsidy).
    """

    _name = "migrant.subsidy"
    _inherit = ["mail.thread", "mail.activity.mixin", "migrant.input.mixin"]
    _description = "Subsidy"
    _order = "date_start desc, id desc"

    name = fields.Char(string="Project", required=True, tracking=True)
    reference = fields.Char(readonly=True, copy=False, default="New")
    direction = fields.Selection(
        [("granted", "Granted by us"), ("received", "Received by us")],
        required=True,
        default="received",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Counterparty",
        required=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        help="The funder of a received subsidy; the entity (NGO, NGDO...) of a granted one.",
    )
    call_id = fields.Many2one("migrant.subsidy.call", string="Call", tracking=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_requested = fields.Monetary(tracking=True)
    amount_awarded = fields.Monetary(tracking=True)
    cofinancing_rate = fields.Float(
        string="Co-financing Rate (%)",
        compute="_compute_cofinancing_rate",
        store=True,
        readonly=False,
        tracking=True,
        help="Share of the eligible costs the funder pays; the rest is the "
        "organisation's own share.",
    )
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, index=True)
    date_start = fields.Date(string="Execution Start", tracking=True)
    date_end = fields.Date(string="Execution End", tracking=True)
    justification_deadline = fields.Date(tracking=True)
    analytic_account_id = fields.Many2one(
        "account.analytic.account", readonly=True, copy=False, index=True
    )
    installment_ids = fields.One2many("migrant.subsidy.installment", "subsidy_id")
    expense_ids = fields.One2many("migrant.subsidy.expense", "subsidy_id", string="Expenses")
    expense_count = fields.Integer(compute="_compute_counts")
    move_count = fields.Integer(compute="_compute_counts")
    notes = fields.Html()

    amount_executed = fields.Monetary(
        compute="_compute_amounts",
        search="_search_amount_executed",
        help="Received: the posted costs carrying the subsidy's analytic account within "
        "the execution period. Granted: the accepted amounts of the expenses presented.",
    )
    amount_paid = fields.Monetary(
        compute="_compute_amounts",
        help="Paid (granted) or collected (received) on the installments' bills and invoices.",
    )
    amount_due_share = fields.Monetary(
        string="Funder's Share Due",
        compute="_compute_amounts",
        help="The funder's share of what was executed: the executed amount times the "
        "co-financing rate, at most the awarded amount.",
    )
    amount_to_justify = fields.Monetary(
        compute="_compute_amounts",
        search="_search_amount_to_justify",
        help="Costs still to justify for the whole award to be due: the awarded amount "
        "divided by the co-financing rate, less what was executed.",
    )
    execution_rate = fields.Float(
        string="Execution (%)",
        compute="_compute_amounts",
        search="_search_execution_rate",
        help="Executed against the budget the award finances (awarded divided by the "
        "co-financing rate).",
    )
    amount_to_reimburse = fields.Monetary(
        compute="_compute_amounts",
        search="_search_amount_to_reimburse",
        help="Once the execution period is over: what was paid beyond the funder's share due.",
    )

    _sql_constraints = [
        ("reference_uniq", "unique(company_id, reference)", "This reference already exists."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("call_id")
    def _compute_cofinancing_rate(self):
        for subsidy in self:
            if subsidy.call_id:
                subsidy.cofinancing_rate = subsidy.call_id.cofinancing_rate
            elif not subsidy.cofinancing_rate:
                subsidy.cofinancing_rate = 100.0

    def _compute_counts(self):
        expenses = dict(
            self.env["migrant.subsidy.expense"]._read_group(
                [("subsidy_id", "in", self.ids)], ["subsidy_id"], ["__count"]
            )
        )
        moves = dict(
            self.env["migrant.subsidy.installment"]._read_group(
                [("subsidy_id", "in", self.ids), ("move_id", "!=", False)],
                ["subsidy_id"],
                ["__count"],
            )
        )
        for subsidy in self:
            subsidy.expense_count = expenses.get(subsidy, 0)
            subsidy.move_count = moves.get(subsidy, 0)

    def _migrant_executed(self):
        """``{subsidy id: executed}`` for these subsidies, in two grouped queries."""
        executed = defaultdict(float)
        received = self.filtered(lambda s: s.direction == "received" and s.analytic_account_id)
        by_column = defaultdict(lambda: self.browse())
        for subsidy in received:
            by_column[subsidy.analytic_account_id.plan_id._column_name()] |= subsidy
        for column, subsidies in by_column.items():
            self.env["account.analytic.line"].flush_model()
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT subsidy.id, -SUM(line.amount)
                      FROM migrant_subsidy subsidy
                      JOIN account_analytic_line line
                        ON line.%(column)s = subsidy.analytic_account_id
                       AND (subsidy.date_start IS NULL OR line.date >= subsidy.date_start)
                       AND (subsidy.date_end IS NULL OR line.date <= subsidy.date_end)
                      JOIN account_account account ON account.id = line.general_account_id
                     WHERE subsidy.id = ANY(%(ids)s)
                       AND account.account_type = ANY(%(types)s)
                  GROUP BY subsidy.id
                    """,
                    column=SQL.identifier(column),
                    ids=subsidies.ids,
                    types=list(COST_ACCOUNT_TYPES),
                )
            )
            executed.update(dict(rows))
        granted = self.filtered(lambda s: s.direction == "granted")
        if granted:
            for subsidy, accepted in self.env["migrant.subsidy.expense"]._read_group(
                [("subsidy_id", "in", granted.ids)], ["subsidy_id"], ["amount_accepted:sum"]
            ):
                executed[subsidy.id] = accepted
        return executed

    def _migrant_paid(self):
        """``{subsidy id: paid}``: what the installments' posted moves had paid."""
        paid = defaultdict(float)
        # coordinators read the subsidies without rights on accounting: what was paid
        # is read from the moves of the subsidies already readable
        Installment = self.env["migrant.subsidy.installment"].sudo()
        for installment in Installment.search(
            [("subsidy_id", "in", self.ids), ("move_id.state", "=", "posted")]
        ):
            move = installment.move_id
            if move.payment_state != "reversed":
                paid[installment.subsidy_id.id] += move.amount_total - move.amount_residual
        return paid

    def _compute_amounts(self):
        executed = self._migrant_executed()
        paid = self._migrant_paid()
        today = fields.Date.context_today(self)
        for subsidy in self:
            rate = (subsidy.cofinancing_rate or 100.0) / 100.0
            subsidy.amount_executed = executed.get(subsidy.id, 0.0)
            subsidy.amount_paid = paid.get(subsidy.id, 0.0)
            subsidy.amount_due_share = min(subsidy.amount_awarded, subsidy.amount_executed * rate)
            budget = subsidy.amount_awarded / rate if rate else 0.0
            subsidy.amount_to_justify = max(0.0, budget - subsidy.amount_executed)
            subsidy.execution_rate = 100.0 * subsidy.amount_executed / budget if budget else 0.0
            over = subsidy.date_end and subsidy.date_end < today
            subsidy.amount_to_reimburse = (
                max(0.0, subsidy.amount_paid - subsidy.amount_due_share) if over else 0.0
            )

    def _migrant_search_amount(self, fname, operator, value):
        """Search on a computed amount: computed for the subsidies in execution or
        justified the user sees, in one batch."""
        operators = {
            ">": lambda a, b: a > b,
            ">=": lambda a, b: a >= b,
            "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b,
            "=": lambda a, b: a == b,
            "!=": lambda a, b: a != b,
        }
        if operator not in operators:
            raise UserError(self.env._("This filter on amounts is not supported."))
        candidates = self.search([("state", "in", ("in_execution", "justified", "closed"))])
        return [
            ("id", "in", candidates.filtered(lambda s: operators[operator](s[fname], value)).ids)
        ]

    def _search_amount_executed(self, operator, value):
        return self._migrant_search_amount("amount_executed", operator, value)

    def _search_amount_to_justify(self, operator, value):
        return self._migrant_search_amount("amount_to_justify", operator, value)

    def _search_execution_rate(self, operator, value):
        return self._migrant_search_amount("execution_rate", operator, value)

    def _search_amount_to_reimburse(self, operator, value):
        return self._migrant_search_amount("amount_to_reimburse", operator, value)

    # ---------------------------------------------------------------- checks
    @api.constrains("cofinancing_rate", "amount_requested", "amount_awarded")
    def _check_amounts(self):
        for subsidy in self:
            if not 0 < subsidy.cofinancing_rate <= 100:
                raise ValidationError(
                    self.env._("The co-financing rate is a percentage above 0 and up to 100.")
                )
            if subsidy.amount_requested < 0 or subsidy.amount_awarded < 0:
                raise ValidationError(self.env._("Amounts of a subsidy cannot be negative."))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for subsidy in self:
            if subsidy.date_start and subsidy.date_end and subsidy.date_end < subsidy.date_start:
                raise ValidationError(
                    self.env._(
                        "The execution of %(subsidy)s cannot end before it starts.",
                        subsidy=subsidy.name,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner(self):
        for subsidy in self:
            if not subsidy.partner_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a person: a subsidy is granted to or received from "
                        "an organisation.",
                        partner=subsidy.partner_id.display_name,
                    )
                )

    @api.constrains("amount_awarded", "call_id", "state")
    def _check_call_budget(self):
        for subsidy in self.filtered(lambda s: s.call_id and s.state in COMMITTED_STATES):
            call = subsidy.call_id
            if (
                call.budget_total
                and float_compare(
                    call.amount_committed,
                    call.budget_total,
                    precision_rounding=call.currency_id.rounding,
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The call %(call)s has %(left)s left: %(amount)s cannot be awarded.",
                        call=call.name,
                        left=call.currency_id.format(
                            call.budget_total - call.amount_committed + subsidy.amount_awarded
                        ),
                        amount=call.currency_id.format(subsidy.amount_awarded),
                    )
                )

    # ----------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._migrant_check_protected(vals)
            if vals.get("reference", "New") == "New":
                vals["reference"] = self.env["ir.sequence"].sudo().next_by_code("migrant.subsidy")
        return super().create(vals_list)

    def write(self, vals):
        self._migrant_check_protected(vals, creating=False)
        return super().write(vals)

    def _migrant_check_protected(self, vals, creating=True):
        """The state and the analytic account change only through the actions (a new
        subsidy may only say it is a draft)."""
        if self.env.context.get("migrant_subsidy_action") or self.env.su:
            return
        state_given = vals.get("state", "draft") != "draft" if creating else "state" in vals
        if state_given or "analytic_account_id" in vals:
            raise UserError(
                self.env._("The state of a subsidy changes with its buttons (apply, award...).")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_moves(self):
        for subsidy in self:
            if subsidy.installment_ids.move_id.filtered(lambda m: m.state == "posted"):
                raise UserError(
                    self.env._(
                        "%(subsidy)s has posted bills or invoices: cancel it instead of "
                        "deleting it.",
                        subsidy=subsidy.name,
                    )
                )

    # --------------------------------------------------------------- actions
    def _migrant_move_to(self, allowed, state, action):
        for subsidy in self:
            if subsidy.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(subsidy)s is %(state)s: it cannot be %(action)s.",
                        subsidy=subsidy.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            subsidy.state
                        ],
                        action=action,
                    )
                )
        self.with_context(migrant_subsidy_action=True).write({"state": state})

    def action_apply(self):
        self._migrant_move_to(("draft",), "applied", self.env._("applied for"))

    def action_award(self):
        for subsidy in self:
            if subsidy.amount_awarded <= 0:
                raise UserError(
                    self.env._(
                        "Give the awarded amount of %(subsidy)s first.", subsidy=subsidy.name
                    )
                )
        self._migrant_move_to(("draft", "applied"), "awarded", self.env._("awarded"))
        plan = self.env.ref("migrant_integration.analytic_plan_subsidies")
        for subsidy in self.filtered(lambda s: not s.analytic_account_id):
            account = (
                self.env["account.analytic.account"]
                .sudo()
                .create(
                    {
                        "name": f"{subsidy.reference} {subsidy.name}",
                        "code": subsidy.reference,
                        "plan_id": plan.id,
                        "partner_id": subsidy.partner_id.id,
                        "company_id": subsidy.company_id.id,
                    }
                )
            )
            subsidy.with_context(migrant_subsidy_action=True).analytic_account_id = account

    def action_start(self):
        self._migrant_move_to(("awarded",), "in_execution", self.env._("started"))
        self._migrant_plan_reminder()

    def action_justify(self):
        self._migrant_move_to(("in_execution",), "justified", self.env._("marked as justified"))

    def action_close(self):
        self._migrant_move_to(("justified",), "closed", self.env._("closed"))

    def action_reject(self):
        self._migrant_move_to(("draft", "applied"), "rejected", self.env._("rejected"))

    def action_cancel(self):
        self._migrant_move_to(
            ("draft", "applied", "awarded", "in_execution", "justified"),
            "cancelled",
            self.env._("cancelled"),
        )

    def action_draft(self):
        self._migrant_move_to(("rejected", "cancelled"), "draft", self.env._("reset to draft"))

    def _migrant_plan_reminder(self):
        """One to-do for the responsible, two weeks before the justification deadline
        (planned once: a second call finds it)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        summary = self.env._("Justify the subsidy")
        for subsidy in self.filtered("justification_deadline"):
            if subsidy.activity_ids.filtered(
                lambda a, t=activity_type, s=summary: a.activity_type_id == t and a.summary == s
            ):
                continue
            subsidy.activity_schedule(
                activity_type_id=activity_type.id,
                summary=summary,
                date_deadline=max(
                    fields.Date.context_today(self),
                    fields.Date.subtract(subsidy.justification_deadline, days=14),
                ),
                user_id=(subsidy.user_id or self.env.user).id,
            )

    def action_view_analytic_lines(self):
        self.ensure_one()
        column = self.analytic_account_id.plan_id._column_name()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Costs and Income"),
            "res_model": "account.analytic.line",
            "view_mode": "list,pivot,form",
            "domain": [(column, "=", self.analytic_account_id.id)],
        }

    def action_view_moves(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Bills and Invoices"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.installment_ids.move_id.ids)],
        }

    def action_view_expenses(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Expenses Presented"),
            "res_model": "migrant.subsidy.expense",
            "view_mode": "list,pivot",
            "domain": [("subsidy_id", "=", self.id)],
            "context": {"default_subsidy_id": self.id},
        }

    def action_justification_workbook(self):
        self.ensure_one()
        return self.env["migrant.subsidy.workbook"].create({"subsidy_id": self.id}).action_export()

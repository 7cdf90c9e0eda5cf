from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare


class MigrantSubsidyInstallment(models.Model):
    """A payment of a subsidy: a vendor bill to the entity (granted) or a customer
    invoice to the funder (received), created in draft for finance to check and post,
    with the subsidy's analytic distribution."""

    _name = "migrant.subsidy.installment"
    _inherit = ["migrant.input.mixin"]
    _description = "Subsidy Installment"
    _order = "subsidy_id, due_date, id"

    subsidy_id = fields.Many2one("migrant.subsidy", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="subsidy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="subsidy_id.currency_id")
    due_date = fields.Date(required=True)
    amount = fields.Monetary(required=True)
    move_id = fields.Many2one("account.move", string="Bill or Invoice", readonly=True, copy=False)
    move_state = fields.Selection(related="move_id.state", string="Entry State")
    payment_state = fields.Selection(related="move_id.payment_state")

    @api.constrains("amount", "subsidy_id")
    def _check_amount(self):
        for subsidy in self.subsidy_id:
            installments = subsidy.installment_ids
            if any(i.amount <= 0 for i in installments):
                raise ValidationError(self.env._("An installment is a positive amount."))
            if (
                float_compare(
                    sum(installments.mapped("amount")),
                    subsidy.amount_awarded,
                    precision_rounding=subsidy.currency_id.rounding,
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The installments of %(subsidy)s add up to more than the %(awarded)s "
                        "awarded.",
                        subsidy=subsidy.name,
                        awarded=subsidy.currency_id.format(subsidy.amount_awarded),
                    )
                )

    def write(self, vals):
        if "move_id" in vals and not self.env.context.get("migrant_subsidy_action"):
            raise UserError(
                self.env._("The bill or invoice of an installment is created by its button.")
            )
        if {"amount", "due_date"} & set(vals) and self.filtered("move_id"):
            raise UserError(
                self.env._("This installment already has its bill or invoice: change that instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_move(self):
        if self.filtered("move_id"):
            raise UserError(
                self.env._("An installment with its bill or invoice cannot be deleted.")
            )

    def action_create_move(self):
        """The draft vendor bill (granted) or customer invoice (received) of each
        installment, once."""
        for installment in self:
            subsidy = installment.subsidy_id
            if installment.move_id:
                raise UserError(
                    self.env._(
                        "The installment of %(date)s already has its bill or invoice.",
                        date=installment.due_date,
                    )
                )
            if not subsidy.analytic_account_id:
                raise UserError(
                    self.env._(
                        "Award %(subsidy)s before creating its payments.", subsidy=subsidy.name
                    )
                )
            granted = subsidy.direction == "granted"
            move_type = "in_invoice" if granted else "out_invoice"
            journal = self.env["account.journal"].search(
                [
                    ("type", "=", "purchase" if granted else "sale"),
                    *self.env["account.journal"]._check_company_domain(subsidy.company_id),
                ],
                limit=1,
            )
            if not journal.default_account_id:
                raise UserError(
                    self.env._(
                        "Set up a purchase and a sales journal with a default account first."
                    )
                )
            move = self.env["account.move"].create(
                {
                    "move_type": move_type,
                    "partner_id": subsidy.partner_id.id,
                    "journal_id": journal.id,
                    "company_id": subsidy.company_id.id,
                    "invoice_date_due": installment.due_date,
                    "ref": subsidy.reference,
                    "invoice_origin": subsidy.reference,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "name": self.env._(
                                    "%(subsidy)s, installment due %(date)s",
                                    subsidy=subsidy.name,
                                    date=installment.due_date,
                                ),
                                "quantity": 1,
                                "price_unit": installment.amount,
                                "account_id": journal.default_account_id.id,
                                "tax_ids": [fields.Command.clear()],
                                "analytic_distribution": {str(subsidy.analytic_account_id.id): 100},
                            }
                        )
                    ],
                }
            )
            installment.with_context(migrant_subsidy_action=True).move_id = move
            subsidy.message_post(
                body=self.env._(
                    "%(move)s created for the installment due %(date)s.",
                    move=move.display_name,
                    date=installment.due_date,
                )
            )
        return True

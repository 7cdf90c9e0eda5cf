from odoo import api, fields, models
from odoo.exceptions import UserError


class ResPartnerAnonymize(models.TransientModel):
    _name = "res.partner.anonymize"
    _description = "Anonymise People"

    partner_ids = fields.Many2many(
        "res.partner", string="People", required=True, domain="[('is_beneficiary', '=', True)]"
    )
    partner_count = fields.Integer(compute="_compute_partner_count")
    confirm = fields.Boolean(
        string="I understand that this cannot be undone",
        help="Names, documents, contact data, notes, messages, attachments and consents "
        "are removed for good; only the anonymous figures remain.",
    )

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    def action_anonymize(self):
        self.ensure_one()
        if not self.confirm:
            raise UserError(
                self.env._("Tick the box to confirm: the anonymisation cannot be undone.")
            )
        self.partner_ids._migrant_anonymize()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s person(s) anonymised.", count=len(self.partner_ids)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

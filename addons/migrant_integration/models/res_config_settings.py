from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    migrant_permit_renewal_days = fields.Integer(
        related="company_id.migrant_permit_renewal_days", readonly=False
    )
    migrant_permit_reminder_days = fields.Integer(
        related="company_id.migrant_permit_reminder_days", readonly=False
    )
    migrant_anonymize_after_years = fields.Integer(
        related="company_id.migrant_anonymize_after_years", readonly=False
    )

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    migrant_permit_renewal_days = fields.Integer(
        string="Plan Permit Renewals (Days Before Expiry)", default=60
    )
    migrant_permit_reminder_days = fields.Integer(
        string="Remind Requirement Deadlines (Days Before)", default=5
    )
    migrant_anonymize_after_years = fields.Integer(
        string="Anonymise People (Years After Their Last Case Closed)",
        default=0,
        help="0 disables the automatic anonymisation.",
    )
    migrant_access_log_retention_years = fields.Integer(
        string="Keep the Access Log of Case Files (Years)",
        default=2,
        help="Rows older than this are deleted by a daily scheduled action; 0 keeps them.",
    )

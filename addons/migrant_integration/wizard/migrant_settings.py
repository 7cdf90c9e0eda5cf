from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

MANAGER_GROUP = "migrant_integration.group_migrant_manager"
#: the company settings of the program, with their allowed range
SETTINGS = {
    "migrant_permit_renewal_days": (0, 365),
    "migrant_permit_reminder_days": (0, 60),
    "migrant_anonymize_after_years": (0, 50),
    "migrant_access_log_retention_years": (0, 50),
}


class MigrantSettings(models.TransientModel):
    """The settings of the program, for coordinators (Odoo's own settings screen is
    for administrators only). They are kept on the company."""

    _name = "migrant.settings"
    _description = "Migrant Integration Settings"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    migrant_permit_renewal_days = fields.Integer(
        string="Plan Permit Renewals (Days Before Expiry)",
        help="Days before a permit expires when its renewal is planned for the responsible user.",
    )
    migrant_permit_reminder_days = fields.Integer(
        string="Remind Requirement Deadlines (Days Before)",
        help="Days before the deadline of a request for documents when a reminder is planned.",
    )
    migrant_anonymize_after_years = fields.Integer(
        string="Anonymise People (Years After Their Last Case Closed)",
        help="People without an open case are anonymised this many years after their last "
        "case closed; 0 never.",
    )
    migrant_access_log_retention_years = fields.Integer(
        string="Keep the Access Log of Case Files (Years)",
        help="Rows older than this are deleted by a daily scheduled action; 0 keeps them.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env.company.sudo()
        for fname in SETTINGS:
            if fname in fields_list:
                values[fname] = company[fname]
        return values

    @api.constrains(*SETTINGS)
    def _check_ranges(self):
        for settings in self:
            for fname, (low, high) in SETTINGS.items():
                if not low <= settings[fname] <= high:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s must be between %(low)s and %(high)s.",
                            setting=self._fields[fname]._description_string(self.env),
                            low=low,
                            high=high,
                        )
                    )

    def action_save(self):
        self.ensure_one()
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only coordinators change the program's settings."))
        self.company_id.sudo().write({fname: self[fname] for fname in SETTINGS})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Settings saved."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

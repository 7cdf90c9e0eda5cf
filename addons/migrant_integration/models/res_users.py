from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    migrant_office_ids = fields.Many2many(
        "migrant.office",
        "migrant_office_res_users_rel",
        "user_id",
        "office_id",
        string="Migrant Offices",
        help="The offices this user works in: they see the case files of these offices.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any(vals.get("migrant_office_ids") for vals in vals_list):
            self.env.registry.clear_cache()  # the record rules read the user's offices
        return users

    def write(self, vals):
        result = super().write(vals)
        if "migrant_office_ids" in vals:
            self.env.registry.clear_cache()  # the record rules read the user's offices
        return result

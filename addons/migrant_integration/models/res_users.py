from odoo import fields, models


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

from odoo import fields, models


class MigrantLanguage(models.Model):
    _name = "migrant.language"
    _description = "Spoken Language"
    _order = "name"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="ISO 639-1, -2 or -3 code of the language.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another language already has this ISO 639 code."),
    ]

from odoo import fields, models


class MigrantArea(models.Model):
    _name = "migrant.area"
    _description = "Area of Attention"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable code used by reports and imports.")
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another area already has this code."),
    ]

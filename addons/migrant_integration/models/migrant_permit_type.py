from odoo import fields, models


class MigrantPermitType(models.Model):
    _name = "migrant.permit.type"
    _description = "Legal Procedure Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    authorises_work = fields.Boolean(
        help="Default for new procedures: the permit, once granted, allows to work."
    )
    has_validity = fields.Boolean(
        string="Granted With an Expiry Date",
        default=True,
        help="Untick for procedures that do not expire once granted (e.g. nationality).",
    )
    validity_months = fields.Integer(
        help="Usual validity of the permit once granted, to suggest the expiry date."
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another procedure type already has this code."),
    ]

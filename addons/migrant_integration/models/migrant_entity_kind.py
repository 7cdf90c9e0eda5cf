from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MigrantEntityKind(models.Model):
    _name = "migrant.entity.kind"
    _description = "Kind of Entity"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="The entity kind of contacts with this code.")
    sequence = fields.Integer(default=10)

    _sql_constraints = [("code_uniq", "unique(code)", "This kind of entity already exists.")]

    @api.constrains("code")
    def _check_code(self):
        kinds = dict(
            self.env["res.partner"]._fields["entity_kind"]._description_selection(self.env)
        )
        for kind in self:
            if kind.code not in kinds:
                raise ValidationError(
                    self.env._(
                        "'%(code)s' is not a kind of entity of the contacts. Use one of: "
                        "%(codes)s.",
                        code=kind.code,
                        codes=", ".join(kinds),
                    )
                )

from odoo import fields, models

from .rural_job_offer import SECTORS


class RuralSector(models.Model):
    _name = "rural.sector"
    _description = "Sector of Work"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(SECTORS, required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [("code_uniq", "unique(code)", "Each sector is listed once.")]

from odoo import fields, models


class MigrantCaseStage(models.Model):
    _name = "migrant.case.stage"
    _description = "Case Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_closed = fields.Boolean(
        string="Closing Stage", help="Cases in this stage are closed: they get a close date."
    )
    fold = fields.Boolean(string="Folded in Kanban")

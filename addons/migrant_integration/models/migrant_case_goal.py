from odoo import fields, models


class MigrantCaseGoal(models.Model):
    _name = "migrant.case.goal"
    _description = "Case Plan Goal"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one(
        "migrant.case", string="Case File", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    area_id = fields.Many2one("migrant.area", string="Area")
    description = fields.Char(required=True)
    target_date = fields.Date()
    status = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In progress"),
            ("achieved", "Achieved"),
            ("dropped", "Dropped"),
        ],
        default="planned",
        required=True,
    )
    office_id = fields.Many2one(related="case_id.office_id", store=True, index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)

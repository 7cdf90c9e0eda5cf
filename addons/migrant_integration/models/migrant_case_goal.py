from odoo import fields, models


class MigrantCaseGoal(models.Model):
    _name = "migrant.case.goal"
    _description = "Case Plan Goal"
    _inherit = ["migrant.office.scoped", "migrant.personal.data"]
    _order = "case_id, sequence, id"
    _rec_name = "description"

    _migrant_partner_fields = ("case_id.partner_id",)
    _migrant_personal_fields = ("description",)
    _migrant_sheet_sequence = 25
    _migrant_sheet_fields = (
        "case_id",
        "area_id",
        "description",
        "target_date",
        "status",
    )

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

    def _migrant_anonymize_records(self, partner):
        # the plan keeps its areas, dates and statuses for the statistics
        for goal in self:
            goal.description = self.env._("Goal %(number)s", number=goal.id)

    def _migrant_sheet_title(self):
        return self.env._("Plan")

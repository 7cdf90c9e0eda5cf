from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATINGS = ("rating_information", "rating_training", "rating_support", "rating_overall")


class RuralFeedback(models.Model):
    _name = "rural.feedback"
    _description = "Family Feedback"
    _inherit = ["migrant.office.scoped", "migrant.personal.data"]
    _order = "date desc, id desc"

    _migrant_office_field = "office_id"
    _migrant_office_paths = ("office_id",)
    _migrant_partner_fields = ("partner_id",)
    _migrant_personal_fields = ("comments",)
    _migrant_sheet_fields = ("project_id", "date", *RATINGS)
    _migrant_sheet_sequence = 91

    project_id = fields.Many2one(
        "project.project",
        string="Itinerary",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_itinerary", "=", True)],
    )
    office_id = fields.Many2one(related="project_id.office_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Given By", index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    rating_information = fields.Integer(string="Information (1-5)")
    rating_training = fields.Integer(string="Training (1-5)")
    rating_support = fields.Integer(string="Support (1-5)")
    rating_overall = fields.Integer(string="The Move as a Whole (1-5)")
    comments = fields.Text()

    @api.constrains(*RATINGS)
    def _check_ratings(self):
        for feedback in self:
            for fname in RATINGS:
                value = feedback[fname]
                if value and not 1 <= value <= 5:
                    raise ValidationError(
                        self.env._(
                            "%(rating)s goes from 1 to 5, not %(value)s.",
                            rating=self._fields[fname]._description_string(self.env),
                            value=value,
                        )
                    )

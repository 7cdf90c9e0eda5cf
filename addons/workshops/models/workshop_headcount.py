from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.migrant_integration.tools import age


class WorkshopHeadcount(models.Model):
    """People who came to an open awareness event without registering, counted by
    gender and age band: the reach of the event with the same breakdowns as the
    services, and nobody named."""

    _name = "workshop.headcount"
    _inherit = ["migrant.office.scoped"]
    _description = "Head Count"
    _order = "event_id, gender, age_band"

    event_id = fields.Many2one("event.event", required=True, index=True, ondelete="cascade")
    office_id = fields.Many2one(related="event_id.office_id", store=True, index=True)
    gender = fields.Selection(
        [
            ("female", "Female"),
            ("male", "Male"),
            ("non_binary", "Non-binary"),
            ("undisclosed", "Not stated"),
        ],
        required=True,
    )
    age_band = fields.Selection(age.SELECTION, required=True, default=age.UNKNOWN)
    count = fields.Integer(required=True, default=1)

    _sql_constraints = [
        (
            "event_gender_band_uniq",
            "unique(event_id, gender, age_band)",
            "One line per gender and age band.",
        ),
    ]

    @api.constrains("count")
    def _check_count(self):
        if any(line.count < 0 for line in self):
            raise ValidationError(self.env._("A head count cannot be negative."))

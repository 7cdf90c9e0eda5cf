from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    session_ids = fields.One2many("workshop.session", "event_id", string="Sessions")
    session_count = fields.Integer(compute="_compute_session_count")

    def _compute_session_count(self):
        counts = dict(
            self.env["workshop.session"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.session_count = counts.get(event, 0)

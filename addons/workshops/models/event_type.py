from odoo import fields, models


class EventType(models.Model):
    """A template of the program's usual workshops: its kind and area go to the
    events made from it."""

    _inherit = "event.type"

    activity_kind = fields.Selection(
        [
            ("course", "Language course"),
            ("workshop", "Workshop"),
            ("awareness", "Awareness event"),
        ],
        string="Kind of Activity",
    )
    area_id = fields.Many2one("migrant.area", string="Area")
    duration_hours = fields.Float(string="Usual Duration (hours)", default=2.0)

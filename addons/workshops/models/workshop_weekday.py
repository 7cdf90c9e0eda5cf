from odoo import fields, models


class WorkshopWeekday(models.Model):
    """The days of the week, to choose those of a course's sessions."""

    _name = "workshop.weekday"
    _description = "Weekday"
    _order = "code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)

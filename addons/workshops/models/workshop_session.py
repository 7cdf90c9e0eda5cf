from odoo import api, fields, models
from odoo.exceptions import ValidationError


class WorkshopSession(models.Model):
    _name = "workshop.session"
    _description = "Workshop Session"
    _order = "date_begin, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    event_id = fields.Many2one(
        "event.event",
        string="Event",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    date_begin = fields.Datetime(string="Start", required=True)
    date_end = fields.Datetime(string="End", required=True)
    facilitator_id = fields.Many2one(
        "res.partner",
        string="Facilitator",
        help="Teacher, technician or external trainer leading this session.",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
    )
    note = fields.Text()

    @api.depends("event_id.name", "date_begin")
    def _compute_name(self):
        for session in self:
            if session.event_id and session.date_begin:
                day = fields.Date.to_string(session.date_begin.date())
                session.name = f"{session.event_id.name} - {day}"
            else:
                session.name = session.event_id.name or False

    @api.constrains("date_begin", "date_end")
    def _check_dates(self):
        for session in self:
            if session.date_end <= session.date_begin:
                raise ValidationError(
                    self.env._(
                        "The session '%(name)s' must end after it starts.",
                        name=session.display_name,
                    )
                )

    def action_mark_held(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

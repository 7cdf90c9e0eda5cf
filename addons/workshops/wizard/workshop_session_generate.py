import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError


class WorkshopSessionGenerate(models.TransientModel):
    """Plan the sessions of a course: weekly on the chosen weekdays (Sundays too),
    from a first day and hour, for a number of sessions, skipping the public
    holidays of the office's calendar; each session gets the attendance lines of the
    people registered."""

    _name = "workshop.session.generate"
    _description = "Plan Sessions"

    event_id = fields.Many2one("event.event", required=True, ondelete="cascade")
    date_start = fields.Date(string="First Day", required=True, default=fields.Date.context_today)
    hour = fields.Float(string="Starts At", default=17.0, help="Local time, e.g. 17:30.")
    duration = fields.Float(
        string="Duration (hours)",
        compute="_compute_duration",
        store=True,
        readonly=False,
        help="The usual duration of the event's template, else two hours.",
    )
    count = fields.Integer(string="Sessions", default=10)
    weekday_ids = fields.Many2many(
        "workshop.weekday", string="Weekdays", default=lambda self: self._default_weekdays()
    )

    @api.depends("event_id")
    def _compute_duration(self):
        for wizard in self:
            wizard.duration = wizard.event_id.event_type_id.duration_hours or 2.0

    @api.model
    def _default_weekdays(self):
        return self.env["workshop.weekday"].search([("code", "in", ("0", "2"))])

    def _workshop_days(self):
        """The days of the sessions and the holidays skipped."""
        self.ensure_one()
        if self.count <= 0 or self.count > 500:
            raise UserError(self.env._("Plan between 1 and 500 sessions."))
        if self.duration <= 0 or self.duration > 24:
            raise UserError(self.env._("A session lasts between a few minutes and 24 hours."))
        if not 0 <= self.hour < 24:
            raise UserError(self.env._("Give the starting hour between 00:00 and 23:59."))
        weekdays = {int(code) for code in self.weekday_ids.mapped("code")}
        if not weekdays:
            raise UserError(self.env._("Choose at least one weekday."))
        calendar = (
            self.event_id.office_id.resource_calendar_id or self.env.company.resource_calendar_id
        )
        horizon = self.date_start + datetime.timedelta(days=7 * self.count * 2 + 31)
        holidays = calendar._migrant_holidays(self.date_start, horizon)
        days, skipped, day = [], [], self.date_start
        while len(days) < self.count:
            if day.weekday() in weekdays:
                (skipped if day in holidays else days).append(day)
            day += datetime.timedelta(days=1)
        return days, skipped

    def action_generate(self):
        self.ensure_one()
        event = self.event_id
        event.check_access("write")
        days, skipped = self._workshop_days()
        tz = pytz.timezone(event.date_tz or self.env.user.tz or "Europe/Madrid")
        hours, minutes = int(self.hour), round((self.hour % 1) * 60)
        values = []
        for day in days:
            local = tz.localize(datetime.datetime.combine(day, datetime.time(hours, minutes)))
            begin = local.astimezone(pytz.utc).replace(tzinfo=None)
            values.append(
                {
                    "event_id": event.id,
                    "date_begin": begin,
                    "date_end": begin + datetime.timedelta(hours=self.duration),
                }
            )
        sessions = self.env["workshop.session"].create(values)
        if skipped:
            event.message_post(
                body=self.env._(
                    "%(count)s sessions planned; public holidays skipped: %(days)s.",
                    count=len(sessions),
                    days=", ".join(fields.Date.to_string(d) for d in skipped),
                )
            )
        return {"type": "ir.actions.act_window_close"}

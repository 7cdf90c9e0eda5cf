from datetime import datetime, time, timedelta

import pytz

from odoo import models

from ..tools import business_days


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _migrant_holidays(self, date_from, date_to):
        """Public holidays of this calendar, and of all calendars, between two dates.

        A day is a holiday when a leave of the calendar (or one without calendar, like
        the national holidays) covers its noon in the calendar's time zone, so that a
        holiday typed in Madrid also counts in an office of the Canary Islands.
        """
        tz = pytz.timezone(self[:1].tz or "Europe/Madrid")
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [False, *self.ids]),
                    ("date_from", "<=", datetime.combine(date_to, time.max)),
                    ("date_to", ">=", datetime.combine(date_from - timedelta(days=1), time.min)),
                ]
            )
        )
        days = set()
        for leave in leaves:
            start = pytz.utc.localize(leave.date_from).astimezone(tz)
            stop = pytz.utc.localize(leave.date_to).astimezone(tz)
            day = start.date()
            while day <= stop.date():
                noon = tz.localize(datetime.combine(day, time(12)))
                if start <= noon <= stop:
                    days.add(day)
                day += timedelta(days=1)
        return days

    def _migrant_non_working_weekdays(self):
        """Weekdays without attendance in this calendar (Saturday and Sunday by default)."""
        if not self or not self.attendance_ids:
            return business_days.WEEKEND
        worked = {int(day) for day in self.attendance_ids.mapped("dayofweek")}
        return frozenset(set(range(7)) - worked) | business_days.WEEKEND

    def _migrant_add_business_days(self, start, days):
        """``days`` business days after ``start`` (the day of ``start`` not counted).

        Saturdays and Sundays never count, as in Spanish administrative law, nor the
        weekdays without attendance or the public holidays of this calendar.
        """
        first, last = business_days.holiday_window(start, days)
        holidays = self._migrant_holidays(first, last) if self else set()
        return business_days.add_business_days(
            start, days, holidays, self._migrant_non_working_weekdays()
        )

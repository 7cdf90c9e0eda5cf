from odoo import models

from odoo.addons.migrant_integration.tools import report_book

KINDS = ("course", "workshop", "awareness")


class MigrantAnnualReport(models.TransientModel):
    """The workshops sheet of the annual report: activities by kind, sessions,
    attendees and attendances, and the reach of open events with their head counts."""

    _inherit = "migrant.annual.report"

    def _migrant_report_sheets(self):
        return [*super()._migrant_report_sheets(), self._workshops_sheet()]

    def _workshops_figures(self):
        Stats = self.env["workshop.statistics"]
        domain = self._migrant_year_domain("date")
        kinds = dict(Stats._fields["activity_kind"]._description_selection(self.env))
        by_kind = {
            kind: (events, people, attendances)
            for kind, events, people, attendances in Stats._read_group(
                domain,
                ["activity_kind"],
                ["event_id:count_distinct", "partner_id:count_distinct", "attendances:sum"],
            )
        }
        sessions = {}
        for event, count in self.env["workshop.session"]._read_group(
            self._migrant_year_domain("date_begin") + [("state", "=", "done")],
            ["event_id"],
            ["__count"],
        ):
            sessions[event.activity_kind] = sessions.get(event.activity_kind, 0) + count
        rows = [
            [
                kinds[kind],
                *by_kind.get(kind, (0, 0, 0))[:1],
                sessions.get(kind, 0),
                *by_kind.get(kind, (0, 0, 0))[1:],
            ]
            for kind in KINDS
        ]
        genders = dict(Stats._fields["gender"]._description_selection(self.env))
        by_gender = [
            [genders.get(gender, self.env._("Not recorded")), people, attendances]
            for gender, people, attendances in Stats._read_group(
                domain, ["gender"], ["partner_id:count_distinct", "attendances:sum"]
            )
        ]
        bands = dict(Stats._fields["age_band"]._description_selection(self.env))
        reach = [
            [genders.get(gender, self.env._("Not recorded")), bands.get(band, band), count]
            for gender, band, count in Stats._read_group(
                [*domain, ("activity_kind", "=", "awareness")],
                ["gender", "age_band"],
                ["attendances:sum"],
            )
        ]
        return rows, by_gender, reach

    def _workshops_sheet(self):
        if not self.env["workshop.statistics"].has_access("read"):
            return None
        rows, by_gender, reach = self._workshops_figures()
        total = self.env._("Total")
        return report_book.Sheet(
            title=self.env._("Workshops"),
            heading=self.env._(
                "Courses, workshops and awareness events in %(year)s", year=self.year
            ),
            notes=[
                self.env._(
                    "People: registered people present at least once (counted once). "
                    "Attendances: presences at sessions and one-day events, plus the people "
                    "counted without registering at open events."
                )
            ],
            tables=[
                report_book.Table(
                    title=self.env._("Activities by kind"),
                    headers=[
                        self.env._("Kind"),
                        self.env._("Activities"),
                        self.env._("Sessions held"),
                        self.env._("People"),
                        self.env._("Attendances"),
                    ],
                    rows=rows,
                    total_label=total,
                ),
                report_book.Table(
                    title=self.env._("Attendance by gender"),
                    headers=[self.env._("Gender"), self.env._("People"), self.env._("Attendances")],
                    rows=by_gender,
                    chart="pie",
                    chart_columns=(2,),
                ),
                report_book.Table(
                    title=self.env._("Awareness reach, head counts included"),
                    headers=[
                        self.env._("Gender"),
                        self.env._("Age band"),
                        self.env._("People reached"),
                    ],
                    rows=reach,
                    total_label=total,
                ),
            ],
        )

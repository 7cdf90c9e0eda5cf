from odoo import models

from odoo.addons.migrant_integration.tools import report_book


class MigrantAnnualReport(models.TransientModel):
    """The rural itineraries sheet of the annual report: the program's SMART
    indicators, the families, people and minors relocated in the year, and the
    placements."""

    _inherit = "migrant.annual.report"

    def _migrant_report_sheets(self):
        return [*super()._migrant_report_sheets(), self._rural_sheet()]

    def _rural_figures(self):
        Stats = self.env["rural.statistics"]
        [(families, people, minors)] = Stats._read_group(
            self._migrant_year_domain("relocation_date"),
            [],
            ["families:sum", "people:sum", "minors:sum"],
        )
        phases = dict(Stats._fields["itinerary_phase"]._description_selection(self.env))
        by_phase = [
            [phases.get(phase, phase), count, persons]
            for phase, count, persons in Stats._read_group(
                self._migrant_year_domain("date_start"),
                ["itinerary_phase"],
                ["families:sum", "people:sum"],
            )
        ]
        placements = self.env["rural.placement"].search_count(
            [*self._migrant_year_domain("date_start"), ("state", "=", "hired")]
        )
        indicators = [
            [indicator.name, indicator.target, indicator.actual_value, indicator.progress / 100]
            for indicator in self.env["rural.indicator"].search([])
        ]
        return (families or 0, people or 0, minors or 0, placements), by_phase, indicators

    def _rural_sheet(self):
        if not self.env["rural.statistics"].has_access("read"):
            return None
        (families, people, minors, placements), by_phase, indicators = self._rural_figures()
        return report_book.Sheet(
            title=self.env._("Rural itineraries"),
            heading=self.env._("Rural itineraries in %(year)s", year=self.year),
            notes=[
                self.env._(
                    "Relocated: families whose relocation date falls in the year; minors are "
                    "under 18 at the start of their itinerary. The indicators are those of "
                    "the program, over their own periods."
                )
            ],
            tables=[
                report_book.Table(
                    title=self.env._("Relocated in the year"),
                    headers=[self.env._("Figure"), self.env._("Value")],
                    rows=[
                        [self.env._("Families"), families],
                        [self.env._("People"), people],
                        [self.env._("Minors"), minors],
                        [self.env._("Placements (hired)"), placements],
                    ],
                ),
                report_book.Table(
                    title=self.env._("Itineraries started in the year, by phase"),
                    headers=[self.env._("Phase"), self.env._("Families"), self.env._("People")],
                    rows=by_phase,
                    total_label=self.env._("Total"),
                ),
                report_book.Table(
                    title=self.env._("SMART indicators"),
                    headers=[
                        self.env._("Indicator"),
                        self.env._("Target"),
                        self.env._("Actual"),
                        self.env._("Progress"),
                    ],
                    rows=indicators,
                    percent_columns=(3,),
                ),
            ],
        )

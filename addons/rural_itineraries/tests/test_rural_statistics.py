from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RuralCommon


@tagged("post_install", "-at_install")
class TestRuralStatistics(RuralCommon):
    def test_figures_by_phase_and_the_annual_report_sheet(self):
        household, _head, _case = self._family("Stat", self.office_a, minors=2)
        itinerary = self._itinerary(household, start=date(2026, 2, 1))
        itinerary.sudo().write({"relocation_date": date(2026, 6, 1)})
        Stats = self.env["rural.statistics"].with_user(self.technician_a)
        [row] = Stats.search_read(
            [("project_id", "=", itinerary.id)], ["families", "people", "minors", "office_id"]
        )
        self.assertEqual((row["families"], row["people"], row["minors"]), (1, 4, 2))
        self.assertFalse(
            self.env["rural.statistics"]
            .with_user(self.technician_b)
            .search([("project_id", "=", itinerary.id)])
        )
        for role in ("volunteer", "finance"):
            with self.assertRaises(AccessError):
                self.env["rural.statistics"].with_user(self.users_by_role[role]).search([])
        report = (
            self.env["migrant.annual.report"]
            .with_user(self.coordinator)
            .create({"year": 2026, "office_ids": [(6, 0, self.office_a.ids)]})
        )
        sheet = report._rural_sheet()
        relocated, _by_phase, indicators = sheet.tables
        self.assertEqual([r[1] for r in relocated.rows][:3], [1, 4, 2])
        self.assertEqual(len(indicators.rows), self.env["rural.indicator"].search_count([]))
        self.assertIn("Rural itineraries", [s.title for s in report._migrant_report_sheets() if s])

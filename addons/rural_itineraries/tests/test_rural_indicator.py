from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RuralCommon


@tagged("post_install", "-at_install")
class TestRuralIndicator(RuralCommon):
    def _indicators(self, date_from, date_to):
        from ..models.rural_indicator import MEASURES

        return self.env["rural.indicator"].create(
            [
                {
                    "name": label,
                    "code": f"T-{measure}",
                    "measure": measure,
                    "target": 10,
                    "date_from": date_from,
                    "date_to": date_to,
                }
                for measure, label in MEASURES
            ]
        )

    def test_actuals_against_hand_counted_records(self):
        soria = self.env["rural.municipality"].create(
            {
                "name": "Pueblo de Soria",
                "ine_code": "42998",
                "state_id": self.env.ref("base.state_es_so").id,
                "population": 300,
            }
        )
        # in the period: family A (4 people, 2 minors) to Teruel, family B (2) to Soria
        project_a = self._itinerary(self.family_a, start=date(2021, 2, 1))
        project_a.municipality_id = self.town
        project_b = self._itinerary(self.family_b, start=date(2021, 6, 1))
        project_b.municipality_id = soria
        # outside the period: a third family, and an offer identified earlier
        family_c, _head, _case = self._family("Okafor", self.office_a, minors=1)
        self._itinerary(family_c, start=date(2020, 12, 31)).municipality_id = self.town
        Offer = self.env["rural.job.offer"]
        Offer.create(
            {"name": "Old", "municipality_id": soria.id, "date_identified": date(2020, 5, 1)}
        )
        self.offer.date_identified = date(2021, 3, 1)  # open
        Offer.create(
            {"name": "Care", "municipality_id": soria.id, "date_identified": date(2021, 4, 1)}
        )  # only identified
        cancelled = Offer.create(
            {"name": "Shop", "municipality_id": soria.id, "date_identified": date(2021, 5, 1)}
        )
        cancelled.action_cancel()
        placement = self.env["rural.placement"].create(
            {
                "job_offer_id": self.offer.id,
                "partner_id": self.head_a.id,
                "project_id": project_a.id,
                "date_start": date(2021, 7, 1),
            }
        )
        placement.action_hire()
        indicators = self._indicators(date(2021, 1, 1), date(2021, 12, 31))
        actual = {i.measure: i.actual_value for i in indicators}
        self.assertEqual(
            actual,
            {
                "families": 2,
                "people": 6,
                "minors": 2,
                "offers_identified": 3,
                "offers_managed": 1,  # the farm offer, filled
                "placements": 1,
                "municipalities": 2,
                "regions": 2,  # Aragon and Castile and León
            },
        )
        families = indicators.filtered(lambda i: i.measure == "families")
        self.assertAlmostEqual(families.progress, 20.0)

    def test_shipped_indicators_hold_the_program_targets(self):
        targets = {
            i.measure: i.target
            for i in self.env["rural.indicator"].search([("code", "=like", "NS-%")])
        }
        self.assertEqual(targets["families"], 1000)
        self.assertEqual(targets["people"], 1500)
        self.assertEqual(targets["offers_identified"], 500)
        self.assertEqual(targets["placements"], 400)
        self.assertEqual(targets["municipalities"], 200)
        self.assertEqual(targets["regions"], 8)

    def test_period_ending_before_it_starts_is_refused(self):
        with self.assertRefused(ValidationError, "ends .* before it starts"):
            self.env["rural.indicator"].create(
                {
                    "name": "Bad",
                    "code": "BAD",
                    "measure": "families",
                    "target": 5,
                    "date_from": date(2021, 1, 1),
                    "date_to": date(2021, 1, 1) - relativedelta(days=1),
                }
            )

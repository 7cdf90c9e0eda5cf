from odoo.tests import tagged

from .common import RuralCommon


@tagged("post_install", "-at_install")
class TestRuralMatching(RuralCommon):
    def test_ranking_shows_reasons_and_picking_sets_the_target(self):
        project = self._itinerary(self.family_a, user=self.technician_a)
        project.sector_ids = self.env.ref("rural_itineraries.sector_agriculture")
        action = project.with_user(self.technician_a).action_rural_matching()
        wizard = self.env["rural.matching.wizard"].browse(action["res_id"])
        lines = wizard.line_ids.sorted("sequence")
        scores = lines.mapped("score")
        self.assertEqual(scores, sorted(scores, reverse=True))
        # the town with a school, homes and a farm job with a home is among the best
        # (the demo data may hold towns as good)
        best = lines.filtered(lambda line: line.municipality_id == self.town)
        self.assertTrue(best)
        self.assertEqual(best.score, scores[0])
        self.assertEqual(best.job_offer_id, self.offer)
        self.assertIn("sector the family wants", best.reasons)
        self.assertIn("a school", best.reasons)
        best.with_user(self.technician_a).action_pick()
        self.assertEqual(project.municipality_id, self.town)
        self.assertEqual(project.job_offer_id, self.offer)

    def test_ranking_reads_all_municipalities_in_a_constant_number_of_queries(self):
        project = self._itinerary(self.family_a)
        Wizard = self.env["rural.matching.wizard"]
        Wizard._rural_rank(project)  # warm the caches
        self.env.invalidate_all()
        project = project.browse(project.id)
        with self.assertQueryCount(__system__=6):
            Wizard._rural_rank(project)
        Offer = self.env["rural.job.offer"]
        offers = Offer.create(
            [
                {"name": f"Job {n}", "municipality_id": self.calamocha.id, "sector": "care"}
                for n in range(30)
            ]
        )
        offers.action_open()
        self.env.invalidate_all()
        project = project.browse(project.id)
        with self.assertQueryCount(__system__=6):
            Wizard._rural_rank(project)

from datetime import date

from odoo.tests import tagged

from .common import RuralCommon


@tagged("post_install", "-at_install")
class TestRuralPersonalData(RuralCommon):
    def setUp(self):
        super().setUp()
        self.project = self._itinerary(self.family_a, plan="<p>Plan of the Diallo family</p>")
        self.visit = self.env["rural.followup.visit"].create(
            {"project_id": self.project.id, "notes": "Diallo visit notes", "integration_score": 4}
        )
        self.feedback = self.env["rural.feedback"].create(
            {
                "project_id": self.project.id,
                "partner_id": self.head_a.id,
                "comments": "Diallo feedback comments",
                "rating_overall": 5,
            }
        )
        self.placement = self.env["rural.placement"].create(
            {
                "job_offer_id": self.offer.id,
                "partner_id": self.head_a.id,
                "project_id": self.project.id,
                "note": "Diallo placement note",
            }
        )

    def test_subject_access_export_holds_the_itinerary(self):
        export = (
            self.env["migrant.subject.access.export"]
            .with_user(self.technician_a)
            .create({"partner_id": self.head_a.id})
        )
        sheets = {title: rows for title, _headers, rows in export._migrant_sheets()}
        self.assertEqual(len(sheets["Itineraries and projects"]), 1)
        self.assertEqual(len(sheets["Follow-up Visit"]), 1)
        self.assertEqual(len(sheets["Family Feedback"]), 1)
        self.assertEqual(len(sheets["Work Placement"]), 1)

    def test_anonymisation_removes_what_was_said_and_keeps_the_figures(self):
        self.case_a.write({"stage_id": self.stage_closed.id, "close_date": date.today()})
        self.env["res.partner.anonymize"]._migrant_anonymize_people(self.head_a)
        self.assertFalse(self.project.plan)
        self.assertFalse(self.visit.notes)
        self.assertEqual(self.visit.integration_score, 4)
        self.assertFalse(self.feedback.comments)
        self.assertEqual(self.feedback.rating_overall, 5)
        self.assertFalse(self.placement.note)
        self.assertFalse(self._columns_containing(["Diallo visit", "Diallo feedback"]))

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestSecurity(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person_a = cls._person("Person of office A", mobile="611000001")
        cls.person_b = cls._person("Person of office B", mobile="611000002")
        cls.newcomer = cls._person("Newcomer without case")
        cls.case_a = cls._case(cls.person_a, cls.office_a, user_id=cls.technician_a.id)
        cls.case_b = cls._case(cls.person_b, cls.office_b, user_id=cls.technician_b.id)
        cls.intervention_a = cls._intervention(cls.case_a, note="Open note A")
        cls.intervention_b = cls._intervention(cls.case_b, note="Open note B")

    def test_technician_cannot_read_or_write_another_office(self):
        Case = self.env["migrant.case"].with_user(self.technician_a)
        self.assertEqual(Case.search([]), self.case_a)
        with self.assertRaises(AccessError):
            self.case_b.with_user(self.technician_a).read(["name"])
        with self.assertRaises(AccessError):
            self.case_b.with_user(self.technician_a).write({"next_review_date": "2026-12-01"})
        with self.assertRaises(AccessError):
            self.intervention_b.with_user(self.technician_a).read(["summary"])
        with self.assertRaises(AccessError):
            self.person_b.with_user(self.technician_a).read(["name"])
        with self.assertRaises(AccessError):
            self.env["migrant.case"].with_user(self.technician_a).create(
                {
                    "partner_id": self.newcomer.id,
                    "office_id": self.office_b.id,
                    "user_id": self.technician_b.id,
                }
            )

    def test_people_without_case_are_found_by_every_technician(self):
        Partner = self.env["res.partner"].with_user(self.technician_b)
        found = Partner.search([("is_beneficiary", "=", True)])
        self.assertIn(self.newcomer, found)
        self.assertIn(self.person_b, found)
        self.assertNotIn(self.person_a, found)

    def test_volunteer_and_finance_see_no_case_data(self):
        for user in (self.volunteer, self.finance):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["migrant.case"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env["migrant.intervention"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env["migrant.identity.document"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.person_a.with_user(user).read(["birthdate"])
                # nor their names: volunteers get attendees' names from the workshops
                with self.assertRaises(AccessError):
                    self.person_a.with_user(user).read(["name"])

    def test_confidential_note_only_for_author_and_coordinators(self):
        secret = self._intervention(
            self.case_a, user_id=self.lawyer.id, is_confidential=True, note="Gender violence"
        )
        self.assertFalse(secret.with_user(self.technician_a).note)
        self.assertFalse(secret.with_user(self.technician_a).can_read_note)
        self.assertEqual(secret.with_user(self.lawyer).note, "Gender violence")
        self.assertEqual(secret.with_user(self.coordinator).note, "Gender violence")
        with self.assertRaises(AccessError):
            secret.with_user(self.technician_a).note = "overwritten"
        with self.assertRaises(AccessError):
            secret.with_user(self.technician_a).read(["note_stored"])
        self.assertEqual(self.intervention_a.with_user(self.technician_a).note, "Open note A")

    def test_coordinator_sees_everything(self):
        Case = self.env["migrant.case"].with_user(self.coordinator)
        self.assertEqual(
            Case.search([("id", "in", (self.case_a | self.case_b).ids)]),
            (self.case_a | self.case_b),
        )
        self.assertTrue(self.person_b.with_user(self.coordinator).read(["birthdate"]))

    def test_access_log_is_for_coordinators_only(self):
        self.case_a.with_user(self.technician_a).web_read({"name": {}, "description": {}})
        with self.assertRaises(AccessError):
            self.env["migrant.case.access.log"].with_user(self.technician_a).search([])
        logs = (
            self.env["migrant.case.access.log"]
            .with_user(self.coordinator)
            .search([("case_id", "=", self.case_a.id)])
        )
        self.assertEqual(logs.user_id, self.technician_a)

    def test_cases_of_another_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other NGO"})
        office = self.env["migrant.office"].create(
            {"name": "Elsewhere", "code": "ELS", "company_id": other.id}
        )
        foreign = self._case(self._person("Foreign"), office)
        with self.assertRaises(AccessError):
            foreign.with_user(self.coordinator).read(["name"])

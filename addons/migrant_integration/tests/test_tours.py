from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "migrant_tour")
class TestTours(HttpCase):
    """The backend as a technician uses it, in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = cls.env["migrant.office"].create({"name": "Tour Office", "code": "TOUR"})
        cls.technician = new_test_user(
            cls.env,
            login="mi_tour_technician",
            groups="migrant_integration.group_migrant_user",
        )
        cls.coordinator = new_test_user(
            cls.env,
            login="mi_tour_coordinator",
            groups="migrant_integration.group_migrant_manager",
        )
        cls.office.user_ids = cls.technician
        cls.env["res.partner"].create(
            {"name": "Agencia para el Empleo", "is_company": True, "entity_kind": "public_body"}
        )

    def test_technician_registers_a_person(self):
        self.start_tour("/odoo", "migrant_integration_register_person", login=self.technician.login)
        person = self.env["res.partner"].search([("name", "=", "Amina Diallo Tour")])
        self.assertEqual(len(person), 1)
        self.assertTrue(person.is_beneficiary)
        self.assertEqual(person.create_uid, self.technician)

    def test_technician_day_from_person_to_referral(self):
        self.start_tour(
            "/odoo/action-migrant_integration.res_partner_action_beneficiary",
            "migrant_integration_technician_day",
            login=self.technician.login,
        )
        person = self.env["res.partner"].search([("name", "=", "Yasmin Haddad")])
        self.assertEqual(person.identity_document_ids.number, "X0000001R")
        self.assertEqual(person.mobile, "+34612405060")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Yasmin H.")]))
        case = person.case_ids
        self.assertEqual(case.office_id, self.office)
        self.assertEqual(case.goal_ids.description, "Register with the city")
        self.assertEqual(case.intervention_ids.summary, "First interview at the desk")
        referral = case.referral_ids
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.consent_id, person.consent_ids)

    def test_coordinator_anonymises_a_person_with_closed_files(self):
        person = self.env["res.partner"].create(
            {"name": "Farida Moved Away", "is_beneficiary": True, "mobile": "633 10 20 30"}
        )
        self.env["migrant.case"].create(
            {
                "partner_id": person.id,
                "office_id": self.office.id,
                "stage_id": self.env.ref("migrant_integration.stage_closed").id,
            }
        )
        self.start_tour(
            f"/odoo/action-migrant_integration.res_partner_action_beneficiary/{person.id}",
            "migrant_integration_coordinator_anonymises",
            login=self.coordinator.login,
        )
        self.assertTrue(person.anonymized_date)
        self.assertFalse(person.mobile)

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestReferral(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._person("Awa Ndiaye", mobile="611 22 33 44")
        cls.case = cls._case(cls.person, cls.office_a, user_id=cls.technician_a.id)
        cls.agency = cls.env["res.partner"].create(
            {"name": "Agencia para el Empleo", "is_company": True, "entity_kind": "public_body"}
        )
        cls.hospital = cls.env["res.partner"].create(
            {"name": "Hospital 12 de Octubre", "is_company": True, "entity_kind": "health_centre"}
        )
        cls.Referral = cls.env["migrant.referral"]
        cls.Consent = cls.env["migrant.consent"]
        cls.public_bodies = cls.env.ref("migrant_integration.entity_kind_public_body")

    def _referral(self, user=None, **vals):
        return self.Referral.with_user(user or self.technician_a).create(
            dict(
                {
                    "case_id": self.case.id,
                    "entity_id": self.agency.id,
                    "service": "Job guidance",
                    "reason": "Looking for work in logistics",
                },
                **vals,
            )
        )

    def _sharing_consent(self, **vals):
        return self.Consent.with_user(self.technician_a).create(
            dict(
                {
                    "partner_id": self.person.id,
                    "purpose": "data_sharing",
                    "recipient_entity_kinds": [(4, self.public_bodies.id)],
                    "date_given": date.today() - timedelta(days=10),
                },
                **vals,
            )
        )

    # ------------------------------------------------------------------ consent gate
    def test_referral_takes_person_and_office_from_the_case_and_gets_a_reference(self):
        referral = self._referral()
        self.assertEqual(referral.partner_id, self.person)
        self.assertEqual(referral.owner_office_id, self.office_a)
        self.assertRegex(referral.name, r"^REF/\d{4}/\d{5}$")
        self.assertIn(referral, self.case.referral_ids)

    def test_sending_without_consent_is_refused_and_nothing_changes(self):
        referral = self._referral()
        with self.assertRefused(UserError, "has not consented to share their data"):
            referral.action_send()
        self.assertEqual(referral.state, "draft")
        self.assertFalse(referral.consent_id)

    def test_consent_for_the_kind_of_entity_lets_the_referral_go(self):
        consent = self._sharing_consent()
        referral = self._referral()
        referral.action_send()
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.consent_id, consent)

    def test_consent_must_cover_that_recipient_and_be_active(self):
        # Consent for a named NGO does not cover the hospital; withdrawn and expired
        # consents do not count; a consent for photos is not one for sharing.
        ngo = self.env["res.partner"].create({"name": "NGO", "is_company": True})
        self._sharing_consent(recipient_entity_kinds=[], recipient_partner_ids=[(4, ngo.id)])
        self._sharing_consent().action_withdraw()
        self._sharing_consent(date_expiry=date.today() - timedelta(days=1))
        self._sharing_consent(purpose="photos")
        referral = self._referral(entity_id=self.hospital.id)
        with self.assertRefused(UserError, "has not consented"):
            referral.action_send()
        named = self._referral(entity_id=ngo.id)
        named.action_send()
        self.assertEqual(named.state, "sent")

    def test_referral_to_an_internal_office_needs_no_consent(self):
        referral = self._referral(entity_id=False, office_id=self.office_b.id)
        referral.action_send()
        self.assertEqual(referral.state, "sent")

    def test_only_a_coordinator_overrides_and_the_override_is_recorded(self):
        referral = self._referral()
        referral.sudo().consent_override_reason = "Vital interest: medical emergency"
        with self.assertRefused(UserError, "Only a coordinator"):
            referral.with_user(self.technician_a).action_send()
        self.assertEqual(referral.state, "draft")
        self.coordinator.email = False  # recorded also for staff without an email address
        referral.with_user(self.coordinator).action_send()
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.consent_override_by_id, self.coordinator)
        bodies = " ".join(referral.message_ids.mapped("body"))
        self.assertIn("Sent without the person", bodies)
        self.assertIn("Vital interest: medical emergency", bodies)

    def test_consent_expiring_before_given_is_refused(self):
        with self.assertRefused(ValidationError, "cannot expire .* before it was given"):
            self._sharing_consent(date_expiry=date.today() - timedelta(days=20))
        self.assertFalse(self.Consent.search([("partner_id", "=", self.person.id)]))

    def test_withdrawing_keeps_the_consent_in_history(self):
        consent = self._sharing_consent()
        consent.action_withdraw()
        self.assertFalse(consent.is_active)
        self.assertTrue(consent.exists())
        self.assertIn(consent, self.Consent.search([("is_active", "=", False)]))
        self.assertNotIn(consent, self.Consent.search([("is_active", "=", True)]))

    def test_a_referral_needs_an_entity_or_an_office(self):
        with self.assertRefused(ValidationError, "needs an entity or an internal office"):
            self._referral(entity_id=False)
        with self.assertRefused(ValidationError, "needs the person referred"):
            self._referral(case_id=False)

    # ------------------------------------------------------------------ follow-up
    def test_overdue_follow_up_is_computed_and_searchable(self):
        self._sharing_consent()
        late = self._referral(follow_up_date=date.today() - timedelta(days=2))
        late.action_send()
        on_time = self._referral(follow_up_date=date.today() + timedelta(days=2))
        on_time.action_send()
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue)
        overdue = self.Referral.search([("is_overdue", "=", True), ("case_id", "=", self.case.id)])
        self.assertEqual(overdue, late)
        late.action_accept()
        late.action_done()
        self.assertFalse(late.is_overdue)
        with self.assertRefused(UserError, "cannot be cancelled while done"):
            late.action_cancel()
        self.assertEqual(late.state, "done")

    def test_sent_referrals_are_cancelled_not_deleted(self):
        self._sharing_consent()
        referral = self._referral()
        referral.action_send()
        with self.assertRefused(UserError, "cancel it instead of deleting it"):
            referral.unlink()
        draft = self._referral()
        draft.unlink()
        self.assertFalse(draft.exists())

    # ------------------------------------------------------------------ incoming
    def test_incoming_referral_finds_the_person_by_phone_and_updates_the_case(self):
        referral = self._referral(
            direction="incoming",
            case_id=False,
            entity_id=self.hospital.id,
            office_id=self.office_a.id,
            incoming_name="A. Ndiaye",
            incoming_phone="+34 611223344",
        )
        referral.action_register_incoming()
        self.assertEqual(referral.partner_id, self.person)
        self.assertEqual(referral.case_id, self.case, "the open case of the office is reused")
        self.assertEqual(referral.state, "accepted")
        self.assertEqual(self.case.intervention_ids[:1].intervention_type, "referral")

    def test_incoming_referral_creates_the_person_and_opens_a_case(self):
        referral = self._referral(
            direction="incoming",
            case_id=False,
            entity_id=self.agency.id,
            office_id=self.office_b.id,
            incoming_name="Ousmane Ba",
            incoming_document_number="x1234567l",
            user=self.technician_b,
        )
        referral.with_user(self.technician_b).action_register_incoming()
        person = referral.partner_id
        self.assertEqual(person.name, "Ousmane Ba")
        self.assertEqual(person.identity_document_ids.number, "X1234567L")
        self.assertEqual(person.identity_document_ids.document_type, "nie")
        self.assertEqual(self.Referral._guess_document_type("12345678z"), "dni")
        self.assertEqual(self.Referral._guess_document_type("AB123456"), "other")
        self.assertEqual(referral.case_id.office_id, self.office_b)
        self.assertEqual(referral.case_id.partner_id, person)

    def test_incoming_referral_without_any_name_is_refused(self):
        referral = self._referral(
            direction="incoming",
            case_id=False,
            entity_id=self.agency.id,
            office_id=self.office_a.id,
        )
        with self.assertRefused(UserError, "Give at least the name"):
            referral.action_register_incoming()
        self.assertEqual(referral.state, "draft")

    # ------------------------------------------------------------------ printable form
    def test_printable_referral_form(self):
        consent = self._sharing_consent()
        self.person.nationality_id = self.env.ref("base.sn")
        referral = self._referral()
        referral.action_send()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.technician_a)
            ._render_qweb_html("migrant_integration.report_migrant_referral", referral.ids)[0]
            .decode()
        )
        self.assertIn(referral.name, html)
        self.assertIn("Awa Ndiaye", html)
        self.assertIn("Agencia para el Empleo", html)
        self.assertIn("Looking for work in logistics", html)
        self.assertIn("+34611223344", html)
        self.assertIn("Senegal", html)
        self.assertIn("consented on", html)
        self.assertTrue(consent.is_active)

    # ------------------------------------------------------------------ access
    def test_technicians_see_referrals_and_consents_of_their_offices_only(self):
        self._sharing_consent()
        referral = self._referral()
        Referral_b = self.Referral.with_user(self.technician_b)
        self.assertFalse(Referral_b.search([("id", "=", referral.id)]))
        with self.assertRaises(AccessError):
            Referral_b.browse(referral.id).read(["reason"])
        self.assertFalse(
            self.Consent.with_user(self.technician_b).search([("partner_id", "=", self.person.id)])
        )
        self.assertEqual(
            self.Referral.with_user(self.coordinator).search([("id", "=", referral.id)]), referral
        )

    def test_volunteers_and_finance_have_no_referrals_or_consents(self):
        for user in (self.volunteer, self.finance):
            for model in ("migrant.referral", "migrant.consent"):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])

    def test_technician_cannot_delete_a_consent(self):
        consent = self._sharing_consent()
        with self.assertRaises(AccessError):
            consent.with_user(self.technician_a).unlink()

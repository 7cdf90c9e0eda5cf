"""The access model, tested as a curious colleague or an attacker with an account
would probe it: the same calls, asserting the refusal and that nothing changed."""

import base64
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestAccessModel(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vulnerability = cls.env.ref("migrant_integration.vulnerability_street")
        cls.person_a = cls._person(
            "Amadou Office A",
            mobile="611000101",
            birthdate=date(1990, 3, 4),
            gender="male",
            comment="Sleeps in a shelter",
            vulnerability_ids=[(4, cls.vulnerability.id)],
        )
        cls.env["migrant.identity.document"].create(
            {"partner_id": cls.person_a.id, "document_type": "nie", "number": "X1234567L"}
        )
        cls.case_a = cls._case(cls.person_a, cls.office_a, user_id=cls.technician_a.id)
        cls.intervention_a = cls._intervention(cls.case_a, user_id=cls.technician_a.id)
        cls.person_b = cls._person("Bintou Office B", mobile="611000102")
        cls.case_b = cls._case(cls.person_b, cls.office_b, user_id=cls.technician_b.id)
        cls.newcomer = cls._person("Newcomer Without File")
        cls.agency = cls.env["res.partner"].create(
            {"name": "Employment Agency", "is_company": True, "entity_kind": "public_body"}
        )
        cls.public_bodies = cls.env.ref("migrant_integration.entity_kind_public_body")

    # ------------------------------------------------------------------ 1. exports
    def test_exports_are_read_only_by_their_author_and_coordinators(self):
        action = self.person_a.with_user(self.technician_a).action_migrant_subject_access_export()
        export_id = int(action["url"].split("/")[4])
        Export = self.env["migrant.subject.access.export"]
        self.assertTrue(Export.with_user(self.technician_a).browse(export_id).data)
        for user in (self.technician_b, self.lawyer):
            with self.subTest(user=user.login):
                self.assertFalse(Export.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    Export.with_user(user).browse(export_id).read(["data"])
                with self.assertRaises(AccessError):
                    self.env["ir.binary"].with_user(user)._find_record(
                        res_model=Export._name, res_id=export_id, field="data"
                    )
        self.assertTrue(Export.with_user(self.coordinator).browse(export_id).data)

    # ------------------------------------------------------------------ 2. taking a person
    def test_a_person_followed_elsewhere_is_not_taken_by_opening_a_case(self):
        Case = self.env["migrant.case"].with_user(self.technician_b)
        with self.assertRefused(AccessError, "followed by Office A"):
            Case.create({"partner_id": self.person_a.id, "office_id": self.office_b.id})
        with self.assertRefused(AccessError, "followed by Office A"):
            self.case_b.with_user(self.technician_b).partner_id = self.person_a
        self.env.invalidate_all()
        self.assertEqual(self.case_b.partner_id, self.person_b)
        self.assertEqual(self.person_a.case_office_ids, self.office_a)
        with self.assertRaises(AccessError):
            self.person_a.with_user(self.technician_b).read(["birthdate"])

    def test_the_way_in_is_an_internal_referral_the_other_office_sends(self):
        referral = (
            self.env["migrant.referral"]
            .with_user(self.technician_a)
            .create({"case_id": self.case_a.id, "office_id": self.office_b.id, "service": "Job"})
        )
        referral.action_send()
        as_b = referral.with_user(self.technician_b)
        self.assertEqual(as_b.partner_id, self.person_a, "office B reads the referral")
        with self.assertRaises(AccessError):
            as_b.write({"reason": "rewritten by office B"})
        action = as_b.action_accept()
        case = self.env["migrant.case"].browse(action["res_id"])
        self.assertEqual(case.office_id, self.office_b)
        self.assertEqual(case.partner_id, self.person_a)
        self.assertEqual(self.person_a.case_office_ids, self.office_a | self.office_b)
        self.assertTrue(self.person_a.with_user(self.technician_b).read(["birthdate"]))

    def test_only_the_receiving_office_answers_an_internal_referral(self):
        office_c = self.env["migrant.office"].create({"name": "Office C", "code": "C"})
        referral = (
            self.env["migrant.referral"]
            .with_user(self.technician_a)
            .create({"case_id": self.case_a.id, "office_id": office_c.id})
        )
        referral.action_send()
        with self.assertRefused(AccessError, "Only the staff of Office C"):
            referral.with_user(self.technician_a).action_accept()
        self.assertEqual(referral.state, "sent")

    # ------------------------------------------------------------------ 3. outsiders
    def test_users_outside_the_program_see_no_participant(self):
        self.person_a.message_post(body="Phoned about the appointment")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "cv.txt",
                "raw": b"CV",
                "res_model": "res.partner",
                "res_id": self.person_a.id,
            }
        )
        sensitive = [
            ("vulnerability_ids", "!=", False),
            ("identity_document_ids", "!=", False),
            ("case_ids", "!=", False),
            ("consent_ids", "!=", False),
            ("permit_ids", "!=", False),
            ("document_number", "=", "X1234567L"),
            ("birthdate", "!=", False),
            ("gender", "=", "male"),
            ("nationality_id", "!=", False),
            ("case_office_ids", "!=", False),
        ]
        for user in (self.volunteer, self.finance, self.internal, self.portal):
            Partner = self.env["res.partner"].with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(Partner.search([("is_beneficiary", "=", True)]))
                self.assertFalse(Partner.search([("name", "ilike", "Office A")]))
                with self.assertRaises(AccessError):
                    self.person_a.with_user(user).read(["name", "mobile", "email", "comment"])
                # portal users may not export at all; the others are refused the rows
                with self.assertRaises(UserError if user == self.portal else AccessError):
                    self.person_a.with_user(user).export_data(["name", "mobile"])
                for leaf in sensitive:
                    with self.assertRaises(AccessError, msg=str(leaf)):
                        Partner.search([leaf])
                with self.assertRaises(AccessError):
                    Partner.read_group([], ["gender"], ["gender"])
                with self.assertRaises(AccessError):
                    Partner.read_group([], ["vulnerability_ids"], ["vulnerability_ids"])
                messages = (
                    self.env["mail.message"]
                    .with_user(user)
                    .search([("model", "=", "res.partner"), ("res_id", "=", self.person_a.id)])
                )
                self.assertFalse(messages)
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["raw"])
        # ordinary contacts stay as Odoo has them
        self.assertTrue(self.agency.with_user(self.finance).read(["name"]))

    def test_technicians_do_not_search_on_what_only_lawyers_read(self):
        Partner = self.env["res.partner"].with_user(self.technician_a)
        with self.assertRaises(AccessError):
            Partner.search([("permit_ids", "!=", False)])
        self.assertIn(self.person_a, Partner.search([("vulnerability_ids", "!=", False)]))

    # ------------------------------------------------------------------ 4. confidential notes
    def test_a_colleague_cannot_unlock_or_delete_a_confidential_note(self):
        colleague = self.technician_a
        secret = self._intervention(
            self.case_a, user_id=self.lawyer.id, is_confidential=True, note="Gender violence"
        )
        as_colleague = secret.with_user(colleague)
        for values in ({"is_confidential": False}, {"user_id": colleague.id}, {"note": "x"}):
            with self.subTest(values=values), self.assertRefused(AccessError, "Only .* author"):
                as_colleague.write(values)
        with self.assertRefused(AccessError, "Only the author"):
            as_colleague.unlink()
        self.env.invalidate_all()
        self.assertTrue(secret.exists())
        self.assertTrue(secret.is_confidential)
        self.assertEqual(secret.user_id, self.lawyer)
        self.assertEqual(secret.with_user(self.lawyer).note, "Gender violence")
        self.assertFalse(as_colleague.note)
        # the author, and the coordinators, may
        secret.with_user(self.lawyer).write({"note": "Gender violence (updated)"})
        secret.with_user(self.coordinator).write({"is_confidential": False})
        self.assertEqual(as_colleague.note, "Gender violence (updated)")

    # ------------------------------------------------------------------ 5. access log
    def _log_rows(self, case, user):
        return (
            self.env["migrant.case.access.log"]
            .sudo()
            .search([("case_reference", "=", case.name), ("user_id", "=", user.id)])
        )

    def test_every_way_of_reading_a_case_is_logged_once_an_hour(self):
        Case = self.env["migrant.case"].with_user(self.technician_a)
        case_2 = self._case(self._person("Second Person"), self.office_a)
        cases = self.case_a | case_2
        # listing (the list and kanban columns) writes nothing
        Case.web_search_read(
            [("id", "in", cases.ids)],
            {"name": {}, "partner_id": {"fields": {"display_name": {}}}, "stage_id": {}},
        )
        Case.search_read([("id", "in", cases.ids)], ["name", "office_id", "user_id"])
        self.assertFalse(self._log_rows(self.case_a, self.technician_a))
        # reading the content does, by any path
        for read in (
            lambda: cases.with_user(self.technician_a).read(["description"]),
            lambda: Case.search_read([("id", "in", cases.ids)], ["goal_ids"]),
            lambda: cases.with_user(self.technician_a).export_data(["name", "description"]),
            lambda: cases.with_user(self.technician_a).web_read({"intervention_ids": {}}),
        ):
            self.env.invalidate_all()
            read()
        self.assertEqual(len(self._log_rows(self.case_a, self.technician_a)), 1)
        self.assertEqual(len(self._log_rows(case_2, self.technician_a)), 1)
        # reading an intervention's note is reading the case; its summary is not
        intervention = self._intervention(self.case_b, summary="Phone call", note="Rent debt")
        self.env.invalidate_all()
        intervention.with_user(self.technician_b).read(["summary", "date"])
        self.assertFalse(self._log_rows(self.case_b, self.technician_b))
        self.env.invalidate_all()
        intervention.with_user(self.technician_b).read(["note"])
        self.assertEqual(len(self._log_rows(self.case_b, self.technician_b)), 1)

    def test_the_access_log_cannot_be_changed_and_outlives_the_case(self):
        case = self._case(self._person("Short Lived"), self.office_a)
        self.env.invalidate_all()
        case.with_user(self.technician_a).read(["description"])
        row = self._log_rows(case, self.technician_a)
        self.assertEqual(len(row), 1)
        for user in (self.coordinator, self.env.ref("base.user_admin")):
            Log = self.env["migrant.case.access.log"].with_user(user)
            with self.assertRaises(AccessError):
                Log.browse(row.id).write({"date": fields.Datetime.now()})
            with self.assertRaises(AccessError):
                Log.browse(row.id).unlink()
        with self.assertRaises(AccessError):
            row.sudo().unlink()
        reference = case.name
        case.unlink()
        row.invalidate_recordset()
        self.assertTrue(row.exists())
        self.assertFalse(row.case_id)
        self.assertEqual(row.case_reference, reference)

    def test_old_access_log_rows_are_purged_after_the_retention_period(self):
        self.env.invalidate_all()
        self.case_a.with_user(self.technician_a).read(["description"])
        row = self._log_rows(self.case_a, self.technician_a)
        self.env.cr.execute(
            "UPDATE migrant_case_access_log SET date = %s WHERE id = %s",
            (datetime.now() - timedelta(days=3 * 366), row.id),
        )
        self.company.migrant_access_log_retention_years = 0
        self.env["migrant.case.access.log"]._cron_purge()
        self.assertTrue(row.exists(), "0 keeps the log")
        self.company.migrant_access_log_retention_years = 2
        self.env["migrant.case.access.log"]._cron_purge()
        self.assertFalse(row.exists())

    # ------------------------------------------------------------------ 6. consent gate
    def _sharing_consent(self, user=None, **vals):
        return (
            self.env["migrant.consent"]
            .with_user(user or self.technician_a)
            .create(
                dict(
                    {
                        "partner_id": self.person_a.id,
                        "purpose": "data_sharing",
                        "recipient_entity_kinds": [(4, self.public_bodies.id)],
                        "date_given": date.today() - timedelta(days=10),
                    },
                    **vals,
                )
            )
        )

    def test_states_and_the_consent_gate_move_only_through_their_actions(self):
        referral = (
            self.env["migrant.referral"]
            .with_user(self.technician_a)
            .create({"case_id": self.case_a.id, "entity_id": self.agency.id})
        )
        consent = self._sharing_consent(user=self.coordinator)
        as_tech = referral.with_user(self.technician_a)
        for values in (
            {"state": "sent"},
            {"state": "sent", "consent_override_by_id": self.coordinator.id},
            {"consent_id": consent.id},
            {"response_date": date.today()},
        ):
            with self.subTest(values=values), self.assertRefused(UserError, "change only through"):
                as_tech.write(values)
        self.env.invalidate_all()
        self.assertEqual(referral.state, "draft")
        self.assertFalse(referral.consent_id or referral.consent_override_by_id)
        with self.assertRefused(UserError, "change only through"):
            self.env["migrant.referral"].with_user(self.technician_a).create(
                {"case_id": self.case_a.id, "entity_id": self.agency.id, "state": "sent"}
            )

    def test_withdrawal_is_final_and_who_recorded_a_consent_is_a_fact(self):
        consent = self._sharing_consent()
        self.assertEqual(consent.recorded_by_id, self.technician_a)
        self.assertEqual(consent.office_id, self.office_a)
        with self.assertRefused(UserError, "change only through"):
            consent.with_user(self.technician_a).recorded_by_id = self.coordinator
        with self.assertRefused(UserError, "change only through"):
            self._sharing_consent(recorded_by_id=self.coordinator.id)
        consent.with_user(self.technician_a).action_withdraw()
        with self.assertRefused(UserError, "withdrawn consent stays as it was"):
            consent.with_user(self.technician_a).date_withdrawn = False
        with self.assertRefused(UserError, "withdrawn consent stays as it was"):
            consent.with_user(self.coordinator).write({"date_expiry": date.today()})
        with self.assertRefused(UserError, "already withdrawn"):
            consent.with_user(self.technician_a).action_withdraw()
        self.env.invalidate_all()
        self.assertEqual(consent.date_withdrawn, fields.Date.context_today(consent))
        self.assertFalse(consent.is_active)

    def test_permit_states_move_through_their_buttons(self):
        permit = (
            self.env["migrant.permit"]
            .with_user(self.lawyer)
            .create(
                {
                    "partner_id": self.person_a.id,
                    "case_id": self.case_a.id,
                    "permit_type_id": self.env.ref(
                        "migrant_integration.permit_type_arraigo_social"
                    ).id,
                }
            )
        )
        with self.assertRefused(UserError, "change only through"):
            permit.with_user(self.lawyer).state = "granted"
        with self.assertRefused(UserError, "cannot be granted while preparing"):
            permit.with_user(self.lawyer).action_grant()
        permit.with_user(self.lawyer).action_submit()
        permit.with_user(self.lawyer).action_grant()
        self.assertEqual(permit.state, "granted")
        self.assertTrue(permit.valid_until, "the validity of the permit type is suggested")

    # ------------------------------------------------------------------ 7. other offices
    def test_a_technician_cannot_refer_or_learn_about_another_office_person(self):
        self._sharing_consent(user=self.coordinator)
        Referral = self.env["migrant.referral"].with_user(self.technician_b)
        with self.assertRefused(AccessError, "followed by Office A"):
            Referral.create({"partner_id": self.person_a.id, "entity_id": self.agency.id})
        self.assertFalse(
            self.env["migrant.referral"].search([("partner_id", "=", self.person_a.id)])
        )

    def test_records_without_a_case_stay_in_their_office(self):
        referral = (
            self.env["migrant.referral"]
            .with_user(self.technician_a)
            .create({"partner_id": self.newcomer.id, "entity_id": self.agency.id})
        )
        self.assertEqual(referral.owner_office_id, self.office_a)
        permit = (
            self.env["migrant.permit"]
            .with_user(self.lawyer)
            .create(
                {
                    "partner_id": self.newcomer.id,
                    "permit_type_id": self.env.ref(
                        "migrant_integration.permit_type_arraigo_social"
                    ).id,
                }
            )
        )
        self.assertEqual(permit.office_id, self.office_a)
        self.assertFalse(
            self.env["migrant.referral"].with_user(self.technician_b).search([]) & referral
        )
        with self.assertRaises(AccessError):
            referral.with_user(self.technician_b).read(["reason"])

    def test_household_members_are_seen_by_the_offices_following_the_household(self):
        household = self.env["migrant.household"].create({"name": "Diallo family"})
        self.person_a.household_id = household
        child = self._person("Awa Diallo (child)", household_id=household.id)
        self._case(self.person_a, self.office_a, client_kind="household", household_id=household.id)
        self.assertEqual(child.case_office_ids, self.office_a)
        self.assertTrue(child.with_user(self.technician_a).read(["name"]))
        with self.assertRaises(AccessError):
            child.with_user(self.technician_b).read(["name"])
        with self.assertRaises(AccessError):
            household.with_user(self.technician_b).read(["name"])

    def test_only_coordinators_delete_people_and_never_those_with_files(self):
        with self.assertRefused(UserError, "Only a coordinator may delete"):
            self.newcomer.with_user(self.technician_b).unlink()
        self.assertTrue(self.newcomer.exists())
        with self.assertRefused(UserError, "have case files"):
            self.person_a.with_user(self.coordinator).unlink()
        self.newcomer.with_user(self.coordinator).unlink()
        self.assertFalse(self.newcomer.exists())

    # ------------------------------------------------------------------ 8. moving records
    def test_plain_writes_do_not_move_records_between_offices(self):
        goal = self.env["migrant.case.goal"].create(
            {"case_id": self.case_a.id, "description": "Register with the city"}
        )
        referral = (
            self.env["migrant.referral"]
            .with_user(self.technician_a)
            .create({"case_id": self.case_a.id, "entity_id": self.agency.id})
        )
        # a technician working in both offices still may not move records
        self.office_b.user_ids |= self.technician_a
        tech = self.technician_a
        attempts = [
            (self.case_a, {"office_id": self.office_b.id}, AccessError),
            (self.intervention_a, {"case_id": self.case_b.id}, AccessError),
            (goal, {"case_id": self.case_b.id}, AccessError),
            (referral, {"owner_office_id": False}, ValidationError),
            (referral, {"owner_office_id": self.office_b.id}, AccessError),
            (self.person_a, {"case_office_ids": [(5, 0, 0)]}, AccessError),
            (self.person_a, {"is_followed": False}, AccessError),
            (self.person_a, {"is_beneficiary": False}, AccessError),
        ]
        for record, values, exception in attempts:
            with self.subTest(record=record, values=values), self.assertRaises(exception):
                record.with_user(tech).write(values)
        self.env.invalidate_all()
        self.assertEqual(self.case_a.office_id, self.office_a)
        self.assertEqual(self.intervention_a.case_id, self.case_a)
        self.assertEqual(goal.office_id, self.office_a)
        self.assertEqual(referral.owner_office_id, self.office_a)
        self.assertEqual(self.person_a.case_office_ids, self.office_a)
        self.assertTrue(self.person_a.is_beneficiary)

    def test_a_coordinator_moves_a_case_and_the_move_is_tracked(self):
        self.env.cr.precommit.run()  # the tracking of the case's creation
        self.case_a.with_user(self.coordinator).write(
            {"office_id": self.office_b.id, "user_id": self.technician_b.id}
        )
        self.assertEqual(self.intervention_a.office_id, self.office_b)
        self.assertEqual(self.person_a.case_office_ids, self.office_b)
        self.env.cr.precommit.run()
        tracked = self.case_a.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "office_id"
        )
        self.assertEqual(tracked.old_value_char, "Office A")
        self.assertEqual(tracked.new_value_char, "Office B")

    # ------------------------------------------------------------------ 9. rule cache
    def test_office_membership_takes_effect_at_once_both_ways(self):
        Case = self.env["migrant.case"]
        self.assertEqual(Case.with_user(self.technician_b).search([]), self.case_b)
        self.office_a.user_ids |= self.technician_b
        self.assertEqual(Case.with_user(self.technician_b).search([]), self.case_a | self.case_b)
        self.technician_b.migrant_office_ids -= self.office_b
        self.assertEqual(Case.with_user(self.technician_b).search([]), self.case_a)
        self.assertFalse(self.person_b.with_user(self.technician_b).has_access("read"))

    # ------------------------------------------------------------------ 10. duplicates
    def test_duplicate_hints_match_exact_values_and_say_only_which_office(self):
        self.person_b.birthdate = date(1980, 1, 1)
        for pattern in ("%", "B%", "_intou Office B", "bintou%"):
            probe = (
                self.env["res.partner"]
                .with_user(self.technician_a)
                .new({"name": pattern, "birthdate": date(1980, 1, 1), "is_beneficiary": True})
            )
            with self.subTest(pattern=pattern):
                self.assertFalse(probe.duplicate_office_names)
        exact = (
            self.env["res.partner"]
            .with_user(self.technician_a)
            .new({"name": "bintou office b", "birthdate": date(1980, 1, 1), "is_beneficiary": True})
        )
        self.assertEqual(exact.duplicate_office_names, "Office B")
        self.assertFalse(exact.duplicate_partner_ids)
        with self.assertRefused(ValidationError, r"followed by Office A\. Ask that office"):
            self.env["migrant.identity.document"].with_user(self.technician_b).create(
                {"partner_id": self.person_b.id, "document_type": "nie", "number": "X1234567L"}
            )

    def test_the_desk_look_up_finds_by_exact_values_and_hides_other_offices(self):
        Partner = self.env["res.partner"].with_user(self.technician_b)
        match = Partner._migrant_find_person(document="x-1234567-l")
        self.assertFalse(match.partners)
        self.assertEqual(match.offices, self.office_a)
        self.assertEqual(match.matched_on, "document")
        match = Partner._migrant_find_person(phone_number="611 000 102")
        self.assertEqual(match.partners, self.person_b)
        self.assertEqual(match.matched_on, "phone")
        match = (
            self.env["res.partner"]
            .with_user(self.technician_a)
            ._migrant_find_person(document="X1234567L")
        )
        self.assertEqual(match.partners, self.person_a)
        self.assertFalse(Partner._migrant_find_person(document="Y0000000Z").matched_on)

    # ------------------------------------------------------------------ 11. bad input
    def test_bad_input_gets_a_clear_message_and_nothing_is_saved(self):
        Intervention = self.env["migrant.intervention"].with_user(self.technician_a)
        Case = self.env["migrant.case"].with_user(self.technician_a)
        Partner = self.env["res.partner"].with_user(self.technician_a)
        count = self.env["migrant.intervention"].search_count([])
        for values, pattern in (
            ({"duration": float("nan")}, "Duration: a finite number"),
            ({"duration": float("inf")}, "Duration: a finite number"),
            ({"date": "1899-12-31 10:00:00"}, "not a plausible date"),
            ({"date": "2999-01-01 10:00:00"}, "not a plausible date"),
            ({"date": "2024-02-30 10:00:00"}, "is not a date of the calendar"),
            ({"intervention_type": "magic"}, "'magic' is not one of the choices"),
            ({"summary": "Phone call\x00"}, "invisible control characters"),
            ({"area_id": False}, "Area: it is required"),
            ({"user_id": self.portal.id}, "choose a technician"),
            ({"user_id": self.technician_b.id}, "does not work in Office A"),
        ):
            with self.subTest(values=values), self.assertRefused(ValidationError, pattern):
                Intervention.create(
                    dict({"case_id": self.case_a.id, "area_id": self.area_social.id}, **values)
                )
        self.assertEqual(self.env["migrant.intervention"].search_count([]), count)
        for name, pattern in (
            ("", "needs a name"),
            ("x" * 100_000, "too long"),
            ("A\x07B", "control"),
        ):
            with self.subTest(name=name[:10]), self.assertRefused(ValidationError, pattern):
                Partner.create({"name": name, "is_beneficiary": True})
        with self.assertRefused(ValidationError, "Birthdate: .* not a plausible date"):
            Partner.create({"name": "Old", "is_beneficiary": True, "birthdate": "1850-01-01"})
        with self.assertRefused(ValidationError, "Person: it is required"):
            Case.create({"office_id": self.office_a.id})
        with self.assertRefused(ValidationError, "choose a technician"):
            Case.create(
                {
                    "partner_id": self.newcomer.id,
                    "office_id": self.office_a.id,
                    "user_id": self.portal.id,
                }
            )

    def test_changing_the_person_of_a_case_moves_what_it_recorded(self):
        permit = self.env["migrant.permit"].create(
            {
                "partner_id": self.person_a.id,
                "case_id": self.case_a.id,
                "permit_type_id": self.env.ref("migrant_integration.permit_type_arraigo_social").id,
            }
        )
        self.case_a.with_user(self.technician_a).partner_id = self.newcomer
        self.assertEqual(self.intervention_a.partner_id, self.newcomer)
        self.assertEqual(permit.partner_id, self.newcomer)

    def test_searches_accept_every_operator_the_interface_sends(self):
        Partner = self.env["res.partner"].with_user(self.technician_a)
        self.assertIn(self.person_a, Partner.search([("document_number", "=", "x-1234567-l")]))
        self.assertNotIn(self.person_a, Partner.search([("document_number", "!=", "X1234567L")]))
        self.assertIn(self.person_a, Partner.search([("document_number", "ilike", "234567")]))
        self.assertIn(self.person_a, Partner.search([("document_number", "!=", False)]))
        self.assertNotIn(self.person_a, Partner.search([("document_number", "=", False)]))
        self.assertIn(
            self.person_a, Partner.search([("phone_e164", "in", ["611000101", "600000000"])])
        )
        self.assertIn(self.person_a, Partner.search([("phone_e164", "ilike", "000101")]))
        self.assertNotIn(self.person_a, Partner.search([("phone_e164", "not ilike", "000101")]))
        Document = self.env["migrant.identity.document"].with_user(self.technician_a)
        own = [("partner_id", "=", self.person_a.id)]
        self.assertTrue(Document.search([*own, ("is_expired", "in", [False])]))
        self.assertFalse(Document.search([*own, ("is_expired", "in", [True])]))
        self.assertTrue(Document.search([*own, ("is_expired", "not in", [True])]))
        Referral = self.env["migrant.referral"].with_user(self.technician_a)
        with self.assertRefused(UserError, "with yes or no"):
            Referral.search([("is_overdue", "=", "yes")])
        Consent = self.env["migrant.consent"].with_user(self.technician_a)
        consent = self._sharing_consent()
        self.assertIn(consent, Consent.search([("is_active", "in", [True, False])]))
        with self.assertRefused(UserError, "cannot be searched with"):
            Partner.search([("document_number", "child_of", "X")])

    # ------------------------------------------------------------------ printing
    def test_the_referral_form_prints_only_once_sent_and_for_its_office(self):
        self._sharing_consent(user=self.coordinator)
        referral = (
            self.env["migrant.referral"]
            .with_user(self.technician_a)
            .create({"case_id": self.case_a.id, "entity_id": self.agency.id})
        )
        Report = self.env["ir.actions.report"]
        report = "migrant_integration.report_migrant_referral"
        with self.assertRefused(UserError, "printed once it is sent"):
            Report.with_user(self.technician_a)._render_qweb_html(report, referral.ids)
        referral.with_user(self.technician_a).action_send()
        html = Report.with_user(self.technician_a)._render_qweb_html(report, referral.ids)[0]
        self.assertRegex(html, rb"From</th>\s*<td>\s*<span>Office A</span>")
        self.assertIn(b"X1234567L", html)
        with self.assertRefused(AccessError, "referrals of your own offices"):
            Report.with_user(self.technician_b)._render_qweb_html(report, referral.ids)

    def test_signed_consent_documents_follow_the_consent(self):
        consent = self._sharing_consent(
            signed_document=base64.b64encode(b"signed"), signed_document_name="consent.pdf"
        )
        with self.assertRaises(AccessError):
            consent.with_user(self.technician_b).read(["signed_document"])

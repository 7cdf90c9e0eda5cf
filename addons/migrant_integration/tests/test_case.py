from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestCase(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._person("Mamadou Diallo")

    def test_reference_from_sequence(self):
        case = self._case(self.person, self.office_a)
        year = fields.Date.context_today(case).year
        self.assertRegex(case.name, rf"^EXP/{year}/\d{{5}}$")
        self.assertEqual(case.stage_id, self.env.ref("migrant_integration.stage_new"))
        self.assertEqual(case.company_id, self.office_a.company_id)

    def test_technician_opens_a_case_with_the_form(self):
        form = Form(self.env["migrant.case"].with_user(self.technician_a))
        form.partner_id = self.person
        self.assertEqual(form.office_id, self.office_a, "the technician's own office")
        form.area_ids.add(self.area_social)
        with form.goal_ids.new() as goal:
            goal.area_id = self.area_legal
            goal.description = "Prepare the arraigo application"
        form.next_review_date = date.today() + timedelta(days=30)
        case = form.save()
        self.assertEqual(case.user_id, self.technician_a)
        self.assertEqual(case.goal_ids.status, "planned")

    def test_close_date_before_open_date_is_refused(self):
        case = self._case(self.person, self.office_a, open_date=date(2026, 3, 10))
        with self.assertRefused(ValidationError, "before it was opened"):
            case.close_date = date(2026, 3, 1)

    def test_closing_sets_close_date_and_reopening_clears_it(self):
        case = self._case(self.person, self.office_a)
        case.action_close()
        self.assertTrue(case.is_closed)
        self.assertEqual(case.close_date, fields.Date.context_today(case))
        case.stage_id = self.stage_active
        self.assertFalse(case.close_date)

    def test_closing_with_open_goals_needs_a_reason(self):
        case = self._case(
            self.person,
            self.office_a,
            goal_ids=[(0, 0, {"description": "Get the health card", "status": "in_progress"})],
        )
        with self.assertRefused(ValidationError, "still has 1 open goal"):
            case.action_close()
        self.assertFalse(case.is_closed, "the case stays open")
        case.closure_reason = "moved"
        case.action_close()
        self.assertTrue(case.is_closed)

    def test_a_case_with_interventions_is_never_deleted(self):
        case = self._case(self.person, self.office_a)
        self._intervention(case)
        with self.assertRefused(UserError, "close or archive it instead"):
            case.unlink()
        case.action_archive()
        self.assertFalse(case.active)
        empty = self._case(self._person("Typo"), self.office_a)
        empty.unlink()
        self.assertFalse(empty.exists())

    def test_household_case_serves_every_member(self):
        household = self.env["migrant.household"].create({"name": "Camara family"})
        mother = self._person("Aminata", household_id=household.id)
        child = self._person("Fatoumata", household_id=household.id)
        case = self._case(mother, self.office_a, client_kind="household")
        self.assertEqual(case.household_id, household)
        self.assertEqual(case.member_ids, mother | child)
        intervention = self._intervention(case, partner_id=child.id)
        self.assertEqual(intervention.partner_id, child)
        with self.assertRefused(ValidationError, "is not served by the case"):
            self._intervention(case, partner_id=self.person.id)
        with self.assertRefused(ValidationError, "needs the household"):
            self._case(self.person, self.office_a, client_kind="household")

    def test_the_people_served_are_recorded_as_they_were_on_the_day(self):
        household = self.env["migrant.household"].create({"name": "Keita family"})
        mother = self._person("Mariam", household_id=household.id, birthdate=date(1985, 3, 1))
        son = self._person("Ibrahim", household_id=household.id, birthdate=date(2006, 9, 30))
        case = self._case(mother, self.office_a, client_kind="household")
        before_birthday = self._intervention(case, date=datetime(2024, 9, 29, 10, 0))
        on_birthday = self._intervention(case, date=datetime(2024, 9, 30, 10, 0))
        bands = {
            (s.intervention_id, s.partner_id): s.age_band for s in case.intervention_ids.person_ids
        }
        self.assertEqual(bands[before_birthday, son], "under_18")
        self.assertEqual(bands[on_birthday, son], "18_29")
        self.assertEqual(bands[on_birthday, mother], "30_54")
        # the son leaves the family: what was served stays as it was
        son.household_id = False
        self.assertEqual(before_birthday.person_ids.partner_id, mother | son)
        later = self._intervention(case)
        self.assertEqual(later.person_ids.partner_id, mother)
        # a person case serves the person the intervention names
        single = self._intervention(self._case(self.person, self.office_a))
        self.assertEqual(single.person_ids.partner_id, self.person)
        with self.assertRaises(AccessError):
            single.person_ids.with_user(self.technician_a).write({"age_band": "55_plus"})

    def test_review_activity_planned_once(self):
        due = self._case(
            self.person,
            self.office_a,
            user_id=self.technician_a.id,
            next_review_date=date.today() - timedelta(days=1),
        )
        later = self._case(
            self._person("Later"),
            self.office_a,
            user_id=self.technician_a.id,
            next_review_date=date.today() + timedelta(days=10),
        )
        review = self.env.ref("migrant_integration.mail_activity_type_case_review")
        Case = self.env["migrant.case"]
        Case._cron_plan_reviews()
        Case._cron_plan_reviews()
        activities = due.activity_ids.filtered(lambda a: a.activity_type_id == review)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.technician_a)
        self.assertFalse(later.activity_ids)

    def test_opening_a_case_is_logged(self):
        case = self._case(self.person, self.office_a)
        form = {"name": {}, "description": {}, "goal_ids": {}, "intervention_ids": {}}
        case.with_user(self.technician_a).web_read(form)
        case.with_user(self.technician_a).web_read(form)
        logs = case.sudo().access_log_ids
        self.assertEqual(len(logs), 1, "once an hour per user and case")
        self.assertEqual(logs.user_id, self.technician_a)
        self.assertEqual(logs.case_reference, case.name)
        self.assertEqual(case.with_user(self.coordinator).access_log_ids, logs)

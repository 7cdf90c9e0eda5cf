from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestPermit(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._person("Moussa Traoré")
        cls.case = cls._case(cls.person, cls.office_a, user_id=cls.lawyer.id)
        cls.arraigo = cls.env.ref("migrant_integration.permit_type_arraigo_sociolaboral")
        cls.nationality = cls.env.ref("migrant_integration.permit_type_nationality")
        cls.Permit = cls.env["migrant.permit"]

    def _permit(self, **vals):
        return self.Permit.create(
            dict(
                {
                    "partner_id": self.person.id,
                    "case_id": self.case.id,
                    "permit_type_id": self.arraigo.id,
                    "user_id": self.lawyer.id,
                },
                **vals,
            )
        )

    def test_deadline_in_business_days_skips_weekend_and_national_holiday(self):
        # Friday 4 December 2026 + 10 business days; 8 December is a national holiday.
        permit = self._permit(requirement_date=date(2026, 12, 4), response_business_days=10)
        self.assertEqual(permit.response_deadline, date(2026, 12, 21))

    def test_local_holiday_of_the_office_calendar_gives_a_later_deadline(self):
        plain = self.env["resource.calendar"].create({"name": "Office B hours"})
        madrid = self.env["resource.calendar"].create({"name": "Office A hours"})
        self.env["resource.calendar.leaves"].with_user(self.coordinator).create(
            {
                "name": "San Isidro",
                "calendar_id": madrid.id,
                "date_from": datetime(2026, 5, 14, 22, 0),  # 15 May in Madrid time
                "date_to": datetime(2026, 5, 15, 21, 59, 59),
            }
        )
        self.office_a.resource_calendar_id = madrid
        self.office_b.resource_calendar_id = plain
        case_b = self._case(self._person("Other"), self.office_b)
        local = self._permit(requirement_date=date(2026, 5, 8), response_business_days=10)
        national = self._permit(
            case_id=case_b.id,
            partner_id=case_b.partner_id.id,
            user_id=False,
            requirement_date=date(2026, 5, 8),
            response_business_days=10,
        )
        self.assertEqual(national.response_deadline, date(2026, 5, 22))
        self.assertEqual(local.response_deadline, date(2026, 5, 25))

    def test_bad_dates_are_refused(self):
        with self.assertRefused(ValidationError, "cannot come before the submission"):
            self._permit(submission_date=date(2026, 3, 1), resolution_date=date(2026, 2, 1))
        with self.assertRefused(ValidationError, "before it was resolved"):
            self._permit(resolution_date=date(2026, 3, 1), valid_until=date(2026, 2, 1))
        with self.assertRefused(ValidationError, "needs the date it is valid until"):
            self._permit(state="granted", resolution_date=date(2026, 3, 1))
        self.assertFalse(self.Permit.search([("partner_id", "=", self.person.id)]))
        nationality = self._permit(permit_type_id=self.nationality.id, state="granted")
        self.assertFalse(nationality.valid_until, "nationality does not expire")

    def test_lawyer_fills_the_form_and_validity_is_suggested(self):
        form = Form(self.Permit.with_user(self.lawyer))
        form.partner_id = self.person
        form.case_id = self.case
        form.permit_type_id = self.arraigo
        self.assertTrue(form.authorises_work)
        form.submission_date = date(2026, 1, 10)
        permit = form.save()
        self.assertEqual(permit.office_id, self.office_a)
        permit.with_user(self.lawyer).action_submit()
        permit.resolution_date = date(2026, 4, 2)
        permit.with_user(self.lawyer).action_grant()
        self.assertEqual(permit.state, "granted")
        self.assertEqual(permit.valid_until, date(2027, 4, 2), "validity of the type")

    def test_renewal_and_reminder_are_planned_once(self):
        today = date.today()
        renewal = self._permit(
            state="granted",
            resolution_date=today - timedelta(days=300),
            valid_until=today + timedelta(days=30),
        )
        later = self._permit(
            state="granted",
            resolution_date=today - timedelta(days=10),
            valid_until=today + timedelta(days=200),
        )
        requirement = self._permit(
            state="documents_requested", requirement_date=today, response_business_days=2
        )
        self.Permit._cron_plan_activities()
        self.Permit._cron_plan_activities()
        self.assertEqual(len(renewal.activity_ids), 1)
        self.assertEqual(renewal.activity_ids.user_id, self.lawyer)
        self.assertFalse(later.activity_ids)
        self.assertEqual(len(requirement.activity_ids), 1)
        self.assertEqual(requirement.activity_ids.date_deadline, requirement.response_deadline)

    def test_every_technician_sees_the_summary_not_the_details(self):
        today = date.today()
        permit = self._permit(
            state="granted",
            resolution_date=today - timedelta(days=10),
            valid_until=today + timedelta(days=355),
        )
        person = self.person.with_user(self.technician_a)
        self.assertIn("Arraigo sociolaboral", person.legal_summary)
        self.assertIn("may work", person.legal_summary)
        self.assertEqual(person.legal_valid_until, permit.valid_until)
        self.assertTrue(person.legal_may_work)
        with self.assertRaises(AccessError):
            permit.with_user(self.technician_a).read(["file_number"])
        self.assertEqual(permit.with_user(self.lawyer).state, "granted")
        for user in (self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                permit.with_user(user).read(["state"])
            with self.assertRaises(AccessError):
                self.person.with_user(user).read(["legal_summary"])

    def test_technician_cannot_add_holidays(self):
        calendar = self.env["resource.calendar"].create({"name": "Office hours"})
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].with_user(self.technician_a).create(
                {
                    "name": "Fiesta",
                    "calendar_id": calendar.id,
                    "date_from": datetime(2026, 6, 1, 0, 0),
                    "date_to": datetime(2026, 6, 1, 23, 0),
                }
            )

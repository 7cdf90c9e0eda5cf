from datetime import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.migrant_integration.tests.common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestWorkshopSession(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.course = cls.env["event.event"].create(
            {
                "name": "Spanish A2",
                "activity_kind": "course",
                "office_id": cls.office_a.id,
                "date_begin": datetime(2026, 10, 1, 16, 0),
                "date_end": datetime(2026, 12, 20, 18, 0),
            }
        )

    def test_technician_plans_sessions_from_the_course_form(self):
        with Form(self.course.with_user(self.technician_a)) as form:
            with form.session_ids.new() as line:
                line.date_begin = datetime(2026, 10, 5, 16, 0)
                line.date_end = datetime(2026, 10, 5, 18, 0)
            with form.session_ids.new() as line:
                line.date_begin = datetime(2026, 10, 7, 16, 0)
                line.date_end = datetime(2026, 10, 7, 18, 0)
        self.assertEqual(self.course.session_count, 2)
        self.assertEqual(self.course.session_ids[0].name, "Spanish A2 - 2026-10-05")

    def test_session_must_end_after_it_starts(self):
        with self.assertRefused(ValidationError, "must end after it starts"):
            self.env["workshop.session"].create(
                {
                    "event_id": self.course.id,
                    "date_begin": datetime(2026, 10, 5, 18, 0),
                    "date_end": datetime(2026, 10, 5, 16, 0),
                }
            )
        sessions = self.env["workshop.session"].search_count([("event_id", "=", self.course.id)])
        self.assertEqual(sessions, 0, "nothing is half written")

    def test_volunteer_reads_but_cannot_plan_sessions(self):
        session = self.env["workshop.session"].create(
            {
                "event_id": self.course.id,
                "date_begin": datetime(2026, 10, 5, 16, 0),
                "date_end": datetime(2026, 10, 5, 18, 0),
            }
        )
        self.assertEqual(session.with_user(self.volunteer).state, "planned")
        with self.assertRaises(AccessError):
            session.with_user(self.volunteer).write({"note": "Moved"})
        with self.assertRaises(AccessError):
            session.with_user(self.volunteer).action_cancel()
        self.assertEqual(session.state, "planned")
        with self.assertRaises(AccessError):
            session.with_user(self.finance).read(["name"])

    def test_held_and_cancelled(self):
        session = self.env["workshop.session"].create(
            {
                "event_id": self.course.id,
                "date_begin": datetime(2026, 10, 5, 16, 0),
                "date_end": datetime(2026, 10, 5, 18, 0),
            }
        )
        session.with_user(self.technician_a).action_mark_held()
        self.assertEqual(session.state, "done")

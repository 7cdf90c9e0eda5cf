import threading
from datetime import date, datetime

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.migrant_integration.tests.common import MigrantIntegrationCommon

#: queries of the check-in screen's data and of one tap, whatever the attendees
LOAD_QUERIES = 4
MARK_QUERIES = 4


class WorkshopsCommon(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.course = cls.env["event.event"].create(
            {
                "name": "Spanish A1 (test)",
                "activity_kind": "course",
                "cefr_level": "A1",
                "office_id": cls.office_a.id,
                "date_begin": datetime(2026, 10, 1, 15, 0),
                "date_end": datetime(2026, 12, 20, 19, 0),
                "date_tz": "Europe/Madrid",
            }
        )
        cls.learners = cls.env["res.partner"]
        for name, phone in (
            ("Amina Test", "+34600112233"),
            ("Bilal Test", "+34600112244"),
            ("Chen Test", "+34600112255"),
        ):
            cls.learners |= cls._person(
                name,
                mobile=phone,
                gender="female",
                birthdate=date(1990, 1, 1),
                nationality_id=cls.env.ref("base.ma").id,
            )
        cls.registrations = cls.env["event.registration"].create(
            [
                {"event_id": cls.course.id, "partner_id": p.id, "name": p.name, "phone": p.mobile}
                for p in cls.learners
            ]
        )

    def _plan(self, start, weekdays, count, user=None, duration=2):
        Weekday = self.env["workshop.weekday"]
        wizard = (
            self.env["workshop.session.generate"]
            .with_user(user or self.technician_a)
            .create(
                {
                    "event_id": self.course.id,
                    "date_start": start,
                    "hour": 17.5,
                    **({"duration": duration} if duration else {}),
                    "count": count,
                    "weekday_ids": [(6, 0, Weekday.search([("code", "in", weekdays)]).ids)],
                }
            )
        )
        wizard.action_generate()
        return self.course.session_ids


@tagged("post_install", "-at_install")
class TestAttendance(WorkshopsCommon):
    def test_sessions_skip_holidays_include_sundays_and_late_registrations(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Fiesta Nacional de España",
                "date_from": datetime(2026, 10, 11, 22, 0),
                "date_to": datetime(2026, 10, 12, 21, 59),
            }
        )
        sessions = self._plan(date(2026, 10, 5), ["0", "6"], 4)
        days = [s.date_begin.date() for s in sessions]
        # Mon 5, Sun 11, (Mon 12 is a holiday), Sun 18, Mon 19
        self.assertEqual(
            days, [date(2026, 10, 5), date(2026, 10, 11), date(2026, 10, 18), date(2026, 10, 19)]
        )
        self.assertEqual(sessions[0].date_begin, datetime(2026, 10, 5, 15, 30), "17:30 Madrid")
        self.assertEqual(len(sessions.attendance_ids), 12)
        self.assertEqual(set(sessions.attendance_ids.mapped("state")), {"absent"})
        late = self._person("Dara Late")
        registration = self.env["event.registration"].create(
            {"event_id": self.course.id, "partner_id": late.id, "name": late.name}
        )
        self.assertEqual(len(registration.attendance_ids), 4)
        self.assertEqual(len(sessions.attendance_ids), 16)

    def test_rate_and_certificate_at_exactly_the_minimum(self):
        sessions = self._plan(date(2026, 10, 5), ["0"], 4)
        amina, bilal, _chen = self.registrations
        for session in sessions:
            session.action_mark_held()
        for session in sessions[:3]:
            session.attendance_ids.filtered(lambda a: a.registration_id == amina).workshop_mark()
        for session in sessions[:2]:
            session.attendance_ids.filtered(lambda a: a.registration_id == bilal).workshop_mark()
        self.registrations.invalidate_recordset()
        self.assertEqual(amina.attendance_rate, 75.0)
        self.assertTrue(amina.is_certificate_eligible, "75 % of the sessions held is enough")
        self.assertEqual(bilal.attendance_rate, 50.0)
        self.assertFalse(bilal.is_certificate_eligible)
        self.assertEqual(self.course.attended_count, 2)

    def test_certificate_in_the_persons_language(self):
        sessions = self._plan(date(2026, 10, 5), ["0"], 4)
        amina = self.registrations[0]
        for session in sessions:
            session.action_mark_held()
            session.attendance_ids.filtered(lambda a: a.registration_id == amina).workshop_mark()
        with self.assertRefused(UserError, "did not attend enough sessions"):
            self.registrations[1].action_print_certificate()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("workshops.report_workshop_certificate", amina.ids)[0]
            .decode()
        )
        self.assertIn("Amina Test", html)
        self.assertRegex(html, r'name="rate">100<')
        self.assertIn("Spanish A1 (test)", html)

    def test_statistics_and_the_annual_report_sheet(self):
        sessions = self._plan(date(2026, 10, 5), ["0"], 2)
        for session in sessions:
            session.action_mark_held()
        amina, bilal, _chen = self.registrations
        for line in sessions.attendance_ids.filtered(lambda a: a.registration_id == amina):
            line.workshop_mark()
        sessions[0].attendance_ids.filtered(lambda a: a.registration_id == bilal).workshop_mark()
        self.env["event.event"].create(
            {
                "name": "Festival",
                "activity_kind": "awareness",
                "office_id": self.office_a.id,
                "date_begin": datetime(2026, 10, 3, 9),
                "date_end": datetime(2026, 10, 3, 13),
                "anonymous_attendance": 7,
                "headcount_ids": [
                    (0, 0, {"gender": "female", "age_band": "18_29", "count": 4}),
                    (0, 0, {"gender": "male", "age_band": "30_54", "count": 3}),
                ],
            }
        )
        Stats = self.env["workshop.statistics"].with_user(self.technician_a)
        [course] = Stats.read_group(
            [("activity_kind", "=", "course")],
            ["attendances:sum", "partner_id:count_distinct"],
            [],
            lazy=False,
        )
        self.assertEqual((course["attendances"], course["partner_id"]), (3, 2))
        self.assertFalse(self.env["workshop.statistics"].with_user(self.technician_b).search([]))
        report = (
            self.env["migrant.annual.report"]
            .with_user(self.coordinator)
            .create({"year": 2026, "office_ids": [(6, 0, self.office_a.ids)]})
        )
        sheet = report._workshops_sheet()
        by_kind, by_gender, reach = sheet.tables
        rows = {row[0]: row[1:] for row in by_kind.rows}
        # activities, sessions held, people, attendances
        self.assertEqual(rows["Language course"], [1, 2, 2, 3])
        self.assertEqual(rows["Awareness event"], [1, 0, 0, 7])
        self.assertEqual(
            sorted(map(tuple, reach.rows)), [("Female", "18-29", 4), ("Male", "30-54", 3)]
        )
        self.assertIn("Workshops", [s.title for s in report._migrant_report_sheets() if s])

    def test_refer_to_a_technician_opens_the_case_in_the_event_office(self):
        amina = self.registrations[0]
        action = amina.with_user(self.technician_a).action_refer_to_technician()
        case = self.env["migrant.case"].browse(action["res_id"])
        self.assertEqual((case.partner_id, case.office_id), (amina.partner_id, self.office_a))
        self.assertEqual(case.intervention_ids.intervention_type, "referral")
        self.assertIn("Spanish A1 (test)", case.activity_ids.summary)
        again = amina.with_user(self.technician_a).action_refer_to_technician()
        self.assertEqual(again["res_id"], case.id, "the open case is used again")
        self.assertEqual(len(case.intervention_ids), 2)
        with self.assertRaises(AccessError):
            amina.with_user(self.volunteer).action_refer_to_technician()

    def test_volunteer_checks_in_and_registers_a_walk_in(self):
        sessions = self._plan(date(2026, 10, 5), ["0"], 1)
        Session = sessions.with_user(self.volunteer)
        data = Session.workshop_checkin_data()
        self.assertEqual(len(data["attendees"]), 3)
        self.assertEqual(set(data["attendees"][0]), {"id", "name", "phone", "state"})
        amina = next(a for a in data["attendees"] if a["name"] == "Amina Test")
        self.assertEqual(Session.workshop_checkin_search("600 11 22 33"), [amina["id"]])
        line = self.env["workshop.attendance"].with_user(self.volunteer).browse(amina["id"])
        self.assertEqual(
            line.workshop_mark("present"), {"id": line.id, "state": "present", "already": False}
        )
        self.assertEqual(line.checked_by_id, self.volunteer)
        self.assertTrue(line.workshop_mark("present")["already"])
        Registration = self.env["event.registration"].with_user(self.volunteer)
        # a known person, found by phone: the answer is the name only
        known = self._person("Elena Known", mobile="+34611223344")
        result = Registration.workshop_walk_in(sessions.id, "Elena", phone="611 22 33 44")
        self.assertEqual(set(result), {"found", "name", "attendance_id", "already"})
        self.assertTrue(result["found"])
        self.assertEqual(result["name"], "Elena Known")
        line = self.env["workshop.attendance"].browse(result["attendance_id"])
        self.assertEqual((line.partner_id, line.state), (known, "present"))
        # somebody new
        result = Registration.workshop_walk_in(
            sessions.id, "Farah New", phone="622 33 44 55", gender="female", birth_year=1999
        )
        self.assertFalse(result["found"])
        person = self.env["workshop.attendance"].browse(result["attendance_id"]).partner_id
        self.assertEqual(
            (person.name, person.birthdate, person.gender),
            ("Farah New", date(1999, 1, 1), "female"),
        )
        self.assertTrue(person.is_beneficiary)
        self.assertEqual(len(sessions.attendance_ids), 5)

    def test_a_volunteer_sees_nothing_else(self):
        person = self.learners[0]
        for model in (
            "migrant.case",
            "migrant.intervention",
            "migrant.permit",
            "migrant.consent",
            "migrant.subsidy",
            "migrant.identity.document",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.volunteer).search([])
        Partner = self.env["res.partner"].with_user(self.volunteer)
        for fname in ("birthdate", "nationality_id", "identity_document_ids", "vulnerability_ids"):
            with self.subTest(fname=fname):
                with self.assertRaises(AccessError):
                    person.with_user(self.volunteer).read([fname])
                with self.assertRaises(AccessError):
                    Partner.search([(fname, "!=", False)])
                with self.assertRaises(AccessError):
                    Partner.browse(person.id).export_data([fname])
        Registration = self.env["event.registration"].with_user(self.volunteer)
        with self.assertRaises(AccessError):
            Registration.search([("partner_id.birthdate", "!=", False)])
        with self.assertRaises(AccessError):
            Registration.search([("partner_id.nationality_id", "!=", False)])

    def test_bad_input_is_refused(self):
        Session = self.env["workshop.session"]
        with self.assertRefused(ValidationError, "outside the dates"):
            Session.create(
                {
                    "event_id": self.course.id,
                    "date_begin": datetime(2027, 1, 5, 16),
                    "date_end": datetime(2027, 1, 5, 18),
                }
            )
        session = Session.create(
            {
                "event_id": self.course.id,
                "date_begin": datetime(2026, 10, 5, 16),
                "date_end": datetime(2026, 10, 5, 18),
            }
        )
        with (
            self.assertRefused(Exception, "one attendance line per session|unique"),
            mute_logger("odoo.sql_db"),
        ):
            self.env["workshop.attendance"].create(
                {"session_id": session.id, "registration_id": self.registrations[0].id}
            )
            self.env.flush_all()
        session.action_cancel()
        line = session.attendance_ids[0]
        with self.assertRefused(UserError, "was cancelled"):
            line.workshop_mark("present")
        with self.assertRefused(ValidationError, "only a language course has a CEFR level"):
            self.env["event.event"].create(
                {
                    "name": "CV workshop",
                    "activity_kind": "workshop",
                    "cefr_level": "B1",
                    "office_id": self.office_a.id,
                    "date_begin": datetime(2026, 10, 1, 9),
                    "date_end": datetime(2026, 10, 1, 11),
                }
            )
        with self.assertRefused(ValidationError, "add up to 3, not to the 5"):
            self.env["event.event"].create(
                {
                    "name": "Neighbourhood party",
                    "activity_kind": "awareness",
                    "office_id": self.office_a.id,
                    "anonymous_attendance": 5,
                    "date_begin": datetime(2026, 10, 1, 9),
                    "date_end": datetime(2026, 10, 1, 11),
                    "headcount_ids": [
                        (0, 0, {"gender": "female", "age_band": "18_29", "count": 2}),
                        (0, 0, {"gender": "male", "age_band": "30_54", "count": 1}),
                    ],
                }
            )
        Registration = self.env["event.registration"].with_user(self.volunteer)
        session2 = Session.create(
            {
                "event_id": self.course.id,
                "date_begin": datetime(2026, 10, 6, 16),
                "date_end": datetime(2026, 10, 6, 18),
            }
        )
        with self.assertRefused(UserError, "Give the name"):
            Registration.workshop_walk_in(session2.id, " ", phone="600000000")
        with self.assertRefused(UserError, "Give a phone, a document number or the year"):
            Registration.workshop_walk_in(session2.id, "Nobody")
        self.assertEqual(len(session2.attendance_ids), 3)

    def test_a_volunteer_reads_no_figures_and_changes_no_head_count(self):
        event = self.env["event.event"].create(
            {
                "name": "Open day",
                "activity_kind": "awareness",
                "office_id": self.office_a.id,
                "date_begin": datetime(2026, 10, 3, 9),
                "date_end": datetime(2026, 10, 3, 13),
                "anonymous_attendance": 2,
                "headcount_ids": [(0, 0, {"gender": "female", "age_band": "18_29", "count": 2})],
            }
        )
        Stats = self.env["workshop.statistics"]
        for user in (self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                Stats.with_user(user).search([])
            with self.assertRaises(AccessError):
                Stats.with_user(user).read_group([], ["attendances:sum"], ["gender"])
        line = event.headcount_ids
        with self.assertRaises(AccessError):
            line.with_user(self.volunteer).write({"count": 200})
        with self.assertRaises(AccessError):
            line.with_user(self.technician_b).write({"count": 200})
        with self.assertRaises(AccessError):
            line.with_user(self.technician_b).read(["count"])
        self.assertEqual(line.count, 2)

    def test_a_template_gives_the_sessions_their_duration(self):
        template = self.env.ref("workshops.event_type_spanish_course")
        template.duration_hours = 1.5
        self.course.event_type_id = template
        sessions = self._plan(date(2026, 10, 5), ["0"], 1, duration=None)
        self.assertEqual((sessions.date_end - sessions.date_begin).total_seconds(), 1.5 * 3600)

    def test_technicians_manage_the_activities_of_their_offices(self):
        self.assertTrue(self.course.with_user(self.technician_a).name)
        with self.assertRaises(AccessError):
            self.course.with_user(self.technician_b).read(["name"])
        self.assertNotIn(
            self.course, self.env["event.event"].with_user(self.technician_b).search([])
        )
        sessions = self._plan(date(2026, 10, 5), ["0"], 1)
        with self.assertRaises(AccessError):
            sessions.attendance_ids[:1].with_user(self.technician_b).workshop_mark()
        with self.assertRaises(AccessError):
            self._plan(date(2026, 11, 5), ["0"], 1, user=self.technician_b)

    def _checkin_queries(self, session):
        Session = session.with_user(self.volunteer)
        Session.workshop_checkin_data()  # caches of access rights and rules
        session.attendance_ids[0].with_user(self.volunteer).workshop_mark("excused")
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        data = Session.workshop_checkin_data()
        load = self.env.cr.sql_log_count - before
        line = session.attendance_ids[-1].with_user(self.volunteer)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        line.workshop_mark("present")
        return len(data["attendees"]), load, self.env.cr.sql_log_count - before

    def test_check_in_costs_a_constant_number_of_queries(self):
        session = self._plan(date(2026, 10, 5), ["0"], 1)
        small = self._checkin_queries(session)
        people = self.env["res.partner"].create(
            [{"name": f"Learner {i}", "is_beneficiary": True} for i in range(300)]
        )
        self.env["event.registration"].create(
            [{"event_id": self.course.id, "partner_id": p.id, "name": p.name} for p in people]
        )
        large = self._checkin_queries(session)
        self.assertEqual((small[0], large[0]), (3, 303))
        # no more queries for 303 attendees than for 3
        self.assertLessEqual(large[1], small[1])
        self.assertLessEqual(large[2], small[2])
        Session = session.with_user(self.volunteer)
        self.env.invalidate_all()
        with self.assertQueryCount(LOAD_QUERIES):
            Session.workshop_checkin_data()
        line = session.attendance_ids[0].with_user(self.volunteer)
        self.env.invalidate_all()
        with self.assertQueryCount(MARK_QUERIES):
            line.workshop_mark("present")


@tagged("post_install", "-at_install")
class TestConcurrentCheckin(TransactionCase):
    """Two volunteers tap the same person at the same moment, each in their own
    database transaction: one line, present once, and the second is told."""

    def test_two_cursors_mark_the_same_person(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            office = env["migrant.office"].create({"name": "Concurrency office", "code": "CC"})
            volunteer = env["res.users"].create(
                {
                    "name": "Door volunteer",
                    "login": "door_volunteer_cc",
                    "groups_id": [
                        (6, 0, [env.ref("migrant_integration.group_migrant_volunteer").id])
                    ],
                }
            )
            event = env["event.event"].create(
                {
                    "name": "Concurrency course",
                    "activity_kind": "course",
                    "office_id": office.id,
                    "date_begin": datetime(2026, 10, 1, 9),
                    "date_end": datetime(2026, 10, 30, 18),
                }
            )
            person = env["res.partner"].create({"name": "Same Person", "is_beneficiary": True})
            env["event.registration"].create({"event_id": event.id, "partner_id": person.id})
            session = env["workshop.session"].create(
                {
                    "event_id": event.id,
                    "date_begin": datetime(2026, 10, 5, 9),
                    "date_end": datetime(2026, 10, 5, 11),
                }
            )
            line_id, uid = session.attendance_ids.id, volunteer.id
            cr.commit()  # pylint: disable=invalid-commit
        try:
            results = {}
            first = registry.cursor()
            env1 = api.Environment(first, uid, {})
            results["first"] = env1["workshop.attendance"].browse(line_id).workshop_mark()

            # the environment is made here: the test holds the registry's lock
            second = registry.cursor()
            env2 = api.Environment(second, uid, {})

            def second_volunteer():
                # what the RPC layer does (odoo.service.model.retrying): a transaction
                # that lost the race on the row is played again
                try:
                    for _attempt in range(5):
                        try:
                            results["second"] = (
                                env2["workshop.attendance"].browse(line_id).workshop_mark()
                            )
                            second.commit()  # pylint: disable=invalid-commit
                            break
                        except SerializationFailure:
                            second.rollback()
                            env2.invalidate_all()
                except Exception as error:
                    results["error"] = repr(error)
                finally:
                    second.close()

            thread = threading.Thread(target=second_volunteer)
            with mute_logger("odoo.sql_db"):
                thread.start()
                thread.join(1)  # the second waits on the first one's row
                self.assertTrue(thread.is_alive())
                first.commit()  # pylint: disable=invalid-commit
                first.close()
                thread.join(30)
            self.assertNotIn("error", results, results.get("error"))
            self.assertFalse(results["first"]["already"])
            self.assertTrue(results["second"]["already"])
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*), min(state) FROM workshop_attendance WHERE session_id ="
                    " (SELECT session_id FROM workshop_attendance WHERE id = %s)",
                    (line_id,),
                )
                self.assertEqual(cr.fetchone(), (1, "present"))
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                events = env["event.event"].search([("name", "=", "Concurrency course")])
                env["event.registration"].search([("event_id", "in", events.ids)]).unlink()
                events.unlink()
                env["res.partner"].search([("name", "=", "Same Person")]).unlink()
                env["res.users"].search([("login", "=", "door_volunteer_cc")]).unlink()
                env["migrant.office"].search([("code", "=", "CC")]).unlink()
                cr.commit()  # pylint: disable=invalid-commit


@tagged("post_install", "-at_install")
class TestCheckinTour(HttpCase):
    def test_volunteer_checks_in_at_the_door(self):
        volunteer = self.env["res.users"].create(
            {
                "name": "Tour volunteer",
                "login": "tour_volunteer",
                "password": "tour_volunteer",
                "groups_id": [
                    (6, 0, [self.env.ref("migrant_integration.group_migrant_volunteer").id])
                ],
            }
        )
        office = self.env["migrant.office"].create({"name": "Tour office", "code": "TO"})
        today = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
        event = self.env["event.event"].create(
            {
                "name": "Tour workshop",
                "activity_kind": "workshop",
                "office_id": office.id,
                "date_begin": today.replace(hour=1),
                "date_end": today.replace(hour=23),
            }
        )
        for name, phone in (("Amina Tour", "+34600112233"), ("Bilal Tour", "+34600998877")):
            person = self.env["res.partner"].create(
                {"name": name, "mobile": phone, "is_beneficiary": True}
            )
            self.env["event.registration"].create(
                {"event_id": event.id, "partner_id": person.id, "name": name, "phone": phone}
            )
        # the demo's sessions of today stay out of the way: one session to open
        self.env["workshop.session"].search(
            [("date_begin", ">=", today), ("date_begin", "<", today.replace(hour=23, minute=59))]
        ).write({"state": "cancelled"})
        self.env["workshop.session"].create(
            {
                "event_id": event.id,
                "date_begin": today.replace(hour=9),
                "date_end": today.replace(hour=11),
            }
        )
        self.start_tour(
            "/odoo/action-workshops.workshop_checkin_action",
            "workshops_volunteer_checkin",
            login=volunteer.login,
        )
        walk_in = self.env["res.partner"].search([("name", "=", "Yusuf Walkin")])
        self.assertTrue(walk_in.is_beneficiary)

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import RuralCommon


@tagged("post_install", "-at_install")
class TestRuralItinerary(RuralCommon):
    def test_new_itinerary_copies_the_template(self):
        start = date(2026, 3, 2)
        project = self._itinerary(self.family_a, user=self.technician_a, start=start)
        template = self.env.ref("rural_itineraries.project_itinerary_template")
        self.assertTrue(project.is_itinerary)
        self.assertFalse(project.is_itinerary_template)
        self.assertEqual(project.household_id, self.family_a)
        self.assertEqual(project.case_id, self.case_a)
        self.assertEqual(project.office_id, self.office_a)
        self.assertEqual(project.partner_id, self.head_a)
        self.assertEqual(project.user_id, self.technician_a)
        self.assertEqual(project.itinerary_start_date, start)
        steps = project.task_ids.sorted("sequence")
        self.assertEqual(len(steps), len(template.task_ids))
        self.assertEqual(
            steps.mapped("rural_step"),
            ["interview", "plan", "training", "field_visit", "relocation"]
            + ["followup_1", "followup_3", "followup_6", "followup_12", "closure"],
        )
        plan = steps.filtered(lambda t: t.rural_step == "plan")
        self.assertEqual(plan.date_deadline.date(), start + relativedelta(days=14))
        self.assertEqual(plan.user_ids, self.technician_a)
        # the template keeps its steps, without deadlines
        self.assertEqual(len(template.task_ids), 10)
        self.assertFalse(any(template.task_ids.mapped("date_deadline")))
        # the phase follows the steps done
        self.assertEqual(project.itinerary_phase, "interview")
        steps[0].state = "1_done"
        self.assertEqual(project.itinerary_phase, "plan")
        steps[:5].write({"state": "1_done"})
        self.assertEqual(project.itinerary_phase, "followup")
        steps.write({"state": "1_done"})
        self.assertEqual(project.itinerary_phase, "done")

    def test_followup_visits_are_planned_once_after_the_relocation(self):
        start = date(2026, 1, 10)
        project = self._itinerary(self.family_a, start=start)
        project.relocation_date = date(2026, 4, 1)
        visits = project.followup_visit_ids
        self.assertEqual(len(visits), 4)
        self.assertEqual(
            sorted(visits.mapped("date")),
            [date(2026, 5, 1), date(2026, 7, 1), date(2026, 10, 1), date(2027, 4, 1)],
        )
        followup_6 = project.task_ids.filtered(lambda t: t.rural_step == "followup_6")
        self.assertEqual(followup_6.date_deadline.date(), date(2026, 10, 1))
        # moving the relocation moves the planned visits, it does not add others
        project.relocation_date = date(2026, 5, 1)
        self.assertEqual(len(project.followup_visit_ids), 4)
        self.assertIn(date(2026, 6, 1), project.followup_visit_ids.mapped("date"))

    def test_relocation_before_the_start_is_refused(self):
        project = self._itinerary(self.family_a, start=date(2026, 3, 1))
        with self.assertRefused(ValidationError, "cannot come before the start"):
            project.relocation_date = date(2026, 2, 1)
            project.flush_recordset()

    def test_one_itinerary_in_progress_per_household(self):
        first = self._itinerary(self.family_a)
        with self.assertRefused(ValidationError, "already has an itinerary in progress"):
            self._itinerary(self.family_a)
        first.task_ids.write({"state": "1_done"})
        second = self._itinerary(self.family_a)
        self.assertEqual(second.itinerary_phase, "interview")

    def test_new_itinerary_wizard(self):
        form = Form(
            self.env["rural.itinerary.new"]
            .with_user(self.technician_a)
            .with_context(default_household_id=self.family_a.id)
        )
        self.assertEqual(form.case_id, self.case_a)
        wizard = form.save()
        action = wizard.action_create()
        project = self.env["project.project"].browse(action["res_id"])
        self.assertEqual(project.household_id, self.family_a)

    def test_plan_revision_gives_the_responsible_an_activity(self):
        project = self._itinerary(self.family_a, user=self.technician_a)
        Visit = self.env["rural.followup.visit"].with_user(self.technician_a)
        visit = Visit.create({"project_id": project.id, "integration_score": 3})
        self.assertFalse(project.activity_ids)
        visit.plan_revision_needed = True
        self.assertEqual(project.activity_ids.user_id, self.technician_a)
        self.assertIn("Revise", project.activity_ids.summary)
        with self.assertRefused(ValidationError, "from 1 to 5"):
            Visit.create({"project_id": project.id, "integration_score": 6})

    def test_feedback_ratings_are_1_to_5(self):
        project = self._itinerary(self.family_a)
        Feedback = self.env["rural.feedback"]
        feedback = Feedback.create(
            {"project_id": project.id, "partner_id": self.head_a.id, "rating_overall": 5}
        )
        self.assertEqual(project.feedback_ids, feedback)
        with self.assertRefused(ValidationError, "goes from 1 to 5"):
            Feedback.create({"project_id": project.id, "rating_support": 0 - 1})


@tagged("post_install", "-at_install")
class TestRuralPlacement(RuralCommon):
    def test_offer_is_filled_when_its_positions_are_taken(self):
        project = self._itinerary(self.family_a)
        placement = self.env["rural.placement"].create(
            {"job_offer_id": self.offer.id, "partner_id": self.head_a.id, "project_id": project.id}
        )
        placement.action_interview()
        placement.action_hire()
        self.assertEqual(self.offer.state, "filled")
        self.assertEqual(placement.date_start, date.today())
        with self.assertRefused(ValidationError, "takes no more people"):
            self.env["rural.placement"].create(
                {
                    "job_offer_id": self.offer.id,
                    "partner_id": self.head_b.id,
                    "project_id": project.id,
                }
            )
        placement.action_end()
        self.assertEqual(self.offer.state, "open")

    def test_more_hired_than_positions_is_refused(self):
        project = self._itinerary(self.family_a)
        Placement = self.env["rural.placement"]
        first, second = Placement.create(
            [
                {"job_offer_id": self.offer.id, "partner_id": partner.id, "project_id": project.id}
                for partner in (self.head_a, self.head_b)
            ]
        )
        first.action_hire()
        with self.assertRefused(ValidationError, "1 position"):
            second.action_hire()

    def test_closed_offer_takes_nobody(self):
        self.offer.action_close()
        project = self._itinerary(self.family_a)
        with self.assertRefused(ValidationError, "is closed"):
            self.env["rural.placement"].create(
                {
                    "job_offer_id": self.offer.id,
                    "partner_id": self.head_a.id,
                    "project_id": project.id,
                }
            )

    def test_state_changes_only_through_the_buttons(self):
        project = self._itinerary(self.family_a)
        placement = (
            self.env["rural.placement"]
            .with_user(self.technician_a)
            .create(
                {
                    "job_offer_id": self.offer.id,
                    "partner_id": self.head_a.id,
                    "project_id": project.id,
                }
            )
        )
        with self.assertRefused(UserError, "change only through its buttons"):
            placement.state = "hired"


@tagged("post_install", "-at_install")
class TestRuralAccess(RuralCommon):
    def test_technicians_see_the_itineraries_of_their_offices(self):
        project_a = self._itinerary(self.family_a, user=self.technician_a)
        project_b = self._itinerary(self.family_b, user=self.technician_b)
        Project = self.env["project.project"]
        domain = [("is_itinerary", "=", True), ("id", "in", (project_a | project_b).ids)]
        self.assertEqual(Project.with_user(self.technician_a).search(domain), project_a)
        self.assertEqual(Project.with_user(self.technician_b).search(domain), project_b)
        self.assertEqual(Project.with_user(self.coordinator).search(domain), project_a | project_b)
        with self.assertRaises(AccessError):
            project_b.with_user(self.technician_a).read(["name"])
        with self.assertRaises(AccessError):
            project_b.with_user(self.technician_a).write({"relocation_date": date.today()})
        tasks = self.env["project.task"].with_user(self.technician_a)
        self.assertFalse(tasks.search([("project_id", "=", project_b.id)]))
        visit_b = self.env["rural.followup.visit"].create({"project_id": project_b.id})
        with self.assertRaises(AccessError):
            visit_b.with_user(self.technician_a).read(["notes"])
        self.assertFalse(
            self.env["rural.followup.visit"]
            .with_user(self.technician_a)
            .search([("id", "=", visit_b.id)])
        )

    def test_a_technician_cannot_move_an_itinerary_to_another_office(self):
        project_a = self._itinerary(self.family_a, user=self.technician_a)
        with self.assertRaises(AccessError):
            project_a.with_user(self.technician_a).case_id = self.case_b

    def test_plain_project_user_sees_no_itinerary(self):
        project_a = self._itinerary(self.family_a)
        project_user = self._user("ru_project_user", "project.group_project_manager")
        Project = self.env["project.project"].with_user(project_user)
        self.assertFalse(Project.search([("id", "=", project_a.id)]))
        with self.assertRaises(AccessError):
            project_a.with_user(project_user).read(["name"])
        self.assertFalse(
            self.env["project.task"]
            .with_user(project_user)
            .search([("project_id", "=", project_a.id)])
        )
        # ordinary projects stay theirs
        other = self.env["project.project"].create({"name": "Office move"})
        self.assertEqual(Project.search([("id", "=", other.id)]), other)

    def test_volunteers_and_finance_see_nothing(self):
        project_a = self._itinerary(self.family_a)
        placement = self.env["rural.placement"].create(
            {
                "job_offer_id": self.offer.id,
                "partner_id": self.head_a.id,
                "project_id": project_a.id,
            }
        )
        records = {
            "project.project": project_a,
            "rural.job.offer": self.offer,
            "rural.placement": placement,
            "rural.followup.visit": self.env["rural.followup.visit"].create(
                {"project_id": project_a.id}
            ),
            "rural.feedback": self.env["rural.feedback"].create({"project_id": project_a.id}),
            "rural.indicator": self.env.ref("rural_itineraries.indicator_families"),
        }
        for user in (self.volunteer, self.finance, self.internal):
            for model, record in records.items():
                with self.subTest(user=user.login, model=model):
                    try:
                        found = self.env[model].with_user(user).search([("id", "=", record.id)])
                    except AccessError:
                        found = None
                    self.assertFalse(found)
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["display_name"])
                    with self.assertRaises(AccessError):
                        record.with_user(user).export_data(["display_name"])
                    with self.assertRaises(AccessError):
                        record.with_user(user).check_access("write")

    def test_technicians_read_indicators_and_cannot_change_them(self):
        indicator = self.env.ref("rural_itineraries.indicator_families")
        self.assertTrue(indicator.with_user(self.technician_a).actual_value >= 0)
        with self.assertRaises(AccessError):
            indicator.with_user(self.technician_a).target = 1

    def test_only_coordinators_change_the_template(self):
        template = self.env.ref("rural_itineraries.project_itinerary_template")
        with self.assertRaises(AccessError):
            template.with_user(self.technician_a).name = "Mine"
        template.with_user(self.coordinator).name = "Itinerary template (2026)"

    def test_only_coordinators_load_the_register(self):
        with self.assertRaises(AccessError):
            self.env["rural.municipality"].with_user(self.technician_a).action_load_ine_register()

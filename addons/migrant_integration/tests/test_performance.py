from odoo.tests import tagged, users, warmup

from .common import MigrantIntegrationCommon

LIST_FIELDS = {
    "name": {},
    "partner_id": {"fields": {"display_name": {}}},
    "office_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "area_ids": {"fields": {"display_name": {}, "color": {}}},
    "open_date": {},
    "next_review_date": {},
    "is_closed": {},
    "activity_ids": {},
}


# the people list view's fields (res_partner_view_list_beneficiary)
PEOPLE_LIST_FIELDS = {
    "name": {},
    "document_number": {},
    "mobile": {},
    "phone": {},
    "gender": {},
    "birthdate": {},
    "nationality_id": {"fields": {"display_name": {}}},
    "household_id": {"fields": {"display_name": {}}},
    "spanish_level": {},
    "case_count": {},
}


@tagged("post_install", "-at_install")
class TestPerformance(MigrantIntegrationCommon):
    """Query counts of the paths that must not grow with the data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office_a.user_ids |= cls.coordinator
        areas = cls.env["migrant.area"].search([])
        people = cls.env["res.partner"].create(
            [
                {"name": f"Person {i}", "is_beneficiary": True, "mobile": f"6110{i:05d}"}
                for i in range(90)
            ]
        )
        cls.env["migrant.identity.document"].create(
            [
                {"partner_id": person.id, "document_type": "passport", "number": f"PA{i:07d}"}
                for i, person in enumerate(people)
            ]
        )
        cls.env["migrant.case"].create(
            [
                {
                    "partner_id": person.id,
                    "office_id": cls.office_a.id,
                    "user_id": cls.technician_a.id,
                    "area_ids": [(6, 0, areas[: 1 + i % 3].ids)],
                }
                for i, person in enumerate(people)
            ]
        )

    def _open_list(self, limit):
        return self.env["migrant.case"].web_search_read(
            [("is_closed", "=", False)], LIST_FIELDS, limit=limit
        )

    @users("mi_tech_a")
    @warmup
    def test_case_list_query_count_does_not_grow(self):
        self.env.invalidate_all()
        with self.assertQueryCount(mi_tech_a=10):
            result = self._open_list(10)
        self.assertEqual(len(result["records"]), 10)
        self.env.invalidate_all()
        with self.assertQueryCount(mi_tech_a=10):
            result = self._open_list(80)
        self.assertEqual(len(result["records"]), 80)

    def _open_people(self, limit):
        return self.env["res.partner"].web_search_read(
            [("is_beneficiary", "=", True), ("name", "=like", "Person %")],
            PEOPLE_LIST_FIELDS,
            limit=limit,
        )

    @users("mi_tech_a", "mi_coordinator")
    @warmup
    def test_people_list_query_count_does_not_grow(self):
        self.env.invalidate_all()
        with self.assertQueryCount(mi_tech_a=10, mi_coordinator=7):
            result = self._open_people(20)
        self.assertEqual(len(result["records"]), 20)
        self.env.invalidate_all()
        with self.assertQueryCount(mi_tech_a=10, mi_coordinator=7):
            result = self._open_people(80)
        self.assertEqual(len(result["records"]), 80)
        self.assertTrue(all(r["document_number"] for r in result["records"]))

    @users("mi_tech_a")
    @warmup
    def test_duplicate_check_is_constant(self):
        Partner = self.env["res.partner"]
        with self.assertQueryCount(mi_tech_a=7):
            person = Partner.new(
                {
                    "name": "Person 5",
                    "is_beneficiary": True,
                    "mobile": "+34611000005",
                    "birthdate": "1990-01-01",
                }
            )
            duplicates = person.duplicate_partner_ids
        self.assertEqual(duplicates.name, "Person 5")

    @users("mi_coordinator")
    @warmup
    def test_subject_access_export_does_not_grow_with_the_history(self):
        person = self.env["res.partner"].search([("name", "=", "Person 7")])
        case = person.case_ids
        self.env["migrant.intervention"].create(
            [{"case_id": case.id, "area_id": self.area_social.id} for _i in range(2)]
        )
        self.env.invalidate_all()
        # one search per model holding personal data, with the three addons installed
        with self.assertQueryCount(mi_coordinator=31):
            person.action_migrant_subject_access_export()
        self.env["migrant.intervention"].create(
            [{"case_id": case.id, "area_id": self.area_social.id} for _i in range(40)]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(mi_coordinator=31):
            person.action_migrant_subject_access_export()

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestHousehold(MigrantIntegrationCommon):
    def test_members_and_minors_are_counted_at_today(self):
        household = self.env["migrant.household"].create(
            {"name": "Mensah family", "housing_situation": "precarious"}
        )
        today = date.today()
        grace = self._person("Grace", household_id=household.id, birthdate=date(1989, 6, 25))
        self._person("Kofi", household_id=household.id, birthdate=today - relativedelta(years=9))
        self._person(
            "Ama", household_id=household.id, birthdate=today - relativedelta(years=18, days=1)
        )
        self._person("Unknown age", household_id=household.id)
        household.head_id = grace
        self.assertEqual(household.member_count, 4)
        self.assertEqual(household.minor_count, 1)

    def test_head_must_be_a_member(self):
        household = self.env["migrant.household"].create({"name": "Haddad family"})
        stranger = self._person("Stranger")
        with self.assertRefused(ValidationError, "without being one of its members"):
            household.head_id = stranger

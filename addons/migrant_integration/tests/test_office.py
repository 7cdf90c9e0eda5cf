from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestOffice(MigrantIntegrationCommon):
    def test_staff_sees_office_from_user_side(self):
        self.assertEqual(self.technician_a.migrant_office_ids, self.office_a)
        self.assertEqual(self.office_a.staff_count, 2)

    def test_office_code_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["migrant.office"].create({"name": "Copy", "code": "A"})

    def test_default_calendar_is_the_company_one(self):
        self.assertEqual(self.office_a.resource_calendar_id, self.company.resource_calendar_id)

    def test_coordinator_creates_office_with_form(self):
        form = Form(self.env["migrant.office"].with_user(self.coordinator))
        form.name = "Lugo"
        form.code = "LUG"
        office = form.save()
        self.assertEqual(office.company_id, self.company)

    def test_technician_and_volunteer_cannot_change_offices(self):
        for user in (self.technician_a, self.volunteer, self.finance):
            office = self.office_a.with_user(user)
            self.assertEqual(office.name, "Office A")  # they may read it
            with self.assertRaises(AccessError):
                office.write({"name": "Renamed"})
            with self.assertRaises(AccessError):
                self.env["migrant.office"].with_user(user).create({"name": "X", "code": "X"})

    def test_offices_of_another_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other NGO"})
        foreign = self.env["migrant.office"].create(
            {"name": "Foreign", "code": "F", "company_id": other.id}
        )
        offices = self.env["migrant.office"].with_user(self.coordinator).search([])
        self.assertNotIn(foreign, offices)
        with self.assertRaises(AccessError):
            foreign.with_user(self.coordinator).read(["name"])

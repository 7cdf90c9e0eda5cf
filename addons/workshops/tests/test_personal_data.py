import base64
import io
from datetime import datetime

import openpyxl

from odoo.tests import tagged

from odoo.addons.migrant_integration.tests.common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestWorkshopPersonalData(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._person("Layla Tamazirt", mobile="633 44 55 66", email="layla@example.org")
        cls.course = cls.env["event.event"].create(
            {
                "name": "Spanish A1 for mothers",
                "date_begin": datetime(2026, 10, 1, 9, 0),
                "date_end": datetime(2026, 12, 20, 11, 0),
            }
        )
        cls.registration = cls.env["event.registration"].create(
            {"event_id": cls.course.id, "partner_id": cls.person.id}
        )

    def test_registrations_are_in_the_subject_access_workbook(self):
        action = self.person.with_user(self.coordinator).action_migrant_subject_access_export()
        export = self.env["migrant.subject.access.export"].browse(int(action["url"].split("/")[4]))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
        rows = list(book["Workshops and courses"].iter_rows(values_only=True))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][0], "Spanish A1 for mothers")

    def test_anonymisation_clears_the_registration_but_keeps_it(self):
        self.assertEqual(self.registration.email, "layla@example.org")
        personal = ["Layla Tamazirt", "layla@example.org", "+34633445566"]
        self.assertTrue(self._columns_containing(personal), "the scan must see the data first")
        self.person.with_user(self.coordinator)._migrant_anonymize()
        self.assertEqual(self._columns_containing(personal), [])
        self.assertTrue(self.registration.exists())
        self.assertFalse(self.registration.email)
        self.assertFalse(self.registration.phone)
        self.assertNotIn("Layla", self.registration.name)
        self.assertEqual(self.course.seats_taken, 1)

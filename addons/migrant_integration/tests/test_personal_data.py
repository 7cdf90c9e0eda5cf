import base64
import io
from collections import Counter
from datetime import date, datetime, timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MigrantIntegrationCommon

NAME = "Zaynab Qwertyuiop"
DOCUMENT = "Y2345678Z"
MOBILE = "+34612345678"
EMAIL = "zaynab.qwertyuiop@example.org"
NOTE = "Sleeps at her cousin Rachid's flat in Lavapies since March"
SITUATION = "Arrived by boat at Motril, pregnant, no family in Spain"
REASON = "Needs a gynaecology appointment and a health card urgently"
PERSONAL = (NAME, DOCUMENT, MOBILE, "612345678", EMAIL, NOTE, SITUATION, REASON)


@tagged("post_install", "-at_install")
class TestPersonalData(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.morocco = cls.env.ref("base.ma")
        cls.person = cls._person(
            NAME,
            gender="female",
            nationality_id=cls.morocco.id,
            birthdate=date(1991, 7, 15),
            mobile="612 34 56 78",
            email=EMAIL,
            street="Calle del Olivar 12",
            city="Madrid",
            comment=NOTE,
        )
        cls.env["migrant.identity.document"].create(
            {"partner_id": cls.person.id, "document_type": "nie", "number": DOCUMENT}
        )
        cls.household = cls.env["migrant.household"].create({"name": "Q. household"})
        cls.person.household_id = cls.household
        cls.daughter = cls._person("Amira Q.", household_id=cls.household.id)
        cls.env.cr.precommit.run()
        cls.household.head_id = cls.person
        cls.env.cr.precommit.run()  # the tracked change of head is written now
        cls.case = cls._case(
            cls.person,
            cls.office_a,
            description=f"<p>{SITUATION}</p>",
            user_id=cls.technician_a.id,
            open_date=date(2023, 12, 1),
        )
        for day, area in (
            (date(2023, 12, 28), cls.area_social),
            (date(2024, 2, 3), cls.area_legal),
        ):
            cls._intervention(
                cls.case,
                date=datetime.combine(day, datetime.min.time()),
                area_id=area.id,
                summary=f"Talked with {NAME}",
                note=NOTE,
            )
        cls.env["migrant.permit"].create(
            {
                "partner_id": cls.person.id,
                "case_id": cls.case.id,
                "permit_type_id": cls.env.ref("migrant_integration.permit_type_arraigo_social").id,
                "file_number": "28/7777/2024",
                "note": f"<p>{NOTE}</p>",
            }
        )
        cls.hospital = cls.env["res.partner"].create(
            {"name": "Hospital", "is_company": True, "entity_kind": "health_centre"}
        )
        cls.consent = cls.env["migrant.consent"].create(
            {
                "partner_id": cls.person.id,
                "purpose": "data_sharing",
                "recipient_partner_ids": [(4, cls.hospital.id)],
                "date_given": date(2023, 12, 1),
                "signed_document": base64.b64encode(NAME.encode()),
                "signed_document_name": "consent.pdf",
            }
        )
        cls.referral = cls.env["migrant.referral"].create(
            {"case_id": cls.case.id, "entity_id": cls.hospital.id, "reason": REASON}
        )
        cls.referral.action_send()
        cls.person.message_post(body=f"Phoned {NAME} at {MOBILE}")
        cls.case.message_post(body=f"{NAME} missed the appointment")
        cls.env["ir.attachment"].create(
            {
                "name": f"{NAME} CV.txt",
                "raw": NAME.encode(),
                "res_model": "migrant.case",
                "res_id": cls.case.id,
            }
        )
        cls.case.write({"stage_id": cls.stage_closed.id, "close_date": date(2024, 3, 1)})
        # Someone else, who must not be touched.
        cls.other = cls._person(
            "Bilal Other",
            gender="male",
            nationality_id=cls.morocco.id,
            birthdate=date(1980, 1, 2),
            mobile="622 00 11 22",
        )
        cls.other_case = cls._case(cls.other, cls.office_b)
        cls._intervention(cls.other_case, note="Other person's note")

    # ------------------------------------------------------------------ helpers
    def _statistics(self):
        """Counts by year, office, area, type, gender, nationality and age band: of the
        people served by each intervention, and of the case files."""
        served = self.env["migrant.intervention.person"].sudo().search([])
        cases = self.env["migrant.case"].sudo().with_context(active_test=False).search([])
        return (
            Counter(
                (
                    s.date.year,
                    s.office_id.id,
                    s.intervention_id.area_id.id,
                    s.intervention_id.intervention_type,
                    s.partner_id.gender,
                    s.partner_id.nationality_id.id,
                    s.partner_id.birthdate and s.partner_id.birthdate.year,
                    s.age_band,
                )
                for s in served
            ),
            Counter(
                (
                    c.open_date.year,
                    c.close_date,
                    c.office_id.id,
                    c.partner_id.gender,
                    c.partner_id.nationality_id.id,
                )
                for c in cases
            ),
        )

    # ------------------------------------------------------------------ anonymisation
    def test_anonymisation_keeps_the_statistics_and_removes_every_personal_string(self):
        before = self._statistics()
        self.assertTrue(self._columns_containing([NAME]), "the scan must see the data first")
        wizard = (
            self.env["res.partner.anonymize"]
            .with_user(self.coordinator)
            .create({"partner_ids": [(6, 0, self.person.ids)], "confirm": True})
        )
        wizard.action_anonymize()
        self.assertEqual(self._statistics(), before)
        self.assertEqual(self._columns_containing(PERSONAL), [])
        person = self.person
        self.assertTrue(person.anonymized_date)
        self.assertEqual(person.birthdate, date(1991, 1, 1))
        self.assertEqual(person.gender, "female")
        self.assertEqual(person.nationality_id, self.morocco)
        self.assertFalse(person.identity_document_ids)
        self.assertFalse(person.consent_ids)
        self.assertFalse(person.message_ids)
        self.assertEqual(len(self.case.intervention_ids), 2)
        self.assertEqual(self.household.name, "Q. household", "the daughter's family stays")
        # Nobody else was touched.
        self.assertEqual(self.other.name, "Bilal Other")
        self.assertEqual(self.other_case.intervention_ids.note, "Other person's note")

    def test_a_person_with_an_open_case_is_not_anonymised(self):
        self.case.stage_id = self.stage_active
        with self.assertRefused(UserError, "an open case file .* still needs these data"):
            self.person.with_user(self.coordinator)._migrant_anonymize()
        self.assertEqual(self.person.name, NAME)
        self.assertEqual(self.person.identity_document_ids.number, DOCUMENT)

    def test_only_coordinators_anonymise(self):
        for user in (self.technician_a, self.lawyer):
            with self.assertRefused(AccessError, "Only coordinators"):
                self.person.with_user(user)._migrant_anonymize()
            with self.assertRaises(AccessError):
                self.env["res.partner.anonymize"].with_user(user).create(
                    {"partner_ids": [(6, 0, self.person.ids)], "confirm": True}
                )
        self.assertEqual(self.person.name, NAME)

    def test_the_wizard_asks_for_confirmation(self):
        wizard = (
            self.env["res.partner.anonymize"]
            .with_user(self.coordinator)
            .create({"partner_ids": [(6, 0, self.person.ids)]})
        )
        with self.assertRefused(UserError, "Tick the box to confirm"):
            wizard.action_anonymize()
        self.assertEqual(self.person.name, NAME)

    def test_scheduled_anonymisation_after_the_company_period(self):
        Anonymize = self.env["res.partner.anonymize"]
        self.company.migrant_anonymize_after_years = 0
        self.assertEqual(Anonymize._cron_anonymize(), 0, "0 years disables it")
        self.company.migrant_anonymize_after_years = 2
        recent = self._person("Recently Closed")
        self._case(
            recent,
            self.office_a,
            stage_id=self.stage_closed.id,
            open_date=date.today() - timedelta(days=400),
            close_date=date.today() - timedelta(days=200),
        )
        reopened = self._person("Came Back")
        self._case(
            reopened,
            self.office_a,
            stage_id=self.stage_closed.id,
            open_date=date(2019, 1, 1),
            close_date=date(2020, 1, 1),
        )
        self._case(reopened, self.office_b)
        second = self._person("Also Long Gone")
        self._case(
            second,
            self.office_b,
            stage_id=self.stage_closed.id,
            open_date=date(2018, 1, 1),
            close_date=date(2019, 1, 1),
        )
        self.assertEqual(Anonymize._migrant_due_for_anonymisation(), self.person | second)
        self.assertEqual(Anonymize._cron_anonymize(batch_size=1), 1, "one batch")
        self.assertEqual(Anonymize._cron_anonymize(batch_size=1), 1, "the next one")
        self.assertTrue(self.person.anonymized_date)
        self.assertTrue(second.anonymized_date)
        self.assertFalse(recent.anonymized_date)
        self.assertFalse(reopened.anonymized_date)
        self.assertEqual(Anonymize._cron_anonymize(), 0, "done once")

    # ------------------------------------------------------------------ subject access
    def _export(self, user, partner=None):
        action = (partner or self.person).with_user(user).action_migrant_subject_access_export()
        export_id = int(action["url"].split("/")[4])
        export = self.env["migrant.subject.access.export"].browse(export_id)
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))

    @staticmethod
    def _cells(book):
        return {
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        }

    def test_subject_access_workbook_holds_the_person_and_only_them(self):
        book = self._export(self.coordinator)
        self.assertEqual(
            book.sheetnames[:8],  # other addons add theirs (workshops)
            [
                "Person",
                "Identity documents",
                "Case files",
                "Plan",
                "Interventions",
                "Legal procedures",
                "Referrals",
                "Consents",
            ],
        )
        cells = self._cells(book)
        for expected in (
            NAME,
            DOCUMENT,
            MOBILE,
            EMAIL,
            self.case.name,
            "28/7777/2024",
            self.referral.name,
            REASON,
            NOTE,
        ):
            self.assertIn(expected, " | ".join(cells))
        self.assertEqual(book["Interventions"].max_row, 1 + 2)
        joined = " | ".join(cells)
        for foreign in ("Bilal Other", "+34622001122", self.other_case.name, "Other person's note"):
            self.assertNotIn(foreign, joined)

    def test_subject_access_follows_the_rights_of_the_user(self):
        self.technician_a.email = False  # staff without an email address export too
        book = self._export(self.technician_a)
        self.assertNotIn("Legal procedures", book.sheetnames, "technicians see no procedures")
        self.assertIn(NAME, self._cells(book))
        self.assertIn("Personal data exported", self.person.message_ids[:1].body)
        with self.assertRaises(AccessError):
            self._export(self.technician_b)
        with self.assertRaises(AccessError):
            self._export(self.volunteer)

    # ------------------------------------------------------------------ legal summary
    def test_legal_summary_for_technicians_details_for_lawyers(self):
        person = self.person.with_user(self.technician_a)
        self.assertIn("in progress: Arraigo social", person.legal_summary)
        with self.assertRaises(AccessError):
            person.read(["permit_ids"])
        self.assertTrue(self.person.with_user(self.lawyer).permit_ids)
        for user in (self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                self.person.with_user(user).read(["legal_summary"])
            with self.assertRaises(AccessError):
                self.env["migrant.permit"].with_user(user).search([])

import re
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MigrantIntegrationCommon

TECHNICAL = re.compile(r"^[a-z_.]+,\d+$")


@tagged("post_install", "-at_install")
class TestDisplay(MigrantIntegrationCommon):
    """What staff read: titles a person understands, and the program's settings."""

    def test_every_record_has_a_title_a_person_reads(self):
        person = self._person("Awa Ndiaye", birthdate=date(1990, 1, 1))
        document = self.env["migrant.identity.document"].create(
            {"partner_id": person.id, "document_type": "nie", "number": "X1234567L"}
        )
        case = self._case(person, self.office_a, user_id=self.technician_a.id)
        goal = self.env["migrant.case.goal"].create(
            {"case_id": case.id, "description": "Register with the city"}
        )
        intervention = self._intervention(
            case, intervention_type="advice", date=datetime(2026, 3, 12, 10, 0)
        )
        consent = self.env["migrant.consent"].create(
            {"partner_id": person.id, "purpose": "data_sharing", "date_given": date(2026, 3, 1)}
        )
        agency = self.env["res.partner"].create({"name": "Agency", "is_company": True})
        referral = self.env["migrant.referral"].create({"case_id": case.id, "entity_id": agency.id})
        permit = self.env["migrant.permit"].create(
            {
                "partner_id": person.id,
                "case_id": case.id,
                "permit_type_id": self.env.ref("migrant_integration.permit_type_work_permit").id,
            }
        )
        self.env.invalidate_all()
        case.with_user(self.technician_a).read(["description"])
        log = self.env["migrant.case.access.log"].search([("case_id", "=", case.id)])
        records = (
            document,
            case,
            goal,
            intervention,
            intervention.person_ids,
            consent,
            referral,
            permit,
            log,
        )
        for record in records:
            with self.subTest(model=record._name):
                self.assertTrue(record.display_name)
                self.assertNotRegex(record.display_name, TECHNICAL)
                self.assertNotEqual(record.display_name, "/")
        as_tech = intervention.with_user(self.technician_a)
        self.assertEqual(as_tech.display_name, "03/12/2026 · Advice · Awa Ndiaye")
        self.assertEqual(document.display_name, "NIE X1234567L")
        self.assertEqual(consent.display_name, "Sharing data with other entities · Awa Ndiaye")
        self.assertIn(case.name, log.display_name)

    def test_a_new_file_is_titled_new_until_saved(self):
        form = Form(self.env["migrant.case"].with_user(self.technician_a))
        self.assertEqual(form.name, "New")
        form.partner_id = self._person("Someone")
        case = form.save()
        self.assertRegex(case.name, r"^EXP/\d{4}/\d{5}$")
        referral = Form(self.env["migrant.referral"].with_user(self.technician_a))
        self.assertEqual(referral.name, "New")

    def test_coordinators_keep_the_program_settings(self):
        Settings = self.env["migrant.settings"].with_user(self.coordinator)
        settings = Settings.create({})
        self.assertEqual(settings.migrant_permit_renewal_days, 60)
        settings.migrant_anonymize_after_years = 6
        settings.action_save()
        self.assertEqual(self.company.migrant_anonymize_after_years, 6)
        with self.assertRefused(ValidationError, "must be between 0 and 365"):
            Settings.create({"migrant_permit_renewal_days": 1000})
        with self.assertRaises(AccessError):
            self.env["migrant.settings"].with_user(self.technician_a).create({})
        self.assertEqual(self.company.migrant_permit_renewal_days, 60)

    def test_an_anonymised_person_says_so_and_cannot_be_edited(self):
        person = self._person("Short Stay", mobile="611 99 88 77")
        case = self._case(person, self.office_a)
        case.write({"stage_id": self.stage_closed.id})
        person.with_user(self.coordinator)._migrant_anonymize()
        self.assertEqual(person.anonymized_date, date.today())
        with self.assertRefused(UserError, "anonymised person cannot be changed"):
            person.with_user(self.coordinator).write({"mobile": "611 00 00 01"})
        self.assertFalse(person.mobile)
        arch = (
            self.env["res.partner"]
            .with_user(self.technician_a)
            .get_view(
                self.env.ref("migrant_integration.res_partner_view_form_beneficiary").id, "form"
            )["arch"]
        )
        self.assertIn('readonly="anonymized_date"', arch.replace("'", '"'))
        self.assertGreater(date.today() + timedelta(days=1), person.anonymized_date)

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestPartner(MigrantIntegrationCommon):
    def test_phones_are_stored_in_e164(self):
        person = self._person("Rajesh Kumar", mobile="612 34 56 78", phone="0091 98765 43210")
        self.assertEqual(person.mobile, "+34612345678")
        self.assertEqual(person.phone, "+919876543210")
        person.mobile = "+212 612-345678"
        self.assertEqual(person.mobile, "+212612345678")

    def test_phone_of_other_contacts_is_left_alone(self):
        company = self.env["res.partner"].create({"name": "Cruz Roja", "phone": "91 000"})
        self.assertEqual(company.phone, "91 000")

    def test_a_phone_that_cannot_be_a_number_is_refused(self):
        with self.assertRefused(ValidationError, "cannot be a phone number"):
            self._person("Nobody", mobile="call me")
        with self.assertRefused(ValidationError, "cannot be a phone number of ES"):
            self._person("Nobody", mobile="123")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Nobody")]))

    def test_phone_search_accepts_any_format(self):
        person = self._person("Jenny Santos", mobile="+34 699 11 22 33")
        found = self.env["res.partner"].search([("phone_e164", "=", "699112233")])
        self.assertEqual(found, person)
        self.assertFalse(self.env["res.partner"].search([("phone_e164", "=", "not a phone")]))

    def test_document_search_accepts_typed_formats(self):
        person = self._person("Mamadou Diallo")
        self.env["migrant.identity.document"].create(
            {"partner_id": person.id, "document_type": "nie", "number": "X1234567L"}
        )
        found = self.env["res.partner"].search([("document_number", "=", "x-1234567-l")])
        self.assertEqual(found, person)

    def test_birthdate_rules(self):
        today = fields.Date.context_today(self.env["res.partner"])
        with self.assertRefused(ValidationError, "in the future"):
            self._person("Future", birthdate=today + relativedelta(days=1))
        with self.assertRefused(ValidationError, "more than 120 years ago"):
            self._person("Ancient", birthdate=today - relativedelta(years=121))
        with self.assertRefused(ValidationError, "cannot have arrived in Spain"):
            self._person("Early", birthdate=date(1990, 5, 1), arrival_date=date(1989, 1, 1))
        self.assertTrue(self._person("Ok", birthdate=date(1990, 1, 1), birthdate_is_estimate=True))

    def test_possible_duplicates_by_phone_and_by_name_and_birthdate(self):
        first = self._person(
            "Test Duplicate Person", mobile="611223344", birthdate=date(1985, 1, 23)
        )
        by_phone = self._person("C. Rojas", mobile="+34 611 22 33 44")
        by_name = self._person("test duplicate PERSON", birthdate=date(1985, 1, 23))
        unrelated = self._person("Test Duplicate Person", birthdate=date(1986, 1, 23))
        self.assertEqual(by_phone.duplicate_partner_ids, first)
        self.assertEqual(by_name.duplicate_partner_ids, first)
        self.assertEqual(first.duplicate_partner_ids, by_phone | by_name)
        self.assertFalse(unrelated.duplicate_partner_ids)

    def test_duplicates_show_while_typing_and_open_the_merge_wizard(self):
        first = self._person("Test Typing Person", mobile="622334455")
        form = Form(
            self.env["res.partner"]
            .with_user(self.technician_a)
            .with_context(default_is_beneficiary=True),
            view="migrant_integration.res_partner_view_form_beneficiary",
        )
        form.name = "Test Typing P."
        form.mobile = "+34622334455"
        self.assertIn(first, form.duplicate_partner_ids)
        second = form.save()
        with self.assertRefused(AccessError, "Only a coordinator merges"):
            second.with_user(self.technician_a).action_open_merge_wizard()
        action = second.with_user(self.coordinator).action_open_merge_wizard()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.partner_ids, first | second)

    def test_technician_fills_the_person_form_at_the_interview(self):
        form = Form(
            self.env["res.partner"]
            .with_user(self.technician_a)
            .with_context(default_is_beneficiary=True),
            view="migrant_integration.res_partner_view_form_beneficiary",
        )
        form.name = "Oksana Kovalenko"
        form.gender = "female"
        form.birthdate = date(1985, 5, 5)
        form.nationality_id = self.env.ref("base.ua")
        form.mobile = "633 44 55 66"
        with form.identity_document_ids.new() as document:
            document.document_type = "nie"
            document.number = "y-1234567-x"
        form.language_ids.add(self.env.ref("migrant_integration.language_uk"))
        form.spanish_level = "a2"
        form.vulnerability_ids.add(
            self.env.ref("migrant_integration.vulnerability_international_protection")
        )
        form.referral_source = "ngo"
        person = form.save()
        self.assertTrue(person.is_beneficiary)
        self.assertEqual(person.mobile, "+34633445566")
        self.assertEqual(person.identity_document_ids.number, "Y1234567X")
        self.assertEqual(person.language_ids.name, "Ukrainian")

    def test_entity_tax_number_is_checked(self):
        entity = self.env["res.partner"].create(
            {"name": "Fundación Cepaim", "is_company": True, "entity_kind": "ngo"}
        )
        with self.assertRefused(ValidationError, "not a valid Spanish NIF/CIF"):
            entity.vat = "ESG1234567"
        entity.vat = "ESG73600553"
        self.assertEqual(entity.entity_kind, "ngo")

    def test_duplicates_in_another_office_say_only_which_office(self):
        followed = self._person("Test Hidden Person", mobile="644556677")
        self._case(followed, self.office_b)
        newcomer = self._person("Test Newcomer", mobile="+34 644 55 66 77")
        as_technician = newcomer.with_user(self.technician_a)
        self.assertFalse(as_technician.duplicate_partner_ids)
        self.assertEqual(as_technician.duplicate_office_names, "Office B")
        as_coordinator = newcomer.with_user(self.coordinator)
        self.assertEqual(as_coordinator.duplicate_partner_ids, followed)
        self.assertFalse(as_coordinator.duplicate_office_names)

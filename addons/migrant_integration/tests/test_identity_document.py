from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestIdentityDocument(MigrantIntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._person("Aminata Camara")
        cls.Document = cls.env["migrant.identity.document"]

    def _doc(self, number, document_type="nie", partner=None, **vals):
        return self.Document.create(
            dict(
                partner_id=(partner or self.person).id,
                document_type=document_type,
                number=number,
                **vals,
            )
        )

    def test_nie_is_normalised_and_issued_in_spain(self):
        document = self._doc("x-1234567-l")
        self.assertEqual(document.number, "X1234567L")
        self.assertEqual(document.issuing_country_id, self.env.ref("base.es"))
        document.number = "x 1234567 l"
        self.assertEqual(document.number, "X1234567L")

    def test_dni_is_normalised(self):
        self.assertEqual(self._doc("12.345.678-z", "dni").number, "12345678Z")

    def test_passport_kept_as_typed_without_spaces(self):
        passport = self._doc(
            "ab 123 456", "passport", issuing_country_id=self.env.ref("base.sn").id
        )
        self.assertEqual(passport.number, "AB123456")

    def test_bad_numbers_say_which_rule_failed(self):
        cases = [
            ("dni", "1234567", "has 7 characters"),
            ("dni", "12345678A", "check letter .* must be Z"),
            ("nie", "A1234567L", "starts with X, Y or Z"),
            ("nie", "X1234567A", "check letter .* must be L"),
            ("passport", "AB-12#45", "letters A-Z and digits"),
        ]
        for document_type, number, reason in cases:
            with self.subTest(number=number), self.assertRefused(ValidationError, reason):
                self._doc(number, document_type)
        self.assertFalse(self.person.identity_document_ids, "nothing is half written")

    def test_same_number_refused_naming_the_holder(self):
        self._doc("X1234567L")
        other = self._person("Another Person")
        with self.assertRefused(ValidationError, "already belongs to Aminata Camara"):
            self._doc("X-1234567-L", partner=other)

    def test_holder_hidden_from_technician_of_another_office(self):
        self._doc("Y1234567X")
        self._case(self.person, self.office_b)
        newcomer = self._person("Newcomer")
        Document = self.Document.with_user(self.technician_a)
        with self.assertRefused(
            ValidationError, "already belongs to a person followed by Office B"
        ):
            Document.create(
                {"partner_id": newcomer.id, "document_type": "nie", "number": "Y1234567X"}
            )

    def test_same_passport_number_of_two_countries_is_allowed(self):
        self._doc("AB123456", "passport", issuing_country_id=self.env.ref("base.sn").id)
        other = self._person("Other")
        self._doc(
            "AB123456", "passport", partner=other, issuing_country_id=self.env.ref("base.ma").id
        )
        with self.assertRefused(ValidationError, "already belongs"):
            self._doc(
                "AB123456",
                "passport",
                partner=self._person("Third"),
                issuing_country_id=self.env.ref("base.sn").id,
            )

    def test_expired_flag_and_search(self):
        old = self._doc("X1234567L", issue_date="2015-01-01", expiry_date="2020-01-01")
        current = self._doc("Z1234567R", issue_date="2024-01-01", expiry_date="2099-01-01")
        self.assertTrue(old.is_expired)
        self.assertFalse(current.is_expired)
        self.assertEqual(self.Document.search([("is_expired", "=", True)]) & (old | current), old)
        with self.assertRefused(ValidationError, "cannot expire before it was issued"):
            self._doc("Y7654321G", issue_date="2024-01-01", expiry_date="2023-01-01")

    def test_same_number_twice_in_one_import_is_refused(self):
        other = self._person("Other")
        with self.assertRefused(ValidationError, "is typed twice"):
            self.Document.create(
                [
                    {"partner_id": self.person.id, "document_type": "nie", "number": "X1234567L"},
                    {"partner_id": other.id, "document_type": "nie", "number": "x-1234567-l"},
                ]
            )
        self.assertFalse(self.Document.search([("number", "=", "X1234567L")]))

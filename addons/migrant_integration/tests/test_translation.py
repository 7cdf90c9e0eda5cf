from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MigrantCase


@tagged("post_install", "-at_install")
class TestSpanish(MigrantCase):
    """The shipped Spanish translation reaches the users who work in Spanish."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(["migrant_integration"], ["es_ES"])
        cls.technician_a.lang = "es_ES"

    def _as_spanish_technician(self, model):
        # The web client sends the user's language in the context of every call.
        return self.env[model].with_user(self.technician_a).with_context(lang="es_ES")

    def test_errors_speak_spanish(self):
        person = self._person("Awa Ndiaye")
        Consent = self._as_spanish_technician("migrant.consent")
        with self.assertRefused(ValidationError, "no puede retirarse .* antes de haberse otorgado"):
            Consent.create(
                {
                    "partner_id": person.id,
                    "purpose": "data_sharing",
                    "date_given": date(2026, 3, 1),
                    "date_withdrawn": date(2026, 2, 1),
                }
            )

    def test_labels_and_data_speak_spanish(self):
        Referral = self._as_spanish_technician("migrant.referral")
        self.assertEqual(
            Referral._fields["follow_up_date"]._description_string(Referral.env),
            "Fecha de seguimiento",
        )
        self.assertEqual(
            self._as_spanish_technician("migrant.case.stage").browse(self.stage_closed.id).name,
            "Cerrado",
        )

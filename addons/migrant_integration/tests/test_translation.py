from datetime import date

import polib

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

from .common import MigrantIntegrationCommon


@tagged("post_install", "-at_install")
class TestSpanish(MigrantIntegrationCommon):
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
        with self.assertRefused(ValidationError, "no puede caducar .* antes de haberse otorgado"):
            Consent.create(
                {
                    "partner_id": person.id,
                    "purpose": "data_sharing",
                    "date_given": date(2026, 3, 1),
                    "date_expiry": date(2026, 2, 1),
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

    def test_every_term_of_the_addons_has_its_spanish_translation(self):
        """What the addons would export today (fields, views, data, code) is all in
        their shipped es.po: a new English text without Spanish fails here."""
        # the program's addons installed here: this one and those built on it
        modules = self.env["ir.module.module"].search(
            [
                ("state", "=", "installed"),
                "|",
                ("name", "=", "migrant_integration"),
                ("dependencies_id.name", "=", "migrant_integration"),
            ]
        )
        self.assertIn("migrant_integration", modules.mapped("name"))
        for module in modules.mapped("name"):
            path = file_path(f"{module}/i18n/es.po")
            spanish = {entry.msgid for entry in polib.pofile(path) if entry.msgstr}
            reader = TranslationModuleReader(self.env.cr, [module])
            missing = {
                source
                for mod, _type, _name, _res_id, source, _value, _comments in reader
                if mod == module and source.strip() and source not in spanish
            }
            self.assertFalse(missing, f"{module}: terms without Spanish translation")

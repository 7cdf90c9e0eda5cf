from odoo.tests import tagged

from .common import MigrantIntegrationCommon

VIEWS = {
    "technician": (
        "migrant_integration.res_partner_view_form_beneficiary",
        "migrant_integration.migrant_referral_view_form",
        "migrant_integration.migrant_referral_view_kanban",
        "migrant_integration.migrant_consent_view_form",
        "migrant_integration.migrant_case_view_form",
    ),
    "coordinator": ("migrant_integration.res_partner_anonymize_view_form",),
}


@tagged("post_install", "-at_install")
class TestViews(MigrantIntegrationCommon):
    """Each role opens its forms: no field of a view is out of its reach."""

    def _open(self, user, xmlid):
        view = self.env.ref(xmlid)
        result = self.env[view.model].with_user(user).get_views([(view.id, view.type)])
        self.assertIn(view.model, result["models"])
        return result["views"][view.type]["arch"]

    def test_technician_and_lawyer_open_their_forms(self):
        for user in (self.technician_a, self.lawyer):
            for xmlid in VIEWS["technician"]:
                self._open(user, xmlid)
        person_form = self._open(self.technician_a, VIEWS["technician"][0])
        self.assertIn("consent_ids", person_form)
        self.assertNotIn("action_migrant_anonymize", person_form)
        self.assertNotIn('name="permit_ids"', person_form)
        self.assertIn('name="permit_ids"', self._open(self.lawyer, VIEWS["technician"][0]))

    def test_coordinator_sees_the_anonymise_button_and_the_override(self):
        person_form = self._open(self.coordinator, VIEWS["technician"][0])
        self.assertIn("action_migrant_anonymize", person_form)
        referral_form = self._open(self.coordinator, VIEWS["technician"][1])
        self.assertIn("consent_override_reason", referral_form)
        self.assertNotIn(
            "consent_override_reason", self._open(self.technician_a, VIEWS["technician"][1])
        )
        self._open(self.coordinator, VIEWS["coordinator"][0])

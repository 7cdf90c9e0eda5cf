from odoo.tests import TransactionCase, tagged

ADDON_MODULES = ("migrant_integration", "workshops", "rural_itineraries")

#: models with a ``partner_id`` to res.partner that hold no data about a person, and why
NOT_ABOUT_A_PERSON = {
    "migrant.office": "the office's own address",
    "res.company": "the organisation's own contact",
    "res.users": "the staff member's own contact",
    "migrant.subsidy": "an organisation: the funder or the entity subsidised",
    "workshop.statistics": "a read-only view of the attendance lines (covered there)",
    "migrant.statistics": "a read-only view of the people served lines (covered there)",
}


@tagged("post_install", "-at_install")
class TestPersonalDataCoverage(TransactionCase):
    """Every model of the addons naming a person holds personal data: it uses the
    personal-data mechanism (anonymisation and subject-access export then cover it),
    or it is listed above with the reason it does not. A new model fails this test
    until that is decided."""

    def test_every_model_naming_a_person_uses_the_personal_data_mechanism(self):
        mixin_users = set(self.env.registry.descendants(["migrant.personal.data"], "_inherit"))
        undecided = []
        for ir_model in self.env["ir.model"].search([]):
            modules = set((ir_model.modules or "").replace(" ", "").split(","))
            if not modules & set(ADDON_MODULES) or ir_model.model not in self.env:
                continue
            Model = self.env[ir_model.model]
            field = Model._fields.get("partner_id")
            if Model._abstract or not field or field.type != "many2one":
                continue
            if field.comodel_name != "res.partner":
                continue
            if ir_model.model not in mixin_users and ir_model.model not in NOT_ABOUT_A_PERSON:
                undecided.append(ir_model.model)
        self.assertFalse(undecided, "models naming a person without the personal-data mixin")

    def test_the_mixin_covers_the_models_of_the_program(self):
        mixin_users = set(self.env.registry.descendants(["migrant.personal.data"], "_inherit"))
        for model in (
            "res.partner",
            "migrant.case",
            "migrant.case.goal",
            "migrant.intervention",
            "migrant.permit",
            "migrant.referral",
            "migrant.consent",
            "migrant.identity.document",
            "migrant.household",
            "migrant.subject.access.export",
        ):
            with self.subTest(model=model):
                self.assertIn(model, mixin_users)

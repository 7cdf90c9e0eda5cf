from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.migrant_integration.tests.common import MigrantIntegrationCommon

REGISTER = (
    "CPRO;PROVINCIA;CMUN;NOMBRE;POB24;HOMBRES;MUJERES\r\n"
    "44;Teruel;025;Andorra;7258;3591;3667\r\n"
    "44;Teruel;013;Alcañiz;16247;8120;8127\r\n"
    "42;Soria;004;Ágreda;3094;1594;1500"
)


@tagged("post_install", "-at_install")
class TestRuralMunicipality(MigrantIntegrationCommon):
    def test_technician_records_a_municipality(self):
        form = Form(self.env["rural.municipality"].with_user(self.technician_a))
        form.name = "Bembibre"
        form.ine_code = "24014"
        form.state_id = self.env.ref("base.state_es_le")
        form.population = 8158
        municipality = form.save()
        self.assertEqual(municipality.community, "07")
        self.assertEqual(municipality.welcome_status, "prospect")

    def test_bad_ine_codes_are_refused_with_a_reason(self):
        Municipality = self.env["rural.municipality"]
        with self.assertRefused(ValidationError, "exactly 5 digits"):
            Municipality.create({"name": "X", "ine_code": "4405"})
        with self.assertRefused(ValidationError, "not a province code"):
            Municipality.create({"name": "X", "ine_code": "99001"})
        with self.assertRefused(ValidationError, "another province"):
            Municipality.create(
                {
                    "name": "Alcañiz",
                    "ine_code": "44013",
                    "state_id": self.env.ref("base.state_es_m").id,
                }
            )

    def test_load_register_creates_then_updates(self):
        Municipality = self.env["rural.municipality"]
        Municipality.search([("ine_code", "in", ["44025", "44013", "42004"])]).unlink()
        created, updated = Municipality._load_ine_register(REGISTER)
        self.assertEqual((created, updated), (3, 0))
        alcaniz = Municipality.search([("ine_code", "=", "44013")])
        self.assertEqual(alcaniz.state_id, self.env.ref("base.state_es_te"))
        self.assertEqual(alcaniz.community, "02")
        self.assertEqual(alcaniz.population, 16247)
        created, updated = Municipality._load_ine_register(
            REGISTER.replace("16247", "16300"), year=2025
        )
        self.assertEqual((created, updated), (0, 3))
        self.assertEqual(alcaniz.population, 16300)

    def test_load_refuses_a_file_that_is_not_the_register(self):
        with self.assertRefused(ValidationError, "not an INE municipal register"):
            self.env["rural.municipality"]._load_ine_register("name;population\nX;1")

    def test_full_register_loads(self):
        created, _updated = self.env["rural.municipality"]._load_ine_register()
        total = self.env["rural.municipality"].with_context(active_test=False).search_count([])
        self.assertGreaterEqual(total, 8132)
        self.assertGreater(created, 8000)

    def test_volunteer_and_finance_cannot_see_municipalities(self):
        for user in (self.volunteer, self.finance):
            with self.assertRaises(AccessError):
                self.env["rural.municipality"].with_user(user).search([])

    def test_technician_cannot_delete(self):
        municipality = self.env["rural.municipality"].create({"name": "X", "ine_code": "44001"})
        with self.assertRaises(AccessError):
            municipality.with_user(self.technician_a).unlink()

    def test_bad_lines_of_the_register_say_which_line(self):
        Municipality = self.env["rural.municipality"]
        header = "CPRO;PROVINCIA;CMUN;NOMBRE;POB24\n"
        with self.assertRefused(ValidationError, "Line 3 .* 3 columns"):
            Municipality._load_ine_register(header + "44;Teruel;013;Alcañiz;16247\n44;Teruel;050\n")
        with self.assertRefused(ValidationError, "Line 2 .* 'many' is not a number"):
            Municipality._load_ine_register(header + "44;Teruel;013;Alcañiz;many\n")
        self.assertFalse(Municipality.search([("ine_code", "=", "44013")]).filtered("population"))

    def test_coordinator_loads_the_register_and_is_told_the_counts(self):
        action = (
            self.env["rural.municipality"].with_user(self.coordinator).action_load_ine_register()
        )
        self.assertEqual(action["tag"], "display_notification")
        self.assertRegex(action["params"]["message"], r"\d+ municipalities added")
        menu = self.env.ref("rural_itineraries.rural_load_ine_menu")
        self.assertIn(
            self.env.ref("migrant_integration.group_migrant_manager"),
            menu.parent_id.groups_id,
        )

    def test_an_agreement_needs_its_date(self):
        with self.assertRefused(ValidationError, "date of the agreement"):
            self.env["rural.municipality"].create(
                {"name": "X", "ine_code": "44001", "welcome_status": "agreement"}
            )

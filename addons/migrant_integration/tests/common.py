from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user


class MigrantCase(TransactionCase):
    """Offices and one user per role, built once for the class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.office_a = cls.env["migrant.office"].create({"name": "Office A", "code": "A"})
        cls.office_b = cls.env["migrant.office"].create({"name": "Office B", "code": "B"})
        cls.volunteer = new_test_user(
            cls.env, login="mi_volunteer", groups="migrant_integration.group_migrant_volunteer"
        )
        cls.technician_a = new_test_user(
            cls.env, login="mi_tech_a", groups="migrant_integration.group_migrant_user"
        )
        cls.technician_b = new_test_user(
            cls.env, login="mi_tech_b", groups="migrant_integration.group_migrant_user"
        )
        cls.lawyer = new_test_user(
            cls.env, login="mi_lawyer", groups="migrant_integration.group_migrant_legal"
        )
        cls.coordinator = new_test_user(
            cls.env, login="mi_coordinator", groups="migrant_integration.group_migrant_manager"
        )
        cls.finance = new_test_user(
            cls.env, login="mi_finance", groups="migrant_integration.group_migrant_finance"
        )
        cls.office_a.user_ids = cls.technician_a | cls.lawyer
        cls.office_b.user_ids = cls.technician_b
        cls.area_social = cls.env.ref("migrant_integration.area_social")
        cls.area_legal = cls.env.ref("migrant_integration.area_legal")
        cls.stage_closed = cls.env.ref("migrant_integration.stage_closed")
        cls.stage_active = cls.env.ref("migrant_integration.stage_active_plan")

    @classmethod
    def _person(cls, name, **vals):
        return cls.env["res.partner"].create(dict({"name": name, "is_beneficiary": True}, **vals))

    @classmethod
    def _case(cls, person, office, **vals):
        return cls.env["migrant.case"].create(
            dict({"partner_id": person.id, "office_id": office.id}, **vals)
        )

    @classmethod
    def _intervention(cls, case, **vals):
        return cls.env["migrant.intervention"].create(
            dict({"case_id": case.id, "area_id": cls.area_social.id}, **vals)
        )

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like assertRaisesRegex, but in a savepoint so nothing stays half written."""
        with self.assertRaises(exception) as info:
            yield info
        self.assertRegex(str(info.exception), pattern)

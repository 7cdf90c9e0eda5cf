from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL

#: the roles of the security matrix: the five groups, a plain internal user, a portal user
ROLES = ("volunteer", "technician", "lawyer", "coordinator", "finance", "internal", "portal")


class MigrantIntegrationCommon(TransactionCase):
    """Offices and one user per role, built once for the class. Staff may export
    lists (``base.group_allow_export``), so that the tests show what an export holds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.office_a = cls.env["migrant.office"].create({"name": "Office A", "code": "A"})
        cls.office_b = cls.env["migrant.office"].create({"name": "Office B", "code": "B"})
        cls.volunteer = cls._user("mi_volunteer", "migrant_integration.group_migrant_volunteer")
        cls.technician_a = cls._user("mi_tech_a", "migrant_integration.group_migrant_user")
        cls.technician_b = cls._user("mi_tech_b", "migrant_integration.group_migrant_user")
        cls.lawyer = cls._user("mi_lawyer", "migrant_integration.group_migrant_legal")
        cls.coordinator = cls._user("mi_coordinator", "migrant_integration.group_migrant_manager")
        cls.finance = cls._user("mi_finance", "migrant_integration.group_migrant_finance")
        cls.internal = cls._user("mi_internal", "base.group_user")
        cls.portal = new_test_user(cls.env, login="mi_portal", groups="base.group_portal")
        cls.office_a.user_ids = cls.technician_a | cls.lawyer
        cls.office_b.user_ids = cls.technician_b
        cls.area_social = cls.env.ref("migrant_integration.area_social")
        cls.area_legal = cls.env.ref("migrant_integration.area_legal")
        cls.stage_closed = cls.env.ref("migrant_integration.stage_closed")
        cls.stage_active = cls.env.ref("migrant_integration.stage_active_plan")
        cls.users_by_role = {
            "volunteer": cls.volunteer,
            "technician": cls.technician_a,
            "lawyer": cls.lawyer,
            "coordinator": cls.coordinator,
            "finance": cls.finance,
            "internal": cls.internal,
            "portal": cls.portal,
        }

    @classmethod
    def _user(cls, login, groups):
        return new_test_user(cls.env, login=login, groups=f"{groups},base.group_allow_export")

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

    def _columns_containing(self, strings):
        """Every (table, column) of the database whose text holds one of ``strings``."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT c.table_name, array_agg(c.column_name::text)
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_name = c.table_name AND t.table_schema = c.table_schema
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('character varying', 'text', 'jsonb')
             GROUP BY c.table_name
            """
        )
        patterns = [f"%{s}%" for s in strings]
        found = []
        for table, columns in cr.fetchall():
            for column in columns:
                query = SQL(
                    "SELECT 1 FROM %s WHERE %s::text ILIKE ANY(%s) LIMIT 1",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    patterns,
                )
                if self.env.execute_query(query):
                    found.append((table, column))
        return found

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like assertRaisesRegex, but in a savepoint so nothing stays half written."""
        with self.assertRaises(exception) as info:
            yield info
        self.assertRegex(str(info.exception), pattern)


class SecurityMatrixMixin:
    """Checks the model access rights of every model an addon creates, for every role,
    against a table kept in the test: ``MATRIX = {model: {role: "rwcu"}}`` (read,
    write, create, unlink; a role absent from a row has no right at all).

    A model of the addon without a row fails the test, so that every new model gets
    its rights decided and written down.
    """

    MODULE = None
    MATRIX = {}
    # Odoo runs only the test methods a test class defines itself, unless told
    allow_inherited_tests_method = True

    def _addon_models(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", self.MODULE), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        # the models the addon creates, not those it extends (res.partner, ...)
        return sorted(
            m.model
            for m in models
            if m.model in self.env
            and not self.env[m.model]._abstract
            and self.env[m.model]._original_module == self.MODULE
        )

    def test_every_model_has_a_row(self):
        missing = set(self._addon_models()) - set(self.MATRIX)
        self.assertFalse(missing, f"models of {self.MODULE} without a row in the matrix")

    def test_access_rights_per_role(self):
        Access = self.env["ir.model.access"]
        for model in self._addon_models():
            expected_by_role = self.MATRIX.get(model, {})
            for role in ROLES:
                user = self.users_by_role[role]
                expected = expected_by_role.get(role, "")
                for letter, mode in (
                    ("r", "read"),
                    ("w", "write"),
                    ("c", "create"),
                    ("u", "unlink"),
                ):
                    with self.subTest(model=model, role=role, mode=mode):
                        allowed = Access.with_user(user).check(model, mode, raise_exception=False)
                        self.assertEqual(
                            allowed,
                            letter in expected,
                            f"{role} {mode} {model}: expected {letter in expected}",
                        )

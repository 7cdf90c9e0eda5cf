import base64
import io
from datetime import date, datetime

import openpyxl
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

START, END = date(2025, 1, 1), date(2025, 12, 31)
DEADLINE = date.today() + relativedelta(days=60)


@tagged("post_install", "-at_install")
class TestSubsidy(AccountTestInvoicingCommon):
    """A subsidy received from a funder and one granted to an NGDO, followed on Odoo
    accounting, every amount checked to the cent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "migrant_integration.group_migrant_%s,base.group_allow_export"
        cls.finance = new_test_user(cls.env, "sub_finance", groups=groups % "finance")
        cls.coordinator = new_test_user(cls.env, "sub_coordinator", groups=groups % "manager")
        cls.technician = new_test_user(cls.env, "sub_technician", groups=groups % "user")
        cls.lawyer = new_test_user(cls.env, "sub_lawyer", groups=groups % "legal")
        cls.volunteer = new_test_user(cls.env, "sub_volunteer", groups=groups % "volunteer")
        Partner = cls.env["res.partner"]
        cls.ministry = Partner.create({"name": "Ministry of Inclusion", "is_company": True})
        cls.ngdo = Partner.create(
            {"name": "Cooperation NGDO", "is_company": True, "entity_kind": "ngdo"}
        )
        cls.supplier = Partner.create({"name": "Rural Transport SL", "is_company": True})
        cls.expense_account = cls.company_data["default_account_expense"]
        cls.call = (
            cls.env["migrant.subsidy.call"]
            .with_user(cls.finance)
            .create(
                {
                    "name": "ESF+ rural itineraries 2025",
                    "funder_id": cls.ministry.id,
                    "year": 2025,
                    "budget_total": 100000,
                    "cofinancing_rate": 50,
                }
            )
        )
        cls.Subsidy = cls.env["migrant.subsidy"].with_user(cls.finance)

    def _subsidy(self, **vals):
        return self.Subsidy.create(
            dict(
                {
                    "name": "Rural itineraries",
                    "direction": "received",
                    "partner_id": self.ministry.id,
                    "call_id": self.call.id,
                    "amount_requested": 45000,
                    "amount_awarded": 40000,
                    "date_start": START,
                    "date_end": END,
                    "justification_deadline": DEADLINE,
                },
                **vals,
            )
        )

    def _bill(self, subsidy, amount, day, post=True):
        move = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.supplier.id,
                "invoice_date": day,
                "date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Transport of the families",
                            "quantity": 1,
                            "price_unit": amount,
                            "account_id": self.expense_account.id,
                            "tax_ids": [Command.clear()],
                            "analytic_distribution": {str(subsidy.analytic_account_id.id): 100},
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _pay(self, move, amount, day=date(2025, 6, 1)):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"amount": amount, "payment_date": day})._create_payments()

    def _awarded(self, **vals):
        subsidy = self._subsidy(**vals)
        subsidy.action_apply()
        subsidy.action_award()
        subsidy.action_start()
        return subsidy

    def test_received_subsidy_life_cycle_to_the_cent(self):
        subsidy = self._awarded()
        self.assertEqual(subsidy.state, "in_execution")
        self.assertEqual(subsidy.cofinancing_rate, 50, "the rate comes from the call")
        plan = self.env.ref("migrant_integration.analytic_plan_subsidies")
        self.assertEqual(subsidy.analytic_account_id.plan_id, plan)
        self.assertEqual(self.call.amount_committed, 40000)
        self.assertEqual(self.call.amount_available, 60000)
        # the reminder is planned once
        subsidy._migrant_plan_reminder()
        self.assertEqual(len(subsidy.activity_ids), 1)
        self.assertEqual(subsidy.activity_ids.date_deadline, DEADLINE - relativedelta(days=14))

        first, second = (
            self.env["migrant.subsidy.installment"]
            .with_user(self.finance)
            .create(
                [
                    {"subsidy_id": subsidy.id, "due_date": date(2025, 2, 1), "amount": 20000},
                    {"subsidy_id": subsidy.id, "due_date": date(2025, 9, 1), "amount": 20000},
                ]
            )
        )
        (first | second).action_create_move()
        invoice = first.move_id
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.partner_id, self.ministry)
        self.assertEqual(
            invoice.invoice_line_ids.analytic_distribution,
            {str(subsidy.analytic_account_id.id): 100},
        )
        with self.assertRaisesRegex(UserError, "already has its bill or invoice"):
            first.action_create_move()
        invoice.action_post()
        self._pay(invoice, 5000)

        self._bill(subsidy, 30000, date(2025, 3, 1))
        self._bill(subsidy, 10000, date(2026, 2, 1))  # after the execution period
        reversed_bill = self._bill(subsidy, 5000, date(2025, 5, 1))
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=reversed_bill.ids)
            .create({"journal_id": reversed_bill.journal_id.id, "date": date(2025, 5, 2)})
        )
        reversal.refund_moves()
        reversed_bill.reversal_move_ids.action_post()
        self._bill(subsidy, 999, date(2025, 4, 1), post=False)  # a draft counts nothing

        subsidy.invalidate_recordset()
        self.assertEqual(subsidy.amount_executed, 30000.0)
        self.assertEqual(subsidy.amount_paid, 5000.0)
        self.assertEqual(subsidy.amount_due_share, 15000.0)
        self.assertEqual(subsidy.amount_to_justify, 50000.0)
        self.assertAlmostEqual(subsidy.execution_rate, 37.5)
        self.assertEqual(subsidy.amount_to_reimburse, 0.0)

        self._pay(invoice, 15000)
        second.move_id.action_post()
        self._pay(second.move_id, 20000)
        subsidy.invalidate_recordset()
        self.assertEqual(subsidy.amount_paid, 40000.0)
        self.assertEqual(subsidy.amount_to_reimburse, 25000.0)
        self.assertIn(subsidy, self.Subsidy.search([("amount_to_reimburse", ">", 0)]))
        self.assertIn(subsidy, self.Subsidy.search([("execution_rate", "<", 50)]))

        with self.assertRaisesRegex(UserError, "cancel it instead"):
            subsidy.unlink()
        subsidy.action_cancel()
        self.assertEqual(subsidy.state, "cancelled")

    def _granted(self):
        subsidy = self._awarded(
            name="Development cooperation in Senegal",
            direction="granted",
            partner_id=self.ngdo.id,
            call_id=False,
            amount_requested=12000,
            amount_awarded=10000,
            cofinancing_rate=100,
        )
        Expense = self.env["migrant.subsidy.expense"].with_user(self.finance)
        other_account = self.expense_account.copy({"code": "629100", "name": "Travel"})
        Expense.create(
            [
                {
                    "subsidy_id": subsidy.id,
                    "date": date(2025, 3, 1),
                    "supplier": "Papeterie Dakar",
                    "reference": "F-001",
                    "concept": "School material",
                    "expense_account_id": self.expense_account.id,
                    "amount": 4000,
                },
                {
                    "subsidy_id": subsidy.id,
                    "date": date(2025, 4, 1),
                    "supplier": "Air Sénégal",
                    "reference": "F-002",
                    "concept": "Flights",
                    "expense_account_id": other_account.id,
                    "amount": 3000,
                    "amount_accepted": 2000,
                    "rejection_reason": "One ticket was not for the project",
                },
                {
                    "subsidy_id": subsidy.id,
                    "date": date(2025, 5, 1),
                    "supplier": "Hotel Teranga",
                    "reference": "F-003",
                    "concept": "Lodging",
                    "expense_account_id": other_account.id,
                    "amount": 1500.5,
                },
            ]
        )
        return subsidy

    def test_granted_subsidy_with_accepted_and_partly_rejected_expenses(self):
        subsidy = self._granted()
        installment = (
            self.env["migrant.subsidy.installment"]
            .with_user(self.finance)
            .create({"subsidy_id": subsidy.id, "due_date": date(2025, 2, 1), "amount": 6000})
        )
        installment.action_create_move()
        bill = installment.move_id
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.partner_id, self.ngdo)
        bill.invoice_date = date(2025, 2, 1)
        bill.action_post()
        self._pay(bill, 6000)
        self.assertEqual(installment.payment_state, "paid")
        subsidy.invalidate_recordset()
        self.assertEqual(subsidy.amount_executed, 7500.5)
        self.assertEqual(subsidy.amount_paid, 6000.0)
        self.assertEqual(subsidy.amount_due_share, 7500.5)
        self.assertEqual(subsidy.amount_to_justify, 2499.5)
        self.assertAlmostEqual(subsidy.execution_rate, 75.005)
        self.assertEqual(subsidy.amount_to_reimburse, 0.0)

    def test_justification_workbook_reads_back(self):
        subsidy = self._granted()
        wizard = (
            self.env["migrant.subsidy.workbook"]
            .with_user(self.finance)
            .create({"subsidy_id": subsidy.id})
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.data)))
        self.assertEqual(book.sheetnames, ["Justification", "Expenses"])
        rows = [r for r in book["Expenses"].iter_rows(values_only=True) if any(r)]
        self.assertEqual(rows[0][:3], ("Date", "Supplier", "Invoice reference"))
        lines = [r for r in rows[1:] if isinstance(r[0], datetime)]
        self.assertEqual(len(lines), 3)
        for line in lines:
            self.assertIsInstance(line[5], int | float)
        subtotals = [r for r in rows if isinstance(r[3], str) and r[3].startswith("Subtotal")]
        self.assertEqual(len(subtotals), 2, "one subtotal per expense account")
        total = next(r for r in rows if r[3] == "Total")
        self.assertEqual(total[5], 8500.5)
        self.assertEqual(total[7], subsidy.amount_executed)
        summary = {r[0]: r[1] for r in book["Justification"].iter_rows(values_only=True) if r[0]}
        self.assertEqual(summary["Executed"], subsidy.amount_executed)
        self.assertEqual(summary["Amount awarded"], 10000)
        self.assertEqual(summary["Own share"], 0)

    def test_bad_input_is_refused_and_nothing_is_saved(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"), self.env.cr.savepoint():
            self.env["migrant.subsidy.call"].with_user(self.finance).create(
                {"name": "Bad", "funder_id": self.ministry.id, "cofinancing_rate": 120}
            )
        with (
            self.assertRaisesRegex(ValidationError, "cannot end before it starts"),
            self.env.cr.savepoint(),
        ):
            self._subsidy(date_start=END, date_end=START)
        with self.assertRaisesRegex(ValidationError, "is a person"), self.env.cr.savepoint():
            person = self.env["res.partner"].create({"name": "Awa Ndiaye"})
            self._subsidy(partner_id=person.id)
        no_amount = self._subsidy(amount_awarded=0)
        with self.assertRaisesRegex(UserError, "Give the awarded amount"), self.env.cr.savepoint():
            no_amount.action_award()
        self.assertEqual(no_amount.state, "draft")
        self._awarded()  # 40,000 of the 100,000
        too_much = self._subsidy(amount_awarded=70000)
        with self.assertRaisesRegex(ValidationError, "has .* left"), self.env.cr.savepoint():
            too_much.action_award()
        too_much.invalidate_recordset()
        self.assertEqual(too_much.state, "draft")
        self.assertFalse(too_much.analytic_account_id)
        subsidy = self._awarded(call_id=False, amount_awarded=1000)
        Installment = self.env["migrant.subsidy.installment"].with_user(self.finance)
        with (
            self.assertRaisesRegex(ValidationError, "add up to more than"),
            self.env.cr.savepoint(),
        ):
            Installment.create(
                [
                    {"subsidy_id": subsidy.id, "due_date": START, "amount": 600},
                    {"subsidy_id": subsidy.id, "due_date": END, "amount": 600},
                ]
            )
        self.assertFalse(subsidy.installment_ids)
        granted = self._granted()
        line = granted.expense_ids[0]
        with self.assertRaisesRegex(ValidationError, "cannot be above"), self.env.cr.savepoint():
            line.amount_accepted = 5000
        with self.assertRaisesRegex(ValidationError, "say why"), self.env.cr.savepoint():
            line.amount_accepted = 100
        self.assertEqual(line.amount_accepted, 4000)
        with self.assertRaisesRegex(UserError, "changes with its buttons"), self.env.cr.savepoint():
            granted.write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "changes with its buttons"), self.env.cr.savepoint():
            granted.write({"state": "draft"})
        self.assertEqual(granted.state, "in_execution")

    def test_only_finance_manages_and_coordinators_read(self):
        subsidy = self._awarded()
        for user in (self.technician, self.lawyer, self.volunteer):
            with self.subTest(user=user.login):
                for model in (
                    "migrant.subsidy",
                    "migrant.subsidy.call",
                    "migrant.subsidy.installment",
                    "migrant.subsidy.expense",
                ):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])
                with self.assertRaises(AccessError):
                    subsidy.with_user(user).read(["amount_awarded"])
                with self.assertRaises(AccessError):
                    self.env["migrant.subsidy"].with_user(user).read_group(
                        [], ["amount_awarded:sum"], ["partner_id"]
                    )
        as_coordinator = subsidy.with_user(self.coordinator)
        self.assertEqual(as_coordinator.amount_awarded, 40000)
        installment = (
            self.env["migrant.subsidy.installment"]
            .with_user(self.finance)
            .create({"subsidy_id": subsidy.id, "due_date": START, "amount": 1000})
        )
        installment.action_create_move()
        installment.move_id.action_post()
        subsidy.invalidate_recordset()
        # the coordinator has no accounting rights but reads what was paid
        self.assertEqual(as_coordinator.amount_paid, 0.0)
        self.assertEqual(as_coordinator.amount_to_justify, 80000.0)
        self.assertTrue(as_coordinator.export_data(["name", "amount_awarded"])["datas"])
        with self.assertRaises(AccessError):
            as_coordinator.write({"amount_awarded": 1})
        with self.assertRaises(AccessError):
            self.env["migrant.subsidy.workbook"].with_user(self.technician).create(
                {"subsidy_id": subsidy.id}
            )
        self.assertEqual(subsidy.amount_awarded, 40000)

    def test_the_subsidy_list_reads_its_amounts_in_a_constant_number_of_queries(self):
        Subsidy = self.env["migrant.subsidy"].with_user(self.finance)
        arch = etree.fromstring(Subsidy.get_view(view_type="list")["arch"])
        spec = {
            node.get("name"): (
                {"fields": {"display_name": {}}}
                if Subsidy._fields[node.get("name")].relational
                else {}
            )
            for node in arch.iter("field")
        }
        for i in range(78):
            self._subsidy(name=f"Subsidy {i}", call_id=False, amount_awarded=100)
        # the newest first in the list: one of each kind with its amounts to compute
        self._awarded(call_id=False)
        self._granted()

        def count(limit):
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            Subsidy.web_search_read([], spec, limit=limit)  # warm the caches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Subsidy.web_search_read([], spec, limit=limit)
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(5), count(80))
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            Subsidy.web_search_read([], spec, limit=80)

"""Benchmark of the subsidies on realistic volumes.

Seeds (straight into the tables, with ``generate_series``) received subsidies in
execution, each with its analytic account in the Subsidies plan, and cost lines on
those accounts (as posted bills leave them), then measures as a finance user:

- the subsidy list with the list view's fields, its amounts computed for the 80 rows
  of a page and for all the subsidies at once;
- the justification workbook of one granted subsidy with 10,000 and with 100,000
  expense lines: its time and the peak resident memory of the process after each.

    $ODOO_PYTHON -m odoo -d sub_bench -i migrant_integration --without-demo=all \\
        --addons-path=$CORE,addons --stop-after-init
    $ODOO_PYTHON benchmarks/bench_subsidies.py -d sub_bench --addons-path=$CORE,addons \\
        [--subsidies 1000 --lines 1000000]
"""

import time

from benchlib import odoo_env, parser, peak_rss_mb, timed
from lxml import etree

from odoo.tools import SQL


def finance_user(env):
    found = env["res.users"].search([("login", "=", "bench_finance")])
    return found or env["res.users"].create(
        {
            "name": "Bench Finance",
            "login": "bench_finance",
            "groups_id": [(6, 0, [env.ref("migrant_integration.group_migrant_finance").id])],
        }
    )


def seed(env, args):
    started = time.monotonic()
    cr = env.cr
    funder = env["res.partner"].create({"name": "Bench Funder", "is_company": True})
    plan = env.ref("migrant_integration.analytic_plan_subsidies")
    column = plan._column_name()
    expense = env["account.account"].search(
        [("account_type", "=", "expense"), ("company_ids", "in", env.company.id)], limit=1
    )
    cr.execute(
        SQL(
            """
            INSERT INTO account_analytic_account (name, plan_id, root_plan_id, company_id,
                                                  active, create_date, write_date)
            SELECT jsonb_build_object('en_US', 'Bench subsidy ' || g), %(plan)s, %(plan)s,
                   %(company)s, true, now(), now()
              FROM generate_series(1, %(n)s) g
            RETURNING id
            """,
            plan=plan.id,
            company=env.company.id,
            n=args.subsidies,
        )
    )
    accounts = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            """
            INSERT INTO migrant_subsidy (name, reference, direction, partner_id, company_id,
                                         state, amount_requested, amount_awarded,
                                         cofinancing_rate, date_start, date_end,
                                         analytic_account_id, create_date, write_date)
            SELECT 'Bench subsidy ' || ord, 'BENCH/' || ord, 'received', %(funder)s,
                   %(company)s, 'in_execution', 120000, 100000, 80, date '2025-01-01',
                   date '2025-12-31', account, now(), now()
              FROM unnest(%(accounts)s::int[]) WITH ORDINALITY AS a(account, ord)
            """,
            funder=funder.id,
            company=env.company.id,
            accounts=accounts,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO account_analytic_line (name, date, amount, company_id,
                                               general_account_id, %(column)s,
                                               create_date, write_date)
            SELECT 'Bench cost ' || g, date '2025-01-01' + mod(g, 400), -12.5,
                   %(company)s, %(expense)s, %(first)s + mod(g, %(n)s), now(), now()
              FROM generate_series(1, %(lines)s) g
            """,
            column=SQL.identifier(column),
            company=env.company.id,
            expense=expense.id,
            first=min(accounts),
            n=len(accounts),
            lines=args.lines,
        )
    )
    cr.execute("ANALYZE")
    cr.commit()
    return time.monotonic() - started


def seed_expenses(env, subsidy, lines):
    env.cr.execute(
        SQL(
            """
            INSERT INTO migrant_subsidy_expense (subsidy_id, company_id, date, supplier,
                                                 reference, concept, amount,
                                                 amount_accepted, create_date, write_date)
            SELECT %(subsidy)s, %(company)s, date '2025-01-01' + mod(g, 360),
                   'Supplier ' || mod(g, 300), 'F-' || g, 'Expense of the project ' || g,
                   100 + mod(g, 50), 100 + mod(g, 50), now(), now()
              FROM generate_series(1, %(lines)s) g
            """,
            subsidy=subsidy.id,
            company=env.company.id,
            lines=lines,
        )
    )


def main():
    options = parser(__doc__)
    options.add_argument("--subsidies", type=int, default=1000)
    options.add_argument("--lines", type=int, default=1_000_000)
    options.add_argument("--repeat", type=int, default=3)
    args = options.parse_args()
    with odoo_env(args) as env:
        cr = env.cr
        if env["migrant.subsidy"].search_count([]) < args.subsidies:
            print(f"Seeding {args.subsidies} subsidies and {args.lines} analytic lines ...")
            print(f"Seeded in {seed(env, args):.0f} s", flush=True)
        user = finance_user(env)
        Subsidy = env["migrant.subsidy"].with_user(user)
        arch = etree.fromstring(Subsidy.get_view(view_type="list")["arch"])
        spec = {
            node.get("name"): (
                {"fields": {"display_name": {}}}
                if Subsidy._fields[node.get("name")].relational
                else {}
            )
            for node in arch.iter("field")
        }
        count = Subsidy.search_count([])
        cr.execute("SELECT count(*) FROM account_analytic_line")
        print(
            f"{count} subsidies, {cr.fetchone()[0]} analytic lines"
            f" (PostgreSQL jit: {env.execute_query(SQL('SHOW jit'))[0][0]})"
        )
        took, queries, _result = timed(env, lambda: Subsidy.web_search_read([], spec, limit=80), 5)
        print(
            f"  subsidy list, 80 rows with their amounts    "
            f"{took * 1000:8.0f} ms {queries:3d} q"
        )
        took, queries, _result = timed(
            env, lambda: Subsidy.search([]).read(["amount_executed", "amount_to_justify"]), 3
        )
        print(
            f"  amounts of all the subsidies at once        "
            f"{took * 1000:8.0f} ms {queries:3d} q"
        )
        took, queries, _result = timed(
            env, lambda: Subsidy.search([("amount_to_reimburse", ">", 0)]), 3
        )
        print(
            f"  filter 'reimbursement due' over all of them "
            f"{took * 1000:8.0f} ms {queries:3d} q"
        )
        for lines in (10_000, 100_000):
            granted = env["migrant.subsidy"].create(
                {
                    "name": f"Bench granted {lines}",
                    "direction": "granted",
                    "partner_id": env["res.partner"]
                    .search([("is_company", "=", True)], limit=1)
                    .id,
                    "amount_awarded": 10_000_000,
                    "date_start": "2025-01-01",
                    "date_end": "2025-12-31",
                }
            )
            seed_expenses(env, granted, lines)
            wizard = (
                env["migrant.subsidy.workbook"].with_user(user).create({"subsidy_id": granted.id})
            )
            start = time.perf_counter()
            content, totals = wizard._migrant_build()
            took = time.perf_counter() - start
            print(
                f"  justification workbook, {lines:7d} expense lines   {took:8.1f} s"
                f"  {len(content) / 1024 / 1024:.1f} MB  peak RSS {peak_rss_mb():.0f} MB"
            )
        cr.rollback()


if __name__ == "__main__":
    main()

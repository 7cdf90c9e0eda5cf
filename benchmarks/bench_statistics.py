"""Benchmark of the statistics and the annual report: "a Madrid year".

Seeds one year of people served straight into the tables (SQL ``generate_series``:
seeding through the ORM would take longer than the measures): people with gender,
nationality and birthdate, one case file each (one in ten a household case whose
interventions also serve a second member), interventions over the year in the
offices, and the people-served lines with the age band of the day. Then measures,
as a coordinator (record rules applied):

- the annual report workbook of all offices (``migrant.annual.report``), its time and
  the peak resident memory of the process;
- hand-written SQL computing the same figures straight from the tables (no view, no
  rules), for comparison;
- the pivot of the year by office and gender (the ``read_group`` the web client runs).

Run it once per volume on its own database (the peak memory is the process's):

    $ODOO_PYTHON -m odoo -d stat_a -i migrant_integration --without-demo=all \\
        --addons-path=$CORE,addons --stop-after-init
    $ODOO_PYTHON benchmarks/bench_statistics.py -d stat_a --addons-path=$CORE,addons \\
        --people 30000 --interventions 150000 --offices 2
    (and again on stat_b with --people 100000 --interventions 500000 --offices 4)

Seeding is skipped when the database already holds the year's interventions.
"""

import datetime
import time

from benchlib import odoo_env, parser, peak_rss_mb, timed

from odoo import SUPERUSER_ID
from odoo.tools import SQL

YEAR = 2025


def seed(env, args):
    started = time.monotonic()
    cr = env.cr
    Office = env["migrant.office"]
    offices = Office.search([], limit=args.offices)
    if len(offices) < args.offices:
        offices |= Office.create(
            [
                {"name": f"Bench office {i}", "code": f"S{i}"}
                for i in range(args.offices - len(offices))
            ]
        )
    countries = env["res.country"].search([]).ids
    areas = env["migrant.area"].search([]).ids
    stage = env["migrant.case.stage"].search([], limit=1).id
    from odoo.addons.migrant_integration.tools import age as age_tool

    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, is_beneficiary, active, type,
                                     gender, nationality_id, birthdate, autopost_bills,
                                     create_date, write_date)
            SELECT 'Stat person ' || g, 'Stat person ' || g, true, true, 'contact',
                   CASE WHEN mod(g, 100) < 52 THEN 'female' ELSE 'male' END,
                   (%(countries)s::int[])[1 + mod(g * 7, 40)],
                   date '1945-01-01' + mod(g * 7919, 27000),
                   'ask', now(), now()
              FROM generate_series(1, %(people)s) g
            RETURNING id
            """,
            countries=countries[:40],
            people=args.people,
        )
    )
    people = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            """
            INSERT INTO migrant_case (name, partner_id, office_id, company_id, stage_id,
                                      client_kind, open_date, active, create_date, write_date)
            SELECT 'STAT/' || ord, person, (%(offices)s::int[])[1 + mod(ord, %(n_offices)s)::int],
                   %(company)s, %(stage)s,
                   CASE WHEN mod(ord, 10) = 0 THEN 'household' ELSE 'person' END,
                   date '%(year)s-01-01', true, now(), now()
              FROM unnest(%(people)s::int[]) WITH ORDINALITY AS p(person, ord)
            RETURNING id
            """,
            offices=offices.ids,
            n_offices=len(offices),
            company=env.company.id,
            stage=stage,
            year=SQL(str(YEAR)),
            people=people,
        )
    )
    first_case = min(row[0] for row in cr.fetchall())
    cr.execute(
        SQL(
            """
            INSERT INTO migrant_intervention (case_id, partner_id, office_id, company_id,
                                              area_id, user_id, intervention_type, channel,
                                              date, duration, create_date, write_date)
            SELECT c.id, c.partner_id, c.office_id, c.company_id,
                   (%(areas)s::int[])[1 + mod(g, %(n_areas)s)], %(user)s,
                   (ARRAY['information', 'advice', 'accompaniment', 'procedure',
                          'follow_up'])[1 + mod(g, 5)],
                   (ARRAY['in_person', 'phone', 'video'])[1 + mod(g, 3)],
                   timestamp '%(year)s-01-01 09:00' + mod(g * 37, 364) * interval '1 day',
                   0.5, now(), now()
              FROM generate_series(0, %(interventions)s - 1) g
              JOIN migrant_case c
                ON c.id = %(first_case)s + mod(g * 7, %(people)s)
            """,
            areas=areas,
            n_areas=len(areas),
            user=SUPERUSER_ID,
            year=SQL(str(YEAR)),
            interventions=args.interventions,
            people=args.people,
            first_case=first_case,
        )
    )
    band = SQL(
        age_tool.sql_case(),
        age=SQL("date_part('year', age(i.date::date, p.birthdate))::int"),
    )
    cr.execute(
        SQL(
            """
            INSERT INTO migrant_intervention_person (intervention_id, partner_id, age_band,
                                                     date, office_id, company_id)
            SELECT i.id, p.id, %(band)s, i.date, i.office_id, i.company_id
              FROM migrant_intervention i
              JOIN migrant_case c ON c.id = i.case_id AND c.name LIKE %(stat)s
              JOIN res_partner p
                ON p.id = i.partner_id
                OR (c.client_kind = 'household' AND p.id = i.partner_id + 1)
            """,
            band=band,
            stat="STAT/%",
        )
    )
    cr.execute("ANALYZE")
    cr.commit()
    return time.monotonic() - started


def coordinator(env):
    found = env["res.users"].search([("login", "=", "bench_stat_coordinator")])
    return found or env["res.users"].create(
        {
            "name": "Bench Coordinator",
            "login": "bench_stat_coordinator",
            "groups_id": [(6, 0, [env.ref("migrant_integration.group_migrant_manager").id])],
        }
    )


def hand_written_sql(cr, year):
    """The report's figures straight from the tables, one query per breakdown."""
    start, stop = datetime.date(year - 1, 1, 1), datetime.date(year + 1, 1, 1)
    base = SQL(
        """
        FROM migrant_intervention_person l
        JOIN migrant_intervention i ON i.id = l.intervention_id
        JOIN res_partner p ON p.id = l.partner_id
        WHERE l.date >= %s AND l.date < %s
        """,
        start,
        stop,
    )
    year_of = SQL("date_part('year', l.date)")
    for column in (
        SQL("1"),
        SQL("p.gender"),
        SQL("p.nationality_id"),
        SQL("l.age_band"),
        SQL("i.area_id"),
        SQL("i.intervention_type"),
        SQL("i.channel"),
    ):
        cr.execute(
            SQL(
                "SELECT %s, %s, count(DISTINCT l.partner_id), count(DISTINCT l.intervention_id)"
                " %s GROUP BY 1, 2",
                year_of,
                column,
                base,
            )
        )
        cr.fetchall()
    cr.execute(
        SQL(
            """
            SELECT gender, age_band, count(*) FROM (
                SELECT DISTINCT ON (l.partner_id) l.partner_id, p.gender, l.age_band
                  FROM migrant_intervention_person l
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.date >= %s AND l.date < %s
              ORDER BY l.partner_id, l.date) first
            GROUP BY 1, 2
            """,
            datetime.date(year, 1, 1),
            stop,
        )
    )
    return cr.fetchall()


def measure(env, args):
    user = coordinator(env)
    cr = env.cr
    cr.execute(
        "SELECT count(*), count(DISTINCT partner_id) FROM migrant_intervention_person"
        " WHERE date >= %s AND date < %s",
        (datetime.date(YEAR, 1, 1), datetime.date(YEAR + 1, 1, 1)),
    )
    lines, people = cr.fetchone()
    print(f"Year {YEAR}: {lines} people-served lines, {people} distinct people")
    report = env["migrant.annual.report"].with_user(user).create({"year": YEAR})
    rss_before = peak_rss_mb()
    took, queries, content = timed(env, report._migrant_build, args.repeat)
    print(
        f"  annual report workbook, all offices           {took:8.2f} s  {queries:4d} q"
        f"  {len(content) / 1024:.0f} KB  peak RSS {peak_rss_mb():.0f} MB"
        f" (before: {rss_before:.0f} MB)"
    )
    sql_took, _q, _rows = timed(env, lambda: hand_written_sql(cr, YEAR), args.repeat)
    print(
        f"  hand-written SQL of the same figures          {sql_took:8.2f} s"
        f"  report/SQL = {took / sql_took:.1f}x"
    )
    Stats = env["migrant.statistics"].with_user(user)
    domain = [("date", ">=", f"{YEAR}-01-01"), ("date", "<=", f"{YEAR}-12-31")]
    pivot_took, pivot_queries, groups = timed(
        env,
        lambda: Stats.read_group(
            domain,
            ["partner_id:count_distinct", "intervention_id:count_distinct"],
            ["office_id", "gender"],
            lazy=False,
        ),
        args.repeat,
    )
    print(
        f"  pivot of the year by office and gender        {pivot_took:8.2f} s"
        f"  {pivot_queries:4d} q  {len(groups)} cells"
    )


def main():
    options = parser(__doc__)
    options.add_argument("--people", type=int, default=30_000)
    options.add_argument("--interventions", type=int, default=150_000)
    options.add_argument("--offices", type=int, default=2)
    options.add_argument("--repeat", type=int, default=3)
    args = options.parse_args()
    with odoo_env(args) as env:
        cr = env.cr
        cr.execute(
            "SELECT count(*) FROM migrant_intervention WHERE date >= %s",
            (datetime.date(YEAR, 1, 1),),
        )
        if cr.fetchone()[0] < args.interventions:
            print(f"Seeding {args.people} people, {args.interventions} interventions ...")
            print(f"Seeded in {seed(env, args):.0f} s", flush=True)
        measure(env, args)
        cr.rollback()


if __name__ == "__main__":
    main()

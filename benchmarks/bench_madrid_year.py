"""Every report of the product for "a Madrid year", on one database with the three addons.

On top of the people served of ``bench_statistics.py`` (run it first on the same
database: 30,000 people, 150,000 interventions, two offices), seeds the year's other
records straight into the tables where the ORM would be slow: 110 workshops with 600
sessions and about 20,000 attendance lines, 1,000 families in itineraries with 500 job
offers over the municipal register, and 50 granted subsidies with 100,000 expense lines.
Then measures, as a coordinator: the annual workbook (all sheets of the three addons),
the justification workbooks of all the subsidies, the indicator dashboard, and the total.

    $ODOO_PYTHON -m odoo -d madrid -i migrant_integration,workshops,rural_itineraries \\
        --without-demo=all --addons-path=$CORE,addons --stop-after-init
    $ODOO_PYTHON benchmarks/bench_statistics.py -d madrid --addons-path=$CORE,addons
    $ODOO_PYTHON benchmarks/bench_madrid_year.py -d madrid --addons-path=$CORE,addons
"""

import datetime
import time

from benchlib import odoo_env, parser, peak_rss_mb

from odoo.tools import SQL

YEAR = 2025


def seed_workshops(env, offices, people):
    """110 events of the two offices, 600 sessions, 33 registrations per course."""
    cr = env.cr
    events = env["event.event"].create(
        [
            {
                "name": f"Madrid workshop {i}",
                "activity_kind": ("course", "workshop", "workshop", "awareness")[i % 4],
                "office_id": offices[i % len(offices)].id,
                "date_begin": datetime.datetime(YEAR, 1 + i % 11, 1, 8),
                "date_end": datetime.datetime(YEAR, 1 + i % 11, 28, 20),
            }
            for i in range(110)
        ]
    )
    cr.execute(
        SQL(
            """
            INSERT INTO event_registration (event_id, partner_id, name, state, active,
                                            create_date, write_date)
            SELECT event.id, person, 'Attendee', 'open', true, now(), now()
              FROM unnest(%(events)s::int[]) WITH ORDINALITY AS e(id, ord)
              JOIN event_event event ON event.id = e.id
              CROSS JOIN generate_series(1, 33) k
              CROSS JOIN LATERAL (SELECT (%(people)s::int[])[1 + mod(e.ord * 33 + k, %(n)s)]
                                  AS person) p
            """,
            events=events.ids,
            people=people,
            n=len(people),
        )
    )
    env["event.registration"].invalidate_model()
    values = []
    for index, event in enumerate(events):
        for k in range(6 if index < 50 else 5):
            day = datetime.datetime(YEAR, 1 + index % 11, 2 + 4 * k, 16)
            values.append(
                {
                    "event_id": event.id,
                    "date_begin": day,
                    "date_end": day + datetime.timedelta(hours=2),
                }
            )
    sessions = env["workshop.session"].create(values[:600])
    cr.execute("UPDATE workshop_session SET state = 'done' WHERE id = ANY(%s)", (sessions.ids,))
    cr.execute(
        "UPDATE workshop_attendance SET state = 'present' WHERE mod(id, 10) < 7"
        " AND session_id = ANY(%s)",
        (sessions.ids,),
    )
    cr.execute("SELECT count(*) FROM workshop_attendance")
    return cr.fetchone()[0]


def seed_rural(env, offices, people):
    """The municipal register, 500 offers, 1,000 households in itineraries."""
    Municipality = env["rural.municipality"]
    if Municipality.search_count([]) < 8000:
        Municipality.action_load_ine_register()
    municipalities = Municipality.search([], limit=500)
    employer = env["res.partner"].create({"name": "Rural employer", "is_company": True})
    env["rural.job.offer"].create(
        [
            {
                "name": f"Offer {i}",
                "municipality_id": m.id,
                "employer_id": employer.id,
                "positions": 2,
            }
            for i, m in enumerate(municipalities)
        ]
    )
    households = env["migrant.household"].create(
        [{"name": f"Itinerary family {i}"} for i in range(1000)]
    )
    cr = env.cr
    cr.execute(
        "UPDATE res_partner SET household_id = h.household"
        "  FROM (SELECT unnest(%s::int[]) AS person, unnest(%s::int[]) AS household) h"
        " WHERE res_partner.id = h.person",
        (people[:3000], [hid for hid in households.ids for _ in range(3)]),
    )
    env.invalidate_all()
    cases = env["migrant.case"].create(
        [
            {
                "partner_id": people[i * 3],
                "household_id": household.id,
                "client_kind": "household",
                "office_id": offices[i % len(offices)].id,
            }
            for i, household in enumerate(households)
        ]
    )
    projects = env["project.project"].create(
        [
            {
                "name": f"Itinerary {i}",
                "is_itinerary": True,
                "household_id": case.household_id.id,
                "case_id": case.id,
                "municipality_id": municipalities[i % 500].id,
                "itinerary_start_date": datetime.date(YEAR, 1 + i % 12, 1),
                "relocation_date": datetime.date(YEAR, 1 + i % 12, 20) if i % 2 else False,
            }
            for i, case in enumerate(cases)
        ]
    )
    return len(projects)


def seed_subsidies(env):
    """50 granted subsidies with 2,000 expense lines each."""
    ngo = env["res.partner"].create({"name": "Madrid NGDO", "is_company": True})
    subsidies = env["migrant.subsidy"].create(
        [
            {
                "name": f"Madrid subsidy {i}",
                "direction": "granted",
                "partner_id": ngo.id,
                "amount_awarded": 200000,
                "date_start": f"{YEAR}-01-01",
                "date_end": f"{YEAR}-12-31",
            }
            for i in range(50)
        ]
    )
    subsidies.action_award()
    subsidies.action_start()
    env.cr.execute(
        SQL(
            """
            INSERT INTO migrant_subsidy_expense (subsidy_id, company_id, date, supplier,
                                                 reference, concept, amount, amount_accepted,
                                                 create_date, write_date)
            SELECT s, %(company)s, date '2025-01-01' + mod(g, 360), 'Supplier ' || mod(g, 90),
                   'F-' || g, 'Expense ' || g, 50 + mod(g, 40), 50 + mod(g, 40), now(), now()
              FROM unnest(%(subsidies)s::int[]) s CROSS JOIN generate_series(1, 2000) g
            """,
            company=env.company.id,
            subsidies=subsidies.ids,
        )
    )
    return subsidies


def main():
    args = parser(__doc__).parse_args()
    with odoo_env(args, {"tracking_disable": True}) as env:
        cr = env.cr
        offices = env["migrant.office"].search([], limit=2)
        cr.execute("SELECT id FROM res_partner WHERE name LIKE 'Stat person %%' ORDER BY id")
        people = [row[0] for row in cr.fetchall()]
        if not people:
            raise SystemExit("Run bench_statistics.py on this database first.")
        if not env["event.event"].search_count([("name", "like", "Madrid workshop")]):
            started = time.monotonic()
            lines = seed_workshops(env, offices, people)
            itineraries = seed_rural(env, offices, people)
            seed_subsidies(env)
            cr.execute("ANALYZE")
            cr.commit()
            print(
                f"Seeded {lines} attendance lines, {itineraries} itineraries and 50 subsidies"
                f" with 100,000 expense lines in {time.monotonic() - started:.0f} s"
            )
        user = env["res.users"].search([("login", "=", "bench_stat_coordinator")])
        user.groups_id |= env.ref("migrant_integration.group_migrant_finance")
        env.invalidate_all()
        total = 0.0
        start = time.perf_counter()
        report = env["migrant.annual.report"].with_user(user).create({"year": YEAR})
        content = report._migrant_build()
        took = time.perf_counter() - start
        total += took
        print(f"  annual workbook, all sheets ({len(content) // 1024} KB)     {took:7.2f} s")
        start = time.perf_counter()
        subsidies = (
            env["migrant.subsidy"].with_user(user).search([("name", "like", "Madrid subsidy")])
        )
        for subsidy in subsidies:
            env["migrant.subsidy.workbook"].with_user(user).create(
                {"subsidy_id": subsidy.id}
            )._migrant_build()
        took = time.perf_counter() - start
        total += took
        print(f"  justification workbooks of {len(subsidies)} subsidies        {took:7.2f} s")
        start = time.perf_counter()
        env["rural.indicator"].with_user(user).search_read([], ["name", "actual_value", "progress"])
        took = time.perf_counter() - start
        total += took
        print(f"  indicator dashboard                           {took:7.2f} s")
        print(
            f"  every report of the year                      {total:7.2f} s"
            f"  peak RSS {peak_rss_mb():.0f} MB"
        )
        cr.rollback()


if __name__ == "__main__":
    main()

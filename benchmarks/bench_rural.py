"""Benchmark of rural_itineraries: the municipal register and the matching ranking.

Measures, in a database where rural_itineraries is installed:

- loading Spain's INE municipal register (8,132 rows) into an empty table, then loading
  it again (the idempotent update that changes nothing);
- ranking every municipality with the open job offers for one household as a
  technician (record rules applied): the wizard's data gathering (``_rural_rank``),
  with its query count, cold ORM (caches cleared before each call).

Seeding adds ``--offers`` open job offers spread over the municipalities and gives
one municipality in five a welcome status, services and homes. Everything is rolled
back at the end.

Usage:

    $ODOO_PYTHON benchmarks/bench_rural.py -d ru_bench --addons-path=$CORE,addons \\
        [--offers 2000 --repeat 20]
"""

import argparse
import random
import statistics
import time
from datetime import date

import odoo
from odoo import SUPERUSER_ID, api

QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
SECTORS = ["agriculture", "agri_food", "commerce", "local_services", "care", "hospitality"]


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def seed(env, args):
    rng = random.Random(13)
    Municipality = env["rural.municipality"].with_context(**QUIET)
    municipalities = Municipality.search([])
    for municipality in municipalities.filtered(lambda m: m.id % 5 == 0):
        municipality.write(
            {
                "welcome_status": rng.choice(["interested", "agreement", "active"]),
                "agreement_date": date(2024, 1, 1),
                "has_school": rng.random() < 0.7,
                "has_health_centre": rng.random() < 0.8,
                "has_public_transport": rng.random() < 0.4,
                "has_broadband": rng.random() < 0.6,
                "housing_available": rng.randint(0, 4),
            }
        )
    offers = (
        env["rural.job.offer"]
        .with_context(**QUIET)
        .create(
            [
                {
                    "name": f"Offer {n}",
                    "municipality_id": rng.choice(municipalities.ids),
                    "sector": rng.choice(SECTORS),
                    "positions": rng.randint(1, 4),
                    "housing_offered": rng.random() < 0.3,
                    "state": "open",
                }
                for n in range(args.offers)
            ]
        )
    )
    office = env["migrant.office"].create({"name": "Bench office", "code": "RBENCH"})
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench technician",
                "login": "rural_bench_tech",
                "groups_id": [(6, 0, [env.ref("migrant_integration.group_migrant_user").id])],
                "migrant_office_ids": [(6, 0, office.ids)],
            }
        )
    )
    household = env["migrant.household"].create({"name": "Bench family"})
    head = env["res.partner"].create(
        {"name": "Bench head", "is_beneficiary": True, "household_id": household.id,
         "birthdate": date(1985, 1, 1)}
    )  # fmt: skip
    env["res.partner"].create(
        {"name": "Bench child", "is_beneficiary": True, "household_id": household.id,
         "birthdate": date(2018, 1, 1)}
    )  # fmt: skip
    household.head_id = head
    env["migrant.case"].create(
        {"partner_id": head.id, "household_id": household.id, "office_id": office.id}
    )
    project = env["project.project"]._rural_create_itinerary(household, user=user)
    project.sector_ids = env.ref("rural_itineraries.sector_agriculture")
    return user, project, offers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db_host", default="localhost")
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", f"--db_host={args.db_host}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Municipality = env["rural.municipality"].with_context(active_test=False)
        Municipality.search([]).unlink()
        took, (created, updated) = timed(Municipality._load_ine_register)
        print(f"register load (empty table): {took:.2f} s, {created} created, {updated} updated")
        took, (created, updated) = timed(Municipality._load_ine_register)
        print(f"register load (again): {took:.2f} s, {created} created, {updated} updated")
        user, project, offers = seed(env, args)
        env.flush_all()
        count = env["rural.municipality"].search_count([])
        print(f"{count} municipalities, {len(offers)} open offers")
        Wizard = env["rural.matching.wizard"].with_user(user)
        project = project.with_user(user)
        times, queries = [], []
        for _ in range(args.repeat):
            env.registry.clear_cache()
            env.invalidate_all()
            before = cr.sql_log_count
            took, ranking = timed(lambda: Wizard._rural_rank(project))
            queries.append(cr.sql_log_count - before)
            times.append(took)
        print(
            f"ranking for one household (technician, cold ORM): median "
            f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms, "
            f"{max(queries)} queries; best: {ranking[0][1]['id']} with {ranking[0][0]} points"
        )
        cr.rollback()


if __name__ == "__main__":
    main()

"""Benchmark of migrant_integration on realistic volumes.

Seeds people with documents and phones, households, cases and interventions by batch
creation through the ORM, then measures what the desk and the case list do:

- finding a person by document number or by phone through the search the UI uses
  (as a technician, record rules included), against a direct indexed SQL lookup;
- the query count of the duplicate check of a new person;
- opening the case list (web_search_read of 80 cases with the list view's fields);
- the subject-access workbook of one person, and anonymising one person.

Usage (a database where migrant_integration is installed, without demo data):

    $ODOO_PYTHON -m odoo -d mi_bench -i migrant_integration --without-demo=all \\
        --addons-path=$CORE,addons --stop-after-init
    $ODOO_PYTHON benchmarks/bench_case_files.py -d mi_bench --addons-path=$CORE,addons \\
        [--people 100000 --households 30000 --cases 50000 --interventions 300000]

Seeding is skipped when the database already holds the people (run it again to
measure only). Figures go to stdout; the README keeps the ones measured.
"""

import argparse
import random
import statistics
import time

from lxml import etree

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
NIE_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def nie(i):
    prefix = "XYZ"[i % 3]
    body = f"{i:07d}"
    return f"{prefix}{body}{NIE_LETTERS[int(str('XYZ'.index(prefix)) + body) % 23]}"


def mobile(i):
    return f"+346{10000000 + i:08d}"


def chunks(n, size):
    for start in range(0, n, size):
        yield start, min(start + size, n)


def seed(env, args):
    rng = random.Random(42)
    started = time.monotonic()
    countries = env["res.country"].search([]).ids
    offices = env["migrant.office"].search([])
    if len(offices) < 4:
        offices |= env["migrant.office"].create(
            [{"name": f"Bench office {i}", "code": f"B{i}"} for i in range(4 - len(offices))]
        )
    tech = env["res.users"].search([("login", "=", "bench_tech")])
    if not tech:
        tech = env["res.users"].create(
            {
                "name": "Bench technician",
                "login": "bench_tech",
                "groups_id": [(6, 0, [env.ref("migrant_integration.group_migrant_user").id])],
            }
        )
    offices[0].user_ids |= tech
    areas = env["migrant.area"].search([]).ids
    stages = env["migrant.case.stage"].search([("is_closed", "=", False)]).ids

    Household = env["migrant.household"].with_context(**QUIET)
    household_ids = []
    for start, stop in chunks(args.households, 5000):
        household_ids += Household.create([{"name": f"Family {i}"} for i in range(start, stop)]).ids
    print(f"  {len(household_ids)} households in {time.monotonic() - started:.0f} s", flush=True)

    Partner = env["res.partner"].with_context(**QUIET)
    Document = env["migrant.identity.document"]
    people = []
    for start, stop in chunks(args.people, 2000):
        batch = Partner.create(
            [
                {
                    "name": f"Person {i} {rng.choice('ABCDEFGH')}",
                    "is_beneficiary": True,
                    "mobile": mobile(i),
                    "gender": rng.choice(["female", "male"]),
                    "birthdate": f"{rng.randint(1950, 2020)}-{rng.randint(1, 12):02d}-15",
                    "nationality_id": rng.choice(countries),
                    "household_id": household_ids[i % len(household_ids)] if i % 10 < 6 else False,
                }
                for i in range(start, stop)
            ]
        )
        Document.create(
            [
                {"partner_id": pid, "document_type": "nie", "number": nie(i)}
                for pid, i in zip(batch.ids, range(start, stop), strict=True)
            ]
        )
        people += batch.ids
        env.cr.commit()
        env.invalidate_all()
    print(
        f"  {len(people)} people with NIE and phone in {time.monotonic() - started:.0f} s",
        flush=True,
    )

    Case = env["migrant.case"].with_context(**QUIET)
    case_ids = []
    for start, stop in chunks(args.cases, 5000):
        case_ids += Case.create(
            [
                {
                    "partner_id": people[i * 2 % len(people)],
                    "office_id": offices[i % len(offices)].id,
                    "user_id": tech.id,
                    "stage_id": stages[i % len(stages)],
                    "area_ids": [(6, 0, rng.sample(areas, 2))],
                }
                for i in range(start, stop)
            ]
        ).ids
        env.cr.commit()
        env.invalidate_all()
    print(f"  {len(case_ids)} cases in {time.monotonic() - started:.0f} s", flush=True)

    Intervention = env["migrant.intervention"].with_context(**QUIET)
    for start, stop in chunks(args.interventions, 10000):
        Intervention.create(
            [
                {
                    "case_id": case_ids[i % len(case_ids)],
                    "area_id": rng.choice(areas),
                    "intervention_type": rng.choice(["information", "advice", "follow_up"]),
                    "user_id": tech.id,
                    "duration": 0.5,
                    "date": f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-10 10:00:00",
                }
                for i in range(start, stop)
            ]
        )
        env.cr.commit()
        env.invalidate_all()
    print(f"  {args.interventions} interventions in {time.monotonic() - started:.0f} s", flush=True)
    env.cr.execute("ANALYZE")
    return time.monotonic() - started


def timed(func, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def list_view_spec(model):
    """The web_search_read specification of the model's list view, as the web client
    builds it: every field of the view, relational ones with their display name."""
    arch = etree.fromstring(model.get_view(view_type="list")["arch"])
    spec = {}
    for node in arch.iter("field"):
        field = model._fields[node.get("name")]
        spec[field.name] = {"fields": {"display_name": {}}} if field.relational else {}
    return spec


def measure(env, args):
    rng = random.Random(7)
    tech = env["res.users"].search([("login", "=", "bench_tech")])
    n_people = env["res.partner"].search_count([("is_beneficiary", "=", True)])
    tenv = env(user=tech)
    Partner = tenv["res.partner"].with_context(active_test=True)
    ui_domain = [("is_beneficiary", "=", True)]  # the People action's domain
    print(
        f"\nVolumes: {n_people} people, "
        f"{env['migrant.household'].search_count([])} households, "
        f"{env['migrant.case'].search_count([])} cases, "
        f"{env['migrant.intervention'].search_count([])} interventions"
    )

    samples = [rng.randrange(n_people) for _ in range(args.repeat)]
    typed_docs = iter([nie(i).lower()[:1] + "-" + nie(i)[1:8] + "-" + nie(i)[8:] for i in samples])
    typed_phones = iter([mobile(i)[3:6] + " " + mobile(i)[6:] for i in samples])
    sql_docs = iter([nie(i) for i in samples])
    sql_phones = iter([mobile(i) for i in samples])

    def ui_doc():
        found = Partner.search(ui_domain + [("document_number", "=", next(typed_docs))])
        assert len(found) <= 1

    def ui_phone():
        found = Partner.search(ui_domain + [("phone_e164", "=", next(typed_phones))])
        assert len(found) <= 1

    def sql_doc():
        env.cr.execute(
            SQL(
                "SELECT partner_id FROM migrant_identity_document WHERE number = %s",
                next(sql_docs),
            )
        )
        env.cr.fetchall()

    def sql_phone():
        number = next(sql_phones)
        env.cr.execute(
            SQL("SELECT id FROM res_partner WHERE phone = %s OR mobile = %s", number, number)
        )
        env.cr.fetchall()

    Partner.search(ui_domain + [("document_number", "=", nie(1))])  # warm the caches
    results = {}
    for label, func in (
        ("document, UI search as technician", ui_doc),
        ("document, direct SQL", sql_doc),
        ("phone, UI search as technician", ui_phone),
        ("phone, direct SQL", sql_phone),
    ):
        results[label] = timed(func, args.repeat)
        print(f"  {label:38s} median {results[label][0]:7.2f} ms   max {results[label][1]:7.2f} ms")
    for kind in ("document", "phone"):
        ratio = results[f"{kind}, UI search as technician"][0] / results[f"{kind}, direct SQL"][0]
        print(f"  {kind}: UI search / SQL = {ratio:.1f}x")

    # The duplicate check of a new person (what the form computes while typing).
    new = tenv["res.partner"].new(
        {
            "name": "Person 12 A",
            "is_beneficiary": True,
            "mobile": mobile(12),
            "birthdate": "1990-01-15",
        }
    )
    tenv.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    duplicates = new.duplicate_partner_ids
    elapsed = (time.perf_counter() - start) * 1000
    print(
        f"  duplicate check of a new person: {env.cr.sql_log_count - before} queries, "
        f"{elapsed:.1f} ms, {len(duplicates)} possible duplicate(s)"
    )

    # Opening the case list.
    Case = tenv["migrant.case"]
    spec = list_view_spec(Case)
    counts = []

    def open_list():
        tenv.invalidate_all()
        before = env.cr.sql_log_count
        result = Case.web_search_read([("is_closed", "=", False)], spec, limit=80)
        counts.append(env.cr.sql_log_count - before)
        assert len(result["records"]) == 80

    median, worst = timed(open_list, 20)
    print(
        f"  case list (80 cases, list fields, technician): median {median:.1f} ms, "
        f"max {worst:.1f} ms, {counts[-1]} queries"
    )

    # The subject-access workbook of one person, as the technician of the office.
    people = Case.search([], limit=20).partner_id
    queries = []

    def export():
        person = people[len(queries) % len(people)]
        tenv.invalidate_all()
        before = env.cr.sql_log_count
        person.action_migrant_subject_access_export()
        queries.append(env.cr.sql_log_count - before)

    median, worst = timed(export, 20)
    print(
        f"  subject-access workbook of one person: median {median:.1f} ms, "
        f"max {worst:.1f} ms, {max(queries)} queries at most"
    )

    # Anonymising one person whose cases are closed (everything is rolled back).
    to_close = env["migrant.case"].search([], order="id desc", limit=20)
    to_close.write(
        {
            "stage_id": env.ref("migrant_integration.stage_closed").id,
            "closure_reason": "goals_achieved",
        }
    )
    env.flush_all()
    closed = to_close.partner_id.filtered(lambda p: all(p.case_ids.mapped("is_closed")))
    queries = []

    def anonymise():
        person = closed[len(queries) % len(closed)]
        env.invalidate_all()
        before = env.cr.sql_log_count
        env.cr.execute("SAVEPOINT bench_anonymise")
        person.sudo()._migrant_anonymize()
        env.flush_all()
        queries.append(env.cr.sql_log_count - before)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_anonymise")
        env.invalidate_all()

    median, worst = timed(anonymise, len(closed))
    print(
        f"  anonymising one person: median {median:.1f} ms, max {worst:.1f} ms, "
        f"{max(queries)} queries at most"
    )

    # Who the scheduled anonymisation takes: those 20 files closed ten years ago.
    to_close.write({"open_date": "2014-01-01", "close_date": "2015-01-01"})
    env.company.migrant_anonymize_after_years = 5
    env.flush_all()
    found = []
    median, worst = timed(
        lambda: found.append(env["res.partner"]._migrant_due_for_anonymisation()), 5
    )
    print(
        f"  people due for the scheduled anonymisation: {len(found[-1])} found among "
        f"{env['migrant.case'].search_count([])} files in {median:.1f} ms (max {worst:.1f} ms)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db_host", default="localhost")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--households", type=int, default=30_000)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--interventions", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", f"--db_host={args.db_host}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        have = env["res.partner"].search_count([("is_beneficiary", "=", True)])
        if have < args.people:
            print(f"Seeding {args.people} people ... (have {have})", flush=True)
            took = seed(env, args)
            print(f"Seeded in {took / 60:.1f} min")
            cr.commit()
        measure(env, args)
        cr.rollback()


if __name__ == "__main__":
    main()

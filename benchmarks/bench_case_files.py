"""Benchmark of migrant_integration on realistic volumes.

Seeds people with several identity documents and phones, households, person and
household case files, interventions (a share of the records with mail tracking on, as
when staff edit them), then measures what the desk, the lists and the privacy work do,
each row as the role its label says (record rules applied):

- finding a person by document number or by phone as typed at the desk, through the
  same path as the web client (the People action's search plus the list read), against
  a direct indexed SQL probe; misses are counted (every look-up should find its person);
- the one look-up method (``_migrant_find_person``) and a technician's and a
  coordinator's name search of a person (the autocomplete of a person field);
- opening the people list and the case list (80 rows, the list views' fields);
- the duplicate check of a new person (what the form computes while typing);
- the subject-access workbook of one person (technician of the office), anonymising
  one person (coordinator), and who the scheduled anonymisation takes.

Every measured call starts cold: the registry's caches (access rights, record rules,
translations) are cleared and the ORM cache invalidated before it; PostgreSQL's own
buffers stay warm (the figures say "cold ORM").

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
TRACKED_SHARE = 10  # one record in ten is created and edited with tracking on


def nie(i):
    prefix = "XYZ"[i % 3]
    body = f"{i:07d}"
    return f"{prefix}{body}{NIE_LETTERS[int(str('XYZ'.index(prefix)) + body) % 23]}"


def typed_nie(i):
    """A NIE as people type it at the desk: lower case, with dashes."""
    number = nie(i).lower()
    return f"{number[0]}-{number[1:8]}-{number[8]}"


def mobile(i):
    return f"+346{10000000 + i:08d}"


def typed_mobile(i):
    digits = mobile(i)[3:]
    return f"{digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"


def chunks(n, size):
    for start in range(0, n, size):
        yield start, min(start + size, n)


def user(env, login, group):
    found = env["res.users"].search([("login", "=", login)])
    if found:
        return found
    return env["res.users"].create(
        {
            "name": login.replace("_", " ").title(),
            "login": login,
            "groups_id": [(6, 0, [env.ref(group).id])],
        }
    )


def seed(env, args):
    rng = random.Random(42)
    started = time.monotonic()
    countries = env["res.country"].search([]).ids
    offices = env["migrant.office"].search([])
    if len(offices) < 4:
        offices |= env["migrant.office"].create(
            [{"name": f"Bench office {i}", "code": f"B{i}"} for i in range(4 - len(offices))]
        )
    tech = user(env, "bench_tech", "migrant_integration.group_migrant_user")
    coordinator = user(env, "bench_coordinator", "migrant_integration.group_migrant_manager")
    offices[0].user_ids |= tech | coordinator
    for office in offices[1:]:
        office.user_ids |= user(
            env, f"bench_tech_{office.code.lower()}", "migrant_integration.group_migrant_user"
        )
    areas = env["migrant.area"].search([]).ids
    stages = env["migrant.case.stage"].search([("is_closed", "=", False)]).ids

    def create(name, values):
        """Create with mail tracking on for one record in ten (as when staff type them),
        off for the others; nobody is notified by email."""
        records = env[name].with_context(mail_auto_subscribe_no_notify=True)
        tracked = records.create(values[::TRACKED_SHARE])
        quiet = records.with_context(**QUIET).create(
            [v for i, v in enumerate(values) if i % TRACKED_SHARE]
        )
        tracked_ids, quiet_ids = iter(tracked.ids), iter(quiet.ids)
        return env[name].browse(
            [next(quiet_ids if i % TRACKED_SHARE else tracked_ids) for i in range(len(values))]
        )

    household_ids = []
    for start, stop in chunks(args.households, 5000):
        household_ids += (
            env["migrant.household"]
            .with_context(**QUIET)
            .create([{"name": f"Family {i}"} for i in range(start, stop)])
            .ids
        )
    print(f"  {len(household_ids)} households in {time.monotonic() - started:.0f} s", flush=True)

    people = []
    for start, stop in chunks(args.people, 2000):
        values = [
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
        batch = create("res.partner", values)
        documents = []
        for pid, i in zip(batch.ids, range(start, stop), strict=True):
            documents.append({"partner_id": pid, "document_type": "nie", "number": nie(i)})
            if i % 3 == 0:  # a passport too
                documents.append(
                    {"partner_id": pid, "document_type": "passport", "number": f"P{i:08d}"}
                )
        env["migrant.identity.document"].create(documents)
        people += batch.ids
        env.cr.commit()
        env.invalidate_all()
    print(f"  {len(people)} people in {time.monotonic() - started:.0f} s", flush=True)

    case_ids = []
    for start, stop in chunks(args.cases, 5000):
        values = []
        for i in range(start, stop):
            person = people[i * 2 % len(people)]
            household = household_ids[(i * 2 % len(people)) % len(household_ids)]
            is_household = i % 8 == 0 and (i * 2 % len(people)) % 10 < 6
            office = offices[i % len(offices)]
            values.append(
                {
                    "partner_id": person,
                    "client_kind": "household" if is_household else "person",
                    "household_id": household if is_household else False,
                    "office_id": office.id,
                    "user_id": office.user_ids[:1].id,
                    "stage_id": stages[i % len(stages)],
                    "area_ids": [(6, 0, rng.sample(areas, 2))],
                }
            )
        case_ids += create("migrant.case", values).ids
        env.cr.commit()
        env.invalidate_all()
    print(f"  {len(case_ids)} cases in {time.monotonic() - started:.0f} s", flush=True)

    Case = env["migrant.case"]
    for start, stop in chunks(args.interventions, 10000):
        cases = Case.browse([case_ids[i % len(case_ids)] for i in range(start, stop)])
        create(
            "migrant.intervention",
            [
                {
                    "case_id": case.id,
                    "area_id": rng.choice(areas),
                    "intervention_type": rng.choice(["information", "advice", "follow_up"]),
                    "user_id": case.user_id.id,
                    "duration": 0.5,
                    "date": f"{rng.randint(2019, 2026)}-{rng.randint(1, 10):02d}-10 10:00:00",
                }
                for case in cases
            ],
        )
        env.cr.commit()
        env.invalidate_all()
    print(f"  {args.interventions} interventions in {time.monotonic() - started:.0f} s", flush=True)
    # staff edit a share of the files: their tracked changes fill mail_tracking_value
    tracked = Case.browse(case_ids[::TRACKED_SHARE])
    for start, stop in chunks(len(tracked), 2000):
        tracked[start:stop].write({"next_review_date": "2026-12-01"})
        env.cr.commit()
    env.cr.execute("ANALYZE")
    return time.monotonic() - started


def cold(env):
    env.registry.clear_cache()
    env.invalidate_all()


def timed(env, func, repeat, warm=False):
    """Median and max in ms of ``func`` called ``repeat`` times, and the queries of the
    last call. Cold: the registry's caches cleared and the ORM cache invalidated before
    each call; warm: only the ORM cache invalidated (a request to a running server)."""
    times = []
    queries = 0
    for _ in range(repeat):
        if warm:
            env.invalidate_all()
        else:
            cold(env)
        before = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
        queries = env.cr.sql_log_count - before
    return statistics.median(times), max(times), queries


def list_view_spec(model, view_id=None):
    """The web_search_read specification of a list view, as the web client builds it:
    every field of the view, relational ones with their display name."""
    arch = etree.fromstring(model.get_view(view_id, view_type="list")["arch"])
    spec = {}
    for node in arch.iter("field"):
        field = model._fields[node.get("name")]
        spec[field.name] = {"fields": {"display_name": {}}} if field.relational else {}
    return spec


def report(label, result, extra=""):
    median, worst, queries = result
    print(f"  {label:58s} {median:8.1f} ms  max {worst:8.1f} ms  {queries:3d} q {extra}")


def measure_desk(env, People, people_spec, action_domain, samples, index_of, repeat):
    """Finding a person by document or phone as typed at the desk, against SQL."""
    misses = {"document": 0, "phone": 0}

    def desk(kind, typed, list_read):
        """The desk's search as the web client sends it (the People action's domain and
        the field typed in the search box), with or without reading the list."""
        it = iter(samples)
        field = "document_number" if kind == "document" else "phone_e164"

        def run():
            pid, _mobile = next(it)
            domain = action_domain + [(field, "ilike", typed(index_of[pid]))]
            if list_read:
                found = [r["id"] for r in People.web_search_read(domain, people_spec)["records"]]
            else:
                found = People.search(domain).ids
            if found != [pid]:
                misses[kind] += 1

        return run

    def sql(kind, list_read):
        """The same by hand: the index probe alone, or the probe reading the list's
        columns for the person found (the one query a programmer would write)."""
        it = iter(samples)

        def run():
            pid, mob = next(it)
            if kind == "document":
                where = SQL(
                    "p.id IN (SELECT partner_id FROM migrant_identity_document WHERE number = %s)",
                    nie(index_of[pid]),
                )
            else:
                where = SQL("(p.phone = %s OR p.mobile = %s)", mob, mob)
            if list_read:
                query = SQL(
                    """
                    SELECT p.id, p.name, p.mobile, p.phone, p.gender, p.birthdate,
                           c.name, h.name, p.spanish_level,
                           (SELECT number FROM migrant_identity_document d
                             WHERE d.partner_id = p.id ORDER BY d.id LIMIT 1),
                           (SELECT count(*) FROM migrant_case k WHERE k.partner_id = p.id)
                      FROM res_partner p
                      LEFT JOIN res_country c ON c.id = p.nationality_id
                      LEFT JOIN migrant_household h ON h.id = p.household_id
                     WHERE p.is_beneficiary AND %s
                    """,
                    where,
                )
            else:
                query = SQL("SELECT p.id FROM res_partner p WHERE %s", where)
            env.cr.execute(query)
            env.cr.fetchall()

        return run

    for kind, typed in (("document", typed_nie), ("phone", typed_mobile)):
        probe = timed(env, sql(kind, False), repeat, warm=True)
        search = timed(env, desk(kind, typed, False), repeat, warm=True)
        report(
            f"find by {kind} as typed (search, warm)",
            search,
            f"{search[0] / probe[0]:.1f}x the index probe",
        )
        report("  the same, the index probe in SQL", probe)
        queries = iter(
            [
                People._search(
                    action_domain
                    + [
                        (
                            "document_number" if kind == "document" else "phone_e164",
                            "ilike",
                            typed(index_of[pid]),
                        )
                    ]
                ).select()
                for pid, _mobile in samples
            ]
        )
        alone = timed(env, lambda queries=queries: env.cr.execute(next(queries)), repeat, True)
        report(
            "  the search's own SQL (record rules included), run alone",
            alone,
            f"{alone[0] / probe[0]:.1f}x the index probe",
        )
        by_hand = timed(env, sql(kind, True), repeat, warm=True)
        for label, warm in (("warm", True), ("cold", False)):
            result = timed(env, desk(kind, typed, True), repeat, warm=warm)
            report(
                f"  search + list read as the web client does ({label})",
                result,
                f"{result[0] / by_hand[0]:.1f}x the SQL below",
            )
        report("  the same by hand: one SQL query finding and reading the row", by_hand)
        report("  people not found (should be none)", (0, 0, 0), f"{misses[kind]}")


def measure(env, args):
    rng = random.Random(7)
    tech = env["res.users"].search([("login", "=", "bench_tech")])
    coordinator = env["res.users"].search([("login", "=", "bench_coordinator")])
    office = tech.migrant_office_ids[:1]
    tenv, cenv = env(user=tech), env(user=coordinator)
    n_people = env["res.partner"].search_count([("is_beneficiary", "=", True)])
    print(
        f"\nVolumes: {n_people} people, "
        f"{env['migrant.identity.document'].search_count([])} documents, "
        f"{env['migrant.household'].search_count([])} households, "
        f"{env['migrant.case'].search_count([])} cases, "
        f"{env['migrant.intervention'].search_count([])} interventions, "
        f"{env['migrant.intervention.person'].search_count([])} people served, "
        f"{env['mail.tracking.value'].search_count([])} tracked changes"
    )
    # the people a technician of the first office may see (followed there, or nowhere)
    env.cr.execute(
        SQL(
            """
            SELECT p.id, p.mobile FROM res_partner p
             WHERE p.is_beneficiary AND (NOT p.is_followed OR EXISTS (
                   SELECT 1 FROM migrant_partner_case_office_rel r
                    WHERE r.partner_id = p.id AND r.office_id = %s))
            """,
            office.id,
        )
    )
    visible = env.cr.fetchall()
    samples = [rng.choice(visible) for _ in range(args.repeat)]
    index_of = {pid: int(mob[4:]) - 10000000 for pid, mob in samples}
    People = tenv["res.partner"].with_context(default_is_beneficiary=True)
    people_view = env.ref("migrant_integration.res_partner_view_list_beneficiary")
    people_spec = list_view_spec(People, people_view.id)
    action_domain = [("is_beneficiary", "=", True)]  # the People action's domain
    print(f"\nAs {tech.login} (technician of {office.name}); cold ORM before each call.")

    measure_desk(env, People, people_spec, action_domain, samples, index_of, args.repeat)

    it = iter(samples)

    def find_person():
        pid, _mobile = next(it)
        match = tenv["res.partner"]._migrant_find_person(document=typed_nie(index_of[pid]))
        assert match.partners.id == pid

    report("the desk look-up method by document", timed(env, find_person, args.repeat))

    name_query = (
        tenv["res.partner"]
        ._search([("is_beneficiary", "=", True), ("complete_name", "ilike", "Person 123")], limit=8)
        .select()
    )
    env.cr.execute(SQL("EXPLAIN (ANALYZE, FORMAT JSON) %s", name_query))
    plan = env.cr.fetchone()[0][0]
    jit = plan.get("JIT", {}).get("Timing", {}).get("Total")
    print(
        f"  name search plan (technician): cost {plan['Plan']['Total Cost']:.0f}, "
        f"{plan['Execution Time']:.1f} ms, JIT {f'{jit:.1f} ms' if jit else 'not used'}"
    )
    for label, uenv in (("technician", tenv), ("coordinator", cenv)):
        names = iter([f"Person {index_of[pid]} " for pid, _m in samples])
        report(
            f"name search of a person ({label})",
            timed(
                env,
                lambda uenv=uenv, names=names: uenv["res.partner"].name_search(
                    next(names), [("is_beneficiary", "=", True)], limit=8
                ),
                min(args.repeat, 50),
            ),
        )
    for label, uenv in (("technician", tenv), ("coordinator", cenv)):
        report(
            f"people list, 80 rows ({label})",
            timed(
                env,
                lambda uenv=uenv: uenv["res.partner"].web_search_read(
                    action_domain, people_spec, limit=80
                ),
                20,
            ),
        )
    Case = tenv["migrant.case"]
    case_spec = list_view_spec(Case)
    report(
        "case list, 80 rows (technician)",
        timed(
            env,
            lambda: Case.web_search_read([("is_closed", "=", False)], case_spec, limit=80),
            20,
        ),
    )
    new_people = iter(samples)

    def duplicate_check():
        pid, mob = next(new_people)
        person = tenv["res.partner"].browse(pid)
        probe = tenv["res.partner"].new(
            {
                "name": "Someone New",
                "is_beneficiary": True,
                "mobile": mob,
                "birthdate": "1990-01-15",
            }
        )
        assert probe.duplicate_partner_ids._origin == person

    report("duplicate check of a new person", timed(env, duplicate_check, min(args.repeat, 50)))

    followed = Case.search([], limit=20).partner_id
    exports = iter(range(10**6))

    def export():
        followed[next(exports) % len(followed)].action_migrant_subject_access_export()

    report("subject-access workbook of one person (technician)", timed(env, export, 20))

    # Anonymising one person whose files are closed, as a coordinator (rolled back).
    to_close = env["migrant.case"].search(
        [("client_kind", "=", "person")], order="id desc", limit=20
    )
    to_close.write(
        {
            "stage_id": env.ref("migrant_integration.stage_closed").id,
            "closure_reason": "goals_achieved",
        }
    )
    env.flush_all()
    closed = to_close.partner_id.filtered(lambda p: all(p.case_ids.mapped("is_closed")))
    people_left = iter(closed)

    def anonymise():
        person = next(people_left)
        env.cr.execute("SAVEPOINT bench_anonymise")
        person.with_env(cenv)._migrant_anonymize()
        env.flush_all()
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_anonymise")

    report(
        "anonymise one person with closed files (coordinator)", timed(env, anonymise, len(closed))
    )

    # Who the scheduled anonymisation takes: those files closed ten years ago.
    to_close.write({"open_date": "2014-01-01", "close_date": "2015-01-01"})
    env.company.migrant_anonymize_after_years = 5
    env.flush_all()
    found = []
    result = timed(
        env,
        lambda: found.append(env["res.partner.anonymize"]._migrant_due_for_anonymisation()),
        5,
    )
    report(
        "who the scheduled anonymisation takes (scheduler)",
        result,
        f"{len(found[-1])} due among {env['migrant.case'].search_count([])} files",
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
        cr.execute("SHOW jit")
        print(f"PostgreSQL jit: {cr.fetchone()[0]}")
        measure(env, args)
        cr.rollback()


if __name__ == "__main__":
    main()

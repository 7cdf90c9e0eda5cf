"""Load test of the check-in: many volunteers tapping at once on a multi-worker Odoo.

Seeds (once) 20 sessions of a course with their attendance lines and 40 volunteer
accounts, starts Odoo with ``--workers 4`` on the database, and lets 40 simulated
volunteers (each its own JSON-RPC session) mark 3,000 attendances, one in ten of them
at the same moment as another volunteer on the same person. Prints throughput, the
median and 95th-percentile latency of a tap, the server errors, and checks that every
attendance was recorded exactly once.

    $ODOO_PYTHON benchmarks/load_checkin.py -d ws_load --addons-path=$CORE,addons
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import threading
import time

import requests

import odoo
from odoo import SUPERUSER_ID, api

VOLUNTEERS = 40
SESSIONS = 20
PASSWORD = "load-test-volunteer"


def seed(env, attendances):
    office = env["migrant.office"].create({"name": "Load office", "code": "LD"})
    group = env.ref("migrant_integration.group_migrant_volunteer")
    env["res.users"].create(
        [
            {
                "name": f"Door {i}",
                "login": f"door{i}",
                "password": PASSWORD,
                "groups_id": [(6, 0, [group.id])],
            }
            for i in range(VOLUNTEERS)
        ]
    )
    per_session = attendances // SESSIONS
    course = env["event.event"].create(
        {
            "name": "Load course",
            "activity_kind": "course",
            "office_id": office.id,
            "date_begin": datetime.datetime(2026, 1, 1, 8),
            "date_end": datetime.datetime(2026, 12, 31, 20),
        }
    )
    people = env["res.partner"].create(
        [{"name": f"Attendee {i}", "is_beneficiary": True} for i in range(per_session)]
    )
    env["event.registration"].create(
        [{"event_id": course.id, "partner_id": p.id, "name": p.name} for p in people]
    )
    env["workshop.session"].create(
        [
            {
                "event_id": course.id,
                "date_begin": datetime.datetime(2026, 2, 1, 9) + datetime.timedelta(days=i),
                "date_end": datetime.datetime(2026, 2, 1, 11) + datetime.timedelta(days=i),
            }
            for i in range(SESSIONS)
        ]
    )


def volunteer(url, db, login, jobs, results):
    http = requests.Session()
    http.post(
        f"{url}/web/session/authenticate",
        json={"params": {"db": db, "login": login, "password": PASSWORD}},
    ).raise_for_status()
    for line_id, barrier in jobs:
        if barrier:
            barrier.wait()
        start = time.perf_counter()
        reply = http.post(
            f"{url}/web/dataset/call_kw",
            json={
                "params": {
                    "model": "workshop.attendance",
                    "method": "workshop_mark",
                    "args": [[line_id], "present"],
                    "kwargs": {},
                }
            },
        )
        took = time.perf_counter() - start
        body = reply.json()
        results.append((took, "error" in body, body.get("result", {}).get("already")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db_host", default="localhost")
    parser.add_argument("--port", type=int, default=8169)
    parser.add_argument("--attendances", type=int, default=3000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", f"--db_host={args.db_host}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if not env["res.users"].search_count([("login", "=", "door0")]):
            seed(env, args.attendances)
        course = env["event.event"].search([("name", "=", "Load course")])
        env["workshop.attendance"].search([("event_id", "=", course.id)]).write({"state": "absent"})
        line_ids = env["workshop.attendance"].search([("event_id", "=", course.id)]).ids
        cr.commit()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            "-d",
            args.database,
            f"--addons-path={args.addons_path}",
            f"--db_host={args.db_host}",
            "--workers=4",
            f"--http-port={args.port}",
            "--max-cron-threads=0",
            "--log-level=warn",
            "--limit-time-real=600",
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(os.devnull, "w"),
    )
    url = f"http://localhost:{args.port}"
    try:
        for _ in range(60):
            try:
                requests.get(f"{url}/web/login", timeout=10)
                break
            except requests.RequestException:
                time.sleep(1)
        rng = random.Random(7)
        rng.shuffle(line_ids)
        jobs = {i: [] for i in range(VOLUNTEERS)}
        collisions = len(line_ids) // 10
        # one in ten: two volunteers tap the same person at the same moment
        for k, line_id in enumerate(line_ids[:collisions]):
            a, b = k % VOLUNTEERS, (k + 1) % VOLUNTEERS
            barrier = threading.Barrier(2)
            jobs[a].append((line_id, barrier))
            jobs[b].append((line_id, barrier))
        for k, line_id in enumerate(line_ids[collisions:]):
            jobs[k % VOLUNTEERS].append((line_id, None))
        for queue in jobs.values():
            queue.sort(key=lambda job: line_ids.index(job[0]))
        results = []
        threads = [
            threading.Thread(
                target=volunteer, args=(url, args.database, f"door{i}", jobs[i], results)
            )
            for i in range(VOLUNTEERS)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()
    latencies = sorted(r[0] for r in results)
    errors = sum(1 for r in results if r[1])
    already = sum(1 for r in results if r[2])
    with registry.cursor() as cr:
        cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE state = 'present'),"
            " count(DISTINCT (session_id, registration_id))"
            " FROM workshop_attendance WHERE id = ANY(%s)",
            (line_ids,),
        )
        total, present, distinct = cr.fetchone()
    print(
        f"{len(results)} taps by {VOLUNTEERS} volunteers ({collisions} pairs at the same"
        f" moment) in {took:.1f} s: {len(results) / took:.0f} taps/s"
    )
    print(
        f"latency median {statistics.median(latencies) * 1000:.0f} ms,"
        f" p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms"
    )
    print(f"server errors: {errors}; told 'already marked': {already}")
    print(f"attendance lines: {total}, present: {present}, duplicates: {total - distinct}")


if __name__ == "__main__":
    main()

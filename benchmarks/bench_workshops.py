"""Benchmark of the workshops: planning a course's attendance, the check-in screen.

Creates (and rolls back) a course with 300 registrations, then measures:

- planning 30 sessions of it (``workshop.session.generate``): 9,000 attendance lines;
- the check-in screen's data of one session (300 attendees) and one tap, as a
  volunteer, with their query counts.

    $ODOO_PYTHON -m odoo -d ws_bench -i workshops --without-demo=all \\
        --addons-path=$CORE,addons --stop-after-init
    $ODOO_PYTHON benchmarks/bench_workshops.py -d ws_bench --addons-path=$CORE,addons

The load test of the check-in under many volunteers at once is
``benchmarks/load_checkin.py``.
"""

import datetime
import time

from benchlib import odoo_env, parser, timed


def main():
    options = parser(__doc__)
    options.add_argument("--registrations", type=int, default=300)
    options.add_argument("--sessions", type=int, default=30)
    args = options.parse_args()
    with odoo_env(args) as env:
        cr = env.cr
        office = env["migrant.office"].create({"name": "Bench office", "code": "WB"})
        volunteer = env["res.users"].create(
            {
                "name": "Bench volunteer",
                "login": "bench_volunteer_ws",
                "groups_id": [(6, 0, [env.ref("migrant_integration.group_migrant_volunteer").id])],
            }
        )
        start_day = datetime.date(2026, 1, 5)
        course = env["event.event"].create(
            {
                "name": "Bench Spanish A1",
                "activity_kind": "course",
                "office_id": office.id,
                "date_begin": datetime.datetime(2026, 1, 1, 8),
                "date_end": datetime.datetime(2026, 12, 31, 20),
            }
        )
        people = env["res.partner"].create(
            [{"name": f"Learner {i}", "is_beneficiary": True} for i in range(args.registrations)]
        )
        env["event.registration"].with_context(event_mail_no_schedule=True).create(
            [{"event_id": course.id, "partner_id": p.id, "name": p.name} for p in people]
        )
        env.flush_all()
        wizard = env["workshop.session.generate"].create(
            {
                "event_id": course.id,
                "date_start": start_day,
                "count": args.sessions,
                "weekday_ids": [(6, 0, env["workshop.weekday"].search([]).ids)],
            }
        )
        start = time.perf_counter()
        wizard.action_generate()
        env.flush_all()
        took = time.perf_counter() - start
        lines = env["workshop.attendance"].search_count([("event_id", "=", course.id)])
        print(
            f"plan {args.sessions} sessions for {args.registrations} registrations:"
            f" {lines} attendance lines in {took:.2f} s"
        )
        session = course.session_ids[0].with_user(volunteer)
        took, queries, _result = timed(env, session.workshop_checkin_data, 20, cold=False)
        print(
            f"check-in screen data, {args.registrations} attendees: {took * 1000:.1f} ms"
            f" {queries} q"
        )
        lines = session.attendance_ids.with_user(volunteer)
        taps = iter(lines)
        took, queries, _result = timed(
            env, lambda: next(taps).workshop_mark("present"), 20, cold=False
        )
        print(f"one tap (mark present): {took * 1000:.1f} ms {queries} q")
        cr.rollback()


if __name__ == "__main__":
    main()

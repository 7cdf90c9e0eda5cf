from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.migrant_integration.tools import age


class WorkshopStatistics(models.Model):
    """Attendance of the program's activities: one row per person present at a
    session or at a one-day event, and one row per head-count line of an open
    event (nobody named, ``attendances`` people). Count people with the distinct
    count of ``partner_id`` and attendances with the sum."""

    _name = "workshop.statistics"
    _inherit = ["migrant.office.scoped"]
    _description = "Statistics of Workshops"
    _auto = False
    _order = "date desc"
    # what the view reads: flushed before any search on it
    _depends = {
        "workshop.attendance": ["state", "partner_id", "session_id"],
        "workshop.session": ["date_begin", "event_id"],
        "event.event": ["activity_kind", "office_id", "company_id", "area_id", "date_begin"],
        "event.registration": ["state", "partner_id", "event_id"],
        "workshop.headcount": ["event_id", "gender", "age_band", "count"],
        "res.partner": ["gender", "nationality_id", "birthdate"],
    }

    date = fields.Date(readonly=True)
    event_id = fields.Many2one("event.event", string="Activity", readonly=True)
    activity_kind = fields.Selection(
        [("course", "Language course"), ("workshop", "Workshop"), ("awareness", "Awareness event")],
        string="Kind of Activity",
        readonly=True,
    )
    office_id = fields.Many2one("migrant.office", string="Office", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    area_id = fields.Many2one("migrant.area", string="Area", readonly=True)
    partner_id = fields.Many2one("res.partner", string="People", readonly=True)
    gender = fields.Selection(
        [
            ("female", "Female"),
            ("male", "Male"),
            ("non_binary", "Non-binary"),
            ("undisclosed", "Not stated"),
        ],
        readonly=True,
    )
    nationality_id = fields.Many2one("res.country", string="Nationality", readonly=True)
    age_band = fields.Selection(age.SELECTION, readonly=True)
    is_anonymous = fields.Boolean(string="Head Count", readonly=True)
    attendances = fields.Integer(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        band = SQL(
            age.sql_case(),
            age=SQL("date_part('year', age(session.date_begin::date, person.birthdate))::int"),
        )
        event_band = SQL(
            age.sql_case(),
            age=SQL("date_part('year', age(event.date_begin::date, person.birthdate))::int"),
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW workshop_statistics AS (
                    SELECT line.id * 3 AS id, session.date_begin::date AS date,
                           event.id AS event_id, event.activity_kind, event.office_id,
                           event.company_id, event.area_id, line.partner_id,
                           person.gender, person.nationality_id, %(band)s AS age_band,
                           false AS is_anonymous, 1 AS attendances
                      FROM workshop_attendance line
                      JOIN workshop_session session ON session.id = line.session_id
                      JOIN event_event event ON event.id = session.event_id
                 LEFT JOIN res_partner person ON person.id = line.partner_id
                     WHERE line.state = 'present' AND event.activity_kind IS NOT NULL
                UNION ALL
                    SELECT registration.id * 3 + 1, event.date_begin::date, event.id,
                           event.activity_kind, event.office_id, event.company_id,
                           event.area_id, registration.partner_id, person.gender,
                           person.nationality_id, %(event_band)s, false, 1
                      FROM event_registration registration
                      JOIN event_event event ON event.id = registration.event_id
                 LEFT JOIN res_partner person ON person.id = registration.partner_id
                     WHERE registration.state = 'done' AND event.activity_kind IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM workshop_session s
                                        WHERE s.event_id = event.id)
                UNION ALL
                    SELECT headcount.id * 3 + 2, event.date_begin::date, event.id,
                           event.activity_kind, event.office_id, event.company_id,
                           event.area_id, NULL, headcount.gender, NULL, headcount.age_band,
                           true, headcount.count
                      FROM workshop_headcount headcount
                      JOIN event_event event ON event.id = headcount.event_id
                )
                """,
                band=band,
                event_band=event_band,
            )
        )

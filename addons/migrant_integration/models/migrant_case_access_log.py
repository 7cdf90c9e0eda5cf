from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, format_datetime


class MigrantCaseAccessLog(models.Model):
    """Who read the content of which case file, and when.

    Written by the case itself whenever its content is read (form, ``read``,
    ``search_read``, export, reports), at most one row per user, case and hour.
    Rows cannot be changed or deleted through the ORM, by anyone; they keep the case
    reference after the case is gone, and are purged after the company's retention
    period by a scheduled action.
    """

    _name = "migrant.case.access.log"
    _description = "Case File Access"
    _order = "date desc, id desc"
    _log_access = False

    case_id = fields.Many2one("migrant.case", index=True, ondelete="set null", readonly=True)
    case_reference = fields.Char(required=True, readonly=True)
    office_id = fields.Many2one("migrant.office", index=True, readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", required=True, index=True, readonly=True, ondelete="restrict"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True, index=True)

    @api.depends("case_reference", "user_id", "date")
    @api.depends_context("tz", "lang")
    def _compute_display_name(self):
        for row in self:
            when = row.date and format_datetime(self.env, row.date, dt_format="short")
            row.display_name = " · ".join(
                filter(None, [row.case_reference, row.user_id.name, when])
            )

    def init(self):
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS migrant_case_access_log_case_user_date_idx
                ON migrant_case_access_log (case_id, user_id, date)
            """
        )

    @api.model
    def _migrant_record(self, cases):
        """Record that the current user read the content of ``cases`` (once an hour)."""
        now = fields.Datetime.now()
        cases = cases.sudo().browse([i for i in cases._ids if isinstance(i, int)])
        if not cases:
            return
        cases.fetch(["name", "office_id", "company_id"])
        self.env.execute_query(
            SQL(
                """
                INSERT INTO migrant_case_access_log
                       (case_id, case_reference, office_id, company_id, user_id, date)
                SELECT c.id, c.reference, c.office_id, c.company_id, %(uid)s, %(now)s
                  FROM (SELECT unnest(%(ids)s::int[]) AS id,
                               unnest(%(names)s::varchar[]) AS reference,
                               unnest(%(offices)s::int[]) AS office_id,
                               unnest(%(companies)s::int[]) AS company_id) c
                 WHERE NOT EXISTS (
                       SELECT 1 FROM migrant_case_access_log l
                        WHERE l.case_id = c.id AND l.user_id = %(uid)s AND l.date > %(since)s)
                """,
                uid=self.env.uid,
                now=now,
                since=now - timedelta(hours=1),
                ids=cases.ids,
                names=[case.name for case in cases],
                offices=[case.office_id.id or None for case in cases],
                companies=[case.company_id.id or None for case in cases],
            )
        )
        self.invalidate_model()
        cases.invalidate_recordset(["access_log_ids"])

    def write(self, vals):
        if vals:
            raise AccessError(self.env._("The access log of case files cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("The access log of case files cannot be deleted."))

    @api.model
    def _cron_purge(self):
        """Delete the rows older than each company's retention period (0 keeps them)."""
        today = fields.Date.context_today(self)
        purged = 0
        for company in self.env["res.company"].sudo().search([]):
            years = company.migrant_access_log_retention_years
            if years <= 0:
                continue
            cutoff = today - relativedelta(years=years)
            rows = self.env.execute_query(
                SQL(
                    "DELETE FROM migrant_case_access_log WHERE company_id = %s AND date < %s "
                    "RETURNING id",
                    company.id,
                    cutoff,
                )
            )
            purged += len(rows)
        self.invalidate_model()
        return purged

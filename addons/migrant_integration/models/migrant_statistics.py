from odoo import fields, models, tools
from odoo.tools import SQL

from ..tools import age

MONTHS = [
    ("01", "January"),
    ("02", "February"),
    ("03", "March"),
    ("04", "April"),
    ("05", "May"),
    ("06", "June"),
    ("07", "July"),
    ("08", "August"),
    ("09", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]


def _selection_of(model_name, field_name):
    """The (translated) selection of another model's field, read when asked."""

    def selection(self):
        return self.env[model_name]._fields[field_name]._description_selection(self.env)

    return selection


class MigrantStatistics(models.Model):
    """People served and interventions, one row per person served by an intervention
    (every member of a household case), with the person's gender and nationality and
    their age band on the day of the service.

    Count people with the distinct count of ``partner_id`` and services with the
    distinct count of ``intervention_id``, never the rows. Anonymised people keep
    their rows: they still count in their year. A technician sees the rows of their
    offices (the office rules of ``migrant.office.scoped``); coordinators all.
    """

    _name = "migrant.statistics"
    _inherit = ["migrant.office.scoped"]
    _description = "Statistics of People Served"
    _auto = False
    _order = "date desc"
    _rec_name = "intervention_id"
    # what the view reads: flushed before any search on it
    _depends = {
        "migrant.intervention.person": [
            "intervention_id",
            "partner_id",
            "date",
            "office_id",
            "company_id",
            "age_band",
        ],
        "migrant.intervention": ["case_id", "area_id", "intervention_type", "channel"],
        "migrant.case": ["client_kind"],
        "res.partner": ["gender", "nationality_id"],
    }

    intervention_id = fields.Many2one("migrant.intervention", string="Interventions", readonly=True)
    partner_id = fields.Many2one("res.partner", string="People", readonly=True)
    case_id = fields.Many2one("migrant.case", string="Case File", readonly=True)
    date = fields.Date(readonly=True)
    year = fields.Char(readonly=True)
    month = fields.Selection(MONTHS, readonly=True)
    office_id = fields.Many2one("migrant.office", string="Office", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    area_id = fields.Many2one("migrant.area", string="Area", readonly=True)
    intervention_type = fields.Selection(
        _selection_of("migrant.intervention", "intervention_type"), string="Type", readonly=True
    )
    channel = fields.Selection(_selection_of("migrant.intervention", "channel"), readonly=True)
    client_kind = fields.Selection(
        _selection_of("migrant.case", "client_kind"), string="Case of", readonly=True
    )
    gender = fields.Selection(_selection_of("res.partner", "gender"), readonly=True)
    nationality_id = fields.Many2one("res.country", string="Nationality", readonly=True)
    age_band = fields.Selection(age.SELECTION, readonly=True)

    def _migrant_view_query(self):
        # Left joins on primary keys (every line has its intervention, case and
        # person): PostgreSQL leaves out those a query does not use, so a pivot by
        # office and gender reads the lines and the people only.
        return SQL(
            """
            SELECT line.id AS id,
                   line.intervention_id AS intervention_id,
                   line.partner_id AS partner_id,
                   intervention.case_id AS case_id,
                   line.date::date AS date,
                   to_char(line.date, 'YYYY') AS year,
                   to_char(line.date, 'MM') AS month,
                   line.office_id AS office_id,
                   line.company_id AS company_id,
                   intervention.area_id AS area_id,
                   intervention.intervention_type AS intervention_type,
                   intervention.channel AS channel,
                   migrant_case.client_kind AS client_kind,
                   person.gender AS gender,
                   person.nationality_id AS nationality_id,
                   line.age_band AS age_band
              FROM migrant_intervention_person line
         LEFT JOIN migrant_intervention intervention
                ON intervention.id = line.intervention_id
         LEFT JOIN migrant_case ON migrant_case.id = intervention.case_id
         LEFT JOIN res_partner person ON person.id = line.partner_id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._migrant_view_query(),
            )
        )

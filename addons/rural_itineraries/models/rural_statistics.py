from odoo import fields, models, tools
from odoo.tools import SQL

from ..tools import ine
from .project_project import PHASES


class RuralStatistics(models.Model):
    """The itineraries of the program, one row per itinerary with its family's
    people and minors (under 18 at the itinerary's start), its phase and target
    municipality, province and autonomous community."""

    _name = "rural.statistics"
    _inherit = ["migrant.office.scoped"]
    _description = "Statistics of Rural Itineraries"
    _auto = False
    _order = "date_start desc"
    # what the view reads: flushed before any search on it
    _depends = {
        "project.project": [
            "is_itinerary",
            "itinerary_start_date",
            "relocation_date",
            "itinerary_phase",
            "office_id",
            "municipality_id",
            "household_id",
            "create_date",
        ],
        "rural.municipality": ["state_id", "community"],
        "res.partner": ["household_id", "birthdate"],
    }

    project_id = fields.Many2one("project.project", string="Itinerary", readonly=True)
    date_start = fields.Date(string="Start", readonly=True)
    relocation_date = fields.Date(readonly=True)
    itinerary_phase = fields.Selection(PHASES, string="Phase", readonly=True)
    office_id = fields.Many2one("migrant.office", string="Office", readonly=True)
    municipality_id = fields.Many2one("rural.municipality", string="Municipality", readonly=True)
    state_id = fields.Many2one("res.country.state", string="Province", readonly=True)
    community = fields.Selection(ine.COMMUNITIES, string="Autonomous Community", readonly=True)
    families = fields.Integer(readonly=True, aggregator="sum")
    people = fields.Integer(readonly=True, aggregator="sum")
    minors = fields.Integer(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW rural_statistics AS (
                    SELECT project.id AS id, project.id AS project_id,
                           project.itinerary_start_date AS date_start,
                           project.relocation_date, project.itinerary_phase,
                           project.office_id, project.municipality_id,
                           municipality.state_id, municipality.community,
                           1 AS families,
                           (SELECT count(*) FROM res_partner member
                             WHERE member.household_id = project.household_id) AS people,
                           (SELECT count(*) FROM res_partner member
                             WHERE member.household_id = project.household_id
                               AND member.birthdate > COALESCE(project.itinerary_start_date,
                                                               project.create_date::date)
                                                      - interval '18 years') AS minors
                      FROM project_project project
                 LEFT JOIN rural_municipality municipality
                        ON municipality.id = project.municipality_id
                     WHERE project.is_itinerary
                )
                """
            )
        )

from pathlib import Path

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import ine

INE_REGISTER = Path(__file__).resolve().parent.parent / "data" / "ine" / "pobmun24.csv"


class RuralMunicipality(models.Model):
    _name = "rural.municipality"
    _description = "Rural Municipality"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, ine_code"
    _rec_names_search = ["name", "ine_code"]

    name = fields.Char(required=True, tracking=True)
    ine_code = fields.Char(
        string="INE Code",
        required=True,
        size=5,
        index=True,
        tracking=True,
        help="Five-digit code of the municipality in Spain's National Statistics "
        "Institute (two for the province, three for the municipality).",
    )
    active = fields.Boolean(default=True)
    country_id = fields.Many2one(
        "res.country", default=lambda self: self.env.ref("base.es"), readonly=True
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="Province",
        domain="[('country_id', '=', country_id)]",
        index=True,
    )
    community = fields.Selection(
        ine.COMMUNITIES,
        string="Autonomous Community",
        compute="_compute_community",
        store=True,
    )
    population = fields.Integer(tracking=True)
    population_year = fields.Integer(help="Year of the municipal register figure.")
    welcome_status = fields.Selection(
        [
            ("prospect", "Prospect"),
            ("interested", "Interested"),
            ("agreement", "Agreement signed"),
            ("active", "Welcoming families"),
            ("paused", "Paused"),
        ],
        default="prospect",
        required=True,
        tracking=True,
        group_expand=True,
    )
    agreement_date = fields.Date(tracking=True)
    town_hall_contact_id = fields.Many2one("res.partner", string="Town Hall Contact")
    has_school = fields.Boolean(string="School")
    has_health_centre = fields.Boolean(string="Health Centre")
    has_public_transport = fields.Boolean(string="Public Transport")
    has_broadband = fields.Boolean(string="Broadband")
    housing_available = fields.Integer(
        string="Available Homes", help="Homes available for newcomer families."
    )
    context_analysis = fields.Html(
        help="Population trend, economy, services and the municipality's reasons "
        "to welcome families."
    )
    sponsor_partner_ids = fields.Many2many(
        "res.partner",
        "rural_municipality_sponsor_rel",
        "municipality_id",
        "partner_id",
        string="Local Sponsors",
        help="Local families or people who sponsor newcomer families.",
    )
    job_offer_ids = fields.One2many("rural.job.offer", "municipality_id", string="Job Offers")
    itinerary_ids = fields.One2many(
        "project.project",
        "municipality_id",
        string="Itineraries",
        domain=[("is_itinerary", "=", True)],
    )
    job_offer_count = fields.Integer(compute="_compute_counts", string="Offers")
    families_welcomed = fields.Integer(
        compute="_compute_counts", help="Itineraries of families bound for this municipality."
    )
    is_rural = fields.Boolean(
        string="Rural (under 5,000)",
        compute="_compute_is_rural",
        store=True,
        help="Under 5,000 inhabitants.",
    )
    color = fields.Integer()

    _sql_constraints = [
        (
            "ine_code_uniq",
            "unique(ine_code)",
            "Another municipality already has this INE code.",
        ),
    ]

    @api.depends("population")
    def _compute_is_rural(self):
        for municipality in self:
            municipality.is_rural = 0 < municipality.population < 5000

    @api.depends("job_offer_ids", "itinerary_ids")
    def _compute_counts(self):
        for municipality in self:
            municipality.job_offer_count = len(municipality.job_offer_ids)
            municipality.families_welcomed = len(municipality.itinerary_ids)

    @api.constrains("welcome_status", "agreement_date")
    def _check_agreement_date(self):
        for municipality in self:
            if municipality.welcome_status in ("agreement", "active") and not (
                municipality.agreement_date
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: give the date of the agreement with the town hall.",
                        name=municipality.name,
                    )
                )

    def action_view_job_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "rural_itineraries.rural_job_offer_action"
        )
        action["domain"] = [("municipality_id", "=", self.id)]
        action["context"] = {"default_municipality_id": self.id}
        return action

    @api.depends("state_id")
    def _compute_community(self):
        for municipality in self:
            code = municipality.state_id.code if municipality.state_id else None
            municipality.community = ine.community_of_state_code(code)

    @api.constrains("ine_code", "state_id")
    def _check_ine_code(self):
        for municipality in self:
            try:
                code = ine.check_ine_code(municipality.ine_code)
            except ine.IneError as exc:
                raise ValidationError(self.env._(exc.template, **exc.params)) from exc
            expected = ine.PROVINCE_STATE_CODES[code[:2]]
            if municipality.state_id and municipality.state_id.code != expected:
                raise ValidationError(
                    self.env._(
                        "The INE code %(code)s belongs to another province than " "%(province)s.",
                        code=code,
                        province=municipality.state_id.name,
                    )
                )

    @api.model
    def _load_ine_register(self, text=None, year=2024):
        """Create or update municipalities from an INE municipal register file.

        Returns the number of (created, updated) municipalities.
        """
        if text is None:
            text = INE_REGISTER.read_text(encoding="utf-8")
        try:
            rows = list(ine.parse_register(text, year=year))
        except ine.IneError as exc:
            raise ValidationError(self.env._(exc.template, **exc.params)) from exc
        spain = self.env.ref("base.es")
        states = {
            state.code: state.id
            for state in self.env["res.country.state"].search([("country_id", "=", spain.id)])
        }
        existing = {
            municipality.ine_code: municipality
            for municipality in self.with_context(active_test=False).search(
                [("ine_code", "in", [row["ine_code"] for row in rows])]
            )
        }
        to_create = []
        updated = 0
        for row in rows:
            values = {
                "name": row["name"],
                "ine_code": row["ine_code"],
                "state_id": states.get(row["state_code"]),
                "population": row["population"],
                "population_year": row["population_year"],
            }
            municipality = existing.get(row["ine_code"])
            if municipality:
                if (municipality.population, municipality.population_year) != (
                    row["population"],
                    row["population_year"],
                ):
                    municipality.write({"population": row["population"], "population_year": year})
                    updated += 1
            else:
                to_create.append(values)
        self.with_context(tracking_disable=True, mail_create_nolog=True).create(to_create)
        return len(to_create), updated

    @api.model
    def action_load_ine_register(self):
        if not self.env.user.has_group("migrant_integration.group_migrant_manager"):
            raise AccessError(self.env._("Only coordinators load the municipal register."))
        created, updated = self._load_ine_register()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(created)s municipalities added and %(updated)s populations "
                    "updated from the INE municipal register.",
                    created=created,
                    updated=updated,
                ),
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import matching


class RuralMatchingWizard(models.TransientModel):
    _name = "rural.matching.wizard"
    _description = "Municipalities for a Family"

    project_id = fields.Many2one("project.project", string="Itinerary", required=True)
    limit = fields.Integer(string="Show", default=20)
    line_ids = fields.One2many("rural.matching.line", "wizard_id", string="Ranking")

    @api.model
    def _rural_family(self, project):
        household = project.household_id
        minors = household.minor_count
        needs = {
            service
            for service, needed in (
                ("health_centre", project.needs_health_centre),
                ("public_transport", project.needs_public_transport),
                ("broadband", project.needs_broadband),
            )
            if needed
        }
        return {
            "adults": max(household.member_count - minors, 0),
            "minors": minors,
            "sectors": set(project.sector_ids.mapped("code")),
            "needs": needs,
        }

    @api.model
    def _rural_candidates(self):
        """Every municipality and open job offer as plain dicts, in two queries."""
        Municipality = self.env["rural.municipality"]
        Offer = self.env["rural.job.offer"]
        Municipality.check_access("read")
        Offer.check_access("read")
        self.env.flush_all()
        municipalities = [
            {
                "id": row[0],
                "welcome_status": row[1],
                "housing_available": row[2] or 0,
                "services": {
                    service
                    for service, present in zip(matching.SERVICES, row[3:7], strict=True)
                    if present
                },
            }
            for row in self.env.execute_query(
                Municipality._search([("welcome_status", "!=", "paused")]).select(
                    "id",
                    "welcome_status",
                    "housing_available",
                    "has_school",
                    "has_health_centre",
                    "has_public_transport",
                    "has_broadband",
                )
            )
        ]
        offers = {}
        for row in self.env.execute_query(
            Offer._search([("state", "=", "open")]).select(
                "id", "municipality_id", "sector", "positions", "housing_offered"
            )
        ):
            offers.setdefault(row[1], []).append(
                {"id": row[0], "sector": row[2], "positions": row[3], "housing_offered": row[4]}
            )
        return municipalities, offers

    @api.model
    def _rural_rank(self, project, limit=20):
        municipalities, offers = self._rural_candidates()
        return matching.rank(self._rural_family(project), municipalities, offers, limit=limit)

    def _rural_reason(self, template, params):
        """A reason of the score in the user's language, with labels for its codes."""
        params = dict(params)
        if "status" in params:
            labels = self.env["rural.municipality"]._fields["welcome_status"]
            params["status"] = dict(labels._description_selection(self.env))[params["status"]]
        if "sector" in params:
            labels = self.env["rural.job.offer"]._fields["sector"]
            params["sector"] = dict(labels._description_selection(self.env))[params["sector"]]
        service = params.get("service")
        if service:
            params["service"] = self.env._(service)
        return self.env._(template, **params)

    def _compute_ranking(self):
        for wizard in self:
            ranking = self._rural_rank(wizard.project_id, limit=wizard.limit or 20)
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "sequence": position,
                        "municipality_id": municipality["id"],
                        "job_offer_id": offer["id"] if offer else False,
                        "score": points,
                        "reasons": "\n".join(
                            f"{'+' if p > 0 else ''}{p} " + self.env._(template, **params)
                            for p, template, params in reasons
                        ),
                    }
                )
                for position, (points, municipality, reasons, offer) in enumerate(ranking, 1)
            ]


class RuralMatchingLine(models.TransientModel):
    _name = "rural.matching.line"
    _description = "Municipality Ranked for a Family"
    _order = "sequence"

    wizard_id = fields.Many2one("rural.matching.wizard", required=True, ondelete="cascade")
    sequence = fields.Integer(string="Rank")
    municipality_id = fields.Many2one("rural.municipality", readonly=True)
    state_id = fields.Many2one(related="municipality_id.state_id")
    population = fields.Integer(related="municipality_id.population")
    job_offer_id = fields.Many2one("rural.job.offer", string="Best Offer", readonly=True)
    score = fields.Integer(readonly=True)
    reasons = fields.Text(readonly=True)

    def action_pick(self):
        self.ensure_one()
        project = self.wizard_id.project_id
        if not project.is_itinerary:
            raise UserError(self.env._("Only an itinerary gets a target municipality."))
        project.write(
            {
                "municipality_id": self.municipality_id.id,
                "job_offer_id": self.job_offer_id.id,
            }
        )
        return {"type": "ir.actions.act_window_close"}

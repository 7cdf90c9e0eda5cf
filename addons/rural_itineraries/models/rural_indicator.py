from odoo import api, fields, models
from odoo.exceptions import ValidationError

MEASURES = [
    ("families", "Families supported"),
    ("people", "People supported"),
    ("minors", "Minors in the families"),
    ("offers_identified", "Job offers identified"),
    ("offers_managed", "Job offers managed"),
    ("placements", "Work placements"),
    ("municipalities", "Municipalities"),
    ("regions", "Regions (autonomous communities)"),
]


class RuralIndicator(models.Model):
    _name = "rural.indicator"
    _description = "SMART Indicator"
    _inherit = ["migrant.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    measure = fields.Selection(MEASURES, required=True)
    sequence = fields.Integer(default=10)
    target = fields.Integer(required=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    actual_value = fields.Integer(string="Actual", compute="_compute_actual_value")
    progress = fields.Float(string="Progress (%)", compute="_compute_actual_value")
    color = fields.Integer()

    _sql_constraints = [("code_uniq", "unique(code)", "Another indicator has this code.")]

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for indicator in self:
            if indicator.date_to < indicator.date_from:
                raise ValidationError(
                    self.env._(
                        "The period of %(name)s ends (%(end)s) before it starts (%(start)s).",
                        name=indicator.name,
                        end=indicator.date_to,
                        start=indicator.date_from,
                    )
                )

    @api.constrains("target")
    def _check_target(self):
        for indicator in self:
            if indicator.target <= 0:
                raise ValidationError(
                    self.env._("The target of %(name)s must be above zero.", name=indicator.name)
                )

    @api.model
    def _rural_measure(self, date_from, date_to):
        """Every measure over the period, counted from the records (as superuser: the
        indicators are totals of the whole program)."""
        env = self.env(su=True)
        itineraries = (
            env["project.project"]
            .with_context(active_test=False)
            .search(
                [
                    ("is_itinerary", "=", True),
                    ("itinerary_start_date", ">=", date_from),
                    ("itinerary_start_date", "<=", date_to),
                ]
            )
        )
        households = itineraries.household_id
        municipalities = itineraries.municipality_id
        offers = env["rural.job.offer"].search(
            [("date_identified", ">=", date_from), ("date_identified", "<=", date_to)]
        )
        placements = env["rural.placement"].search_count(
            [
                ("state", "in", ("hired", "ended")),
                ("date_start", ">=", date_from),
                ("date_start", "<=", date_to),
            ]
        )
        return {
            "families": len(households),
            "people": sum(households.mapped("member_count")),
            "minors": sum(households.mapped("minor_count")),
            "offers_identified": len(offers),
            "offers_managed": len(
                offers.filtered(lambda o: o.state in ("open", "filled", "closed"))
            ),
            "placements": placements,
            "municipalities": len(municipalities),
            "regions": len(set(municipalities.mapped("community")) - {False}),
        }

    @api.depends("measure", "date_from", "date_to", "target")
    def _compute_actual_value(self):
        cache = {}
        for indicator in self:
            if not (indicator.date_from and indicator.date_to and indicator.measure):
                indicator.actual_value = 0
                indicator.progress = 0.0
                continue
            period = (indicator.date_from, indicator.date_to)
            if period not in cache:
                cache[period] = self._rural_measure(*period)
            indicator.actual_value = cache[period][indicator.measure]
            indicator.progress = (
                100.0 * indicator.actual_value / indicator.target if indicator.target else 0.0
            )

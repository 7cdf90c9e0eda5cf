from odoo import api, fields, models
from odoo.exceptions import UserError

SECTORS = [
    ("agriculture", "Agriculture and livestock"),
    ("agri_food", "Agri-food industry"),
    ("commerce", "Commerce"),
    ("local_services", "Local services"),
    ("care", "Care of people"),
    ("hospitality", "Hospitality"),
    ("construction", "Construction"),
    ("other", "Other"),
]

CONTRACT_TYPES = [
    ("permanent", "Permanent"),
    ("seasonal", "Permanent seasonal (fijo discontinuo)"),
    ("temporary", "Temporary"),
    ("training", "Training contract"),
    ("self_employed", "Self-employment"),
]


class RuralJobOffer(models.Model):
    _name = "rural.job.offer"
    _description = "Rural Job Offer"
    _inherit = ["mail.thread", "mail.activity.mixin", "migrant.input.mixin"]
    _order = "date_identified desc, id desc"

    name = fields.Char(string="Job", required=True, tracking=True)
    municipality_id = fields.Many2one(
        "rural.municipality", required=True, index=True, tracking=True, ondelete="restrict"
    )
    state_id = fields.Many2one(related="municipality_id.state_id", store=True, string="Province")
    employer_id = fields.Many2one("res.partner", string="Employer", tracking=True)
    sector = fields.Selection(SECTORS, required=True, default="other", tracking=True)
    positions = fields.Integer(default=1, required=True, tracking=True)
    contract_type = fields.Selection(CONTRACT_TYPES, default="permanent", tracking=True)
    housing_offered = fields.Boolean(help="The employer offers or helps with a home.")
    requirements = fields.Text(help="Driving licence, experience, certificates...")
    date_identified = fields.Date(
        string="Identified On", default=fields.Date.context_today, required=True
    )
    state = fields.Selection(
        [
            ("identified", "Identified"),
            ("open", "Open"),
            ("filled", "Filled"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="identified",
        required=True,
        tracking=True,
        group_expand=True,
    )
    placement_ids = fields.One2many("rural.placement", "job_offer_id", string="Placements")
    hired_count = fields.Integer(compute="_compute_hired_count", string="Hired")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    _sql_constraints = [
        ("positions_positive", "CHECK(positions > 0)", "A job offer has at least one position."),
    ]

    @api.depends("placement_ids.state")
    def _compute_hired_count(self):
        for offer in self:
            offer.hired_count = len(offer.placement_ids.filtered(lambda p: p.state == "hired"))

    @api.constrains("positions")
    def _check_positions(self):
        for offer in self:
            if offer.positions < 1:
                raise UserError(self.env._("A job offer has at least one position."))

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda o: o.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(offers)s cannot be %(action)s in its current state.",
                    offers=", ".join(wrong.mapped("name")),
                    action=action,
                )
            )

    def action_open(self):
        self._check_state(("identified", "closed", "cancelled"), self.env._("opened"))
        self.write({"state": "open"})

    def action_close(self):
        self._check_state(("identified", "open", "filled"), self.env._("closed"))
        self.write({"state": "closed"})

    def action_cancel(self):
        self._check_state(("identified", "open"), self.env._("cancelled"))
        self.write({"state": "cancelled"})

    def _update_filled(self):
        """An open offer is filled when its positions are taken, and open again when a
        hired placement ends before it is closed."""
        for offer in self:
            hired = len(offer.placement_ids.filtered(lambda p: p.state == "hired"))
            if offer.state in ("identified", "open") and hired >= offer.positions:
                offer.state = "filled"
            elif offer.state == "filled" and hired < offer.positions:
                offer.state = "open"

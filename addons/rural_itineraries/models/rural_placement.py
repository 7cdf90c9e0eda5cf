from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .rural_job_offer import CONTRACT_TYPES


class RuralPlacement(models.Model):
    _name = "rural.placement"
    _description = "Work Placement"
    _inherit = ["mail.thread", "migrant.office.scoped", "migrant.personal.data"]
    _order = "date_start desc, id desc"

    _migrant_office_field = "office_id"
    _migrant_office_paths = ("office_id",)
    _migrant_action_fields = ("state",)
    _migrant_partner_fields = ("partner_id",)
    _migrant_personal_fields = ("note",)
    _migrant_sheet_fields = ("job_offer_id", "project_id", "date_start", "date_end", "state")
    _migrant_sheet_sequence = 92

    job_offer_id = fields.Many2one(
        "rural.job.offer", string="Job Offer", required=True, index=True, ondelete="restrict"
    )
    municipality_id = fields.Many2one(related="job_offer_id.municipality_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, tracking=True
    )
    project_id = fields.Many2one(
        "project.project",
        string="Itinerary",
        required=True,
        index=True,
        domain=[("is_itinerary", "=", True)],
        ondelete="cascade",
    )
    office_id = fields.Many2one(
        related="project_id.office_id", store=True, index=True, string="Office"
    )
    date_start = fields.Date(string="Start")
    date_end = fields.Date(string="End")
    contract_type = fields.Selection(CONTRACT_TYPES, string="Contract")
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("interview", "Interview"),
            ("hired", "Hired"),
            ("ended", "Ended"),
            ("rejected", "Rejected"),
        ],
        default="proposed",
        required=True,
        tracking=True,
    )
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        offers = self.env["rural.job.offer"].browse(
            [vals["job_offer_id"] for vals in vals_list if vals.get("job_offer_id")]
        )
        self._check_offer_takes_people(offers)
        placements = super().create(vals_list)
        placements.job_offer_id.sudo()._update_filled()
        return placements

    def write(self, vals):
        if vals.get("job_offer_id"):
            self._check_offer_takes_people(self.env["rural.job.offer"].browse(vals["job_offer_id"]))
        offers = self.job_offer_id
        result = super().write(vals)
        if "state" in vals or "job_offer_id" in vals:
            (offers | self.job_offer_id).sudo()._update_filled()
        return result

    def _check_offer_takes_people(self, offers):
        taken = offers.sudo().filtered(lambda o: o.state in ("filled", "closed", "cancelled"))
        if taken:
            raise ValidationError(
                self.env._(
                    "The job offer %(offer)s is %(state)s: it takes no more people.",
                    offer=taken[0].name,
                    state=dict(taken._fields["state"]._description_selection(self.env))[
                        taken[0].state
                    ].lower(),
                )
            )

    @api.constrains("state", "job_offer_id")
    def _check_positions(self):
        for offer in self.job_offer_id.sudo():
            hired = offer.placement_ids.filtered(lambda p: p.state == "hired")
            if len(hired) > offer.positions:
                raise ValidationError(
                    self.env._(
                        "The job offer %(offer)s has %(positions)s position(s) and "
                        "%(hired)s people would be hired.",
                        offer=offer.name,
                        positions=offer.positions,
                        hired=len(hired),
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for placement in self:
            if (
                placement.date_start
                and placement.date_end
                and (placement.date_end < placement.date_start)
            ):
                raise ValidationError(
                    self.env._(
                        "A placement cannot end before it starts (%(person)s).",
                        person=placement.partner_id.name,
                    )
                )

    def _action_set(self, state):
        self._migrant_action_write({"state": state})
        self.job_offer_id.sudo()._update_filled()

    def action_interview(self):
        self._migrant_check_state(("proposed",), self.env._("sent to interview"))
        self._action_set("interview")

    def action_hire(self):
        self._migrant_check_state(("proposed", "interview"), self.env._("hired"))
        self._action_set("hired")
        for placement in self:
            if not placement.date_start:
                placement.sudo().date_start = fields.Date.context_today(self)

    def action_end(self):
        self._migrant_check_state(("hired",), self.env._("ended"))
        self._action_set("ended")

    def action_reject(self):
        self._migrant_check_state(("proposed", "interview"), self.env._("rejected"))
        self._action_set("rejected")

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .project_project import STEPS

SCORES = [("1", "1 - Very poor"), ("2", "2 - Poor"), ("3", "3 - Fair"), ("4", "4 - Good"),
          ("5", "5 - Very good")]  # fmt: skip


class RuralFollowupVisit(models.Model):
    _name = "rural.followup.visit"
    _description = "Follow-up Visit"
    _inherit = ["mail.thread", "migrant.office.scoped", "migrant.personal.data"]
    _order = "date, id"

    _migrant_office_field = "office_id"
    _migrant_office_paths = ("office_id",)
    _migrant_action_fields = ("state",)
    _migrant_partner_fields = ("project_id.partner_id", "project_id.household_id.member_ids")
    _migrant_personal_fields = ("employment", "housing", "schooling", "notes")
    _migrant_sheet_fields = ("project_id", "date", "kind", "integration_score", "state")
    _migrant_sheet_sequence = 90

    project_id = fields.Many2one(
        "project.project",
        string="Itinerary",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_itinerary", "=", True)],
    )
    office_id = fields.Many2one(related="project_id.office_id", store=True, index=True)
    step = fields.Selection(STEPS, string="Planned For", readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    kind = fields.Selection(
        [("home", "Home visit"), ("phone", "Phone call"), ("office", "At the office"),
         ("town_hall", "With the town hall")],
        default="home",
        required=True,
    )  # fmt: skip
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )
    employment = fields.Text(help="Work situation of the adults.")
    housing = fields.Text(help="The home: condition, rent, problems.")
    schooling = fields.Text(string="Schooling of the Minors")
    integration_score = fields.Integer(
        help="1 (very poor) to 5 (very good): the technician's view of the family's " "integration."
    )
    notes = fields.Text()
    plan_revision_needed = fields.Boolean(
        help="The plan must be revised: the itinerary's responsible gets an activity."
    )

    @api.constrains("integration_score")
    def _check_integration_score(self):
        for visit in self:
            if visit.integration_score and not 1 <= visit.integration_score <= 5:
                raise ValidationError(
                    self.env._(
                        "The integration score goes from 1 to 5, not %(score)s.",
                        score=visit.integration_score,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits.filtered("plan_revision_needed")._rural_ask_plan_revision()
        return visits

    def write(self, vals):
        asked = self.filtered("plan_revision_needed") if "plan_revision_needed" in vals else self
        result = super().write(vals)
        if vals.get("plan_revision_needed"):
            (self - asked)._rural_ask_plan_revision()
        return result

    def _rural_ask_plan_revision(self):
        for visit in self:
            project = visit.project_id.sudo()
            project.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=self.env._("Revise the inclusion plan"),
                note=self.env._(
                    "The follow-up visit of %(date)s asks for a revision of the plan.",
                    date=visit.date,
                ),
                user_id=(project.user_id or self.env.user).id,
            )

    def action_done(self):
        self._migrant_check_state(("planned",), self.env._("marked done"))
        self._migrant_action_write({"state": "done"})

    def action_cancel(self):
        self._migrant_check_state(("planned",), self.env._("cancelled"))
        self._migrant_action_write({"state": "cancelled"})

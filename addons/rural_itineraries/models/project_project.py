from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

STEPS = [
    ("interview", "Interview"),
    ("plan", "Plan design"),
    ("training", "Training"),
    ("field_visit", "Field visit"),
    ("relocation", "Relocation"),
    ("followup_1", "Follow-up at 1 month"),
    ("followup_3", "Follow-up at 3 months"),
    ("followup_6", "Follow-up at 6 months"),
    ("followup_12", "Follow-up at 12 months"),
    ("closure", "Closure"),
]
#: months after the relocation of each follow-up step
FOLLOWUP_MONTHS = {"followup_1": 1, "followup_3": 3, "followup_6": 6, "followup_12": 12}

PHASES = [
    ("interview", "Interview"),
    ("plan", "Plan design"),
    ("training", "Training"),
    ("field_visit", "Field visit"),
    ("relocation", "Relocation"),
    ("followup", "Follow-up"),
    ("closure", "Closure"),
    ("done", "Done"),
]


def phase_of_step(step):
    return "followup" if step and step.startswith("followup") else step


class ProjectTask(models.Model):
    _name = "project.task"
    _inherit = ["project.task", "migrant.personal.data"]

    # a step of an itinerary names the family head as the project's customer; the
    # steps hold no data about the family (that is on the itinerary): no sheet
    _migrant_partner_fields = ("partner_id",)

    rural_step = fields.Selection(STEPS, string="Itinerary Step", copy=True)

    rural_offset_days = fields.Integer(
        string="Days After Start",
        copy=True,
        help="Deadline of the step, in days after the start of the itinerary "
        "(follow-up steps: months after the relocation).",
    )


class ProjectProject(models.Model):
    _name = "project.project"
    _inherit = ["project.project", "migrant.office.scoped", "migrant.personal.data"]

    _migrant_office_field = "office_id"
    _migrant_office_paths = ("office_id",)
    _migrant_partner_fields = ("partner_id", "household_id.member_ids")
    _migrant_personal_fields = ("plan",)
    _migrant_sheet_fields = (
        "name",
        "municipality_id",
        "itinerary_start_date",
        "relocation_date",
        "itinerary_phase",
    )
    _migrant_sheet_sequence = 88
    # every project passes through the mixin: check only the itinerary's own fields
    _migrant_checked_fields = ("relocation_date", "itinerary_start_date")

    is_itinerary = fields.Boolean(string="Is an Itinerary", index=True, copy=False)
    is_itinerary_template = fields.Boolean(
        string="Itinerary Template",
        copy=False,
        help="New itineraries copy this project with its steps.",
    )
    household_id = fields.Many2one("migrant.household", string="Household", index=True)
    case_id = fields.Many2one("migrant.case", string="Case File", index=True)
    office_id = fields.Many2one(
        "migrant.office",
        string="Office",
        compute="_compute_office_id",
        store=True,
        index=True,
    )
    municipality_id = fields.Many2one(
        "rural.municipality", string="Target Municipality", index=True, tracking=True
    )
    job_offer_id = fields.Many2one("rural.job.offer", string="Job Offer", tracking=True)
    itinerary_start_date = fields.Date(string="Itinerary Start", copy=False)
    relocation_date = fields.Date(tracking=True, copy=False)
    sponsor_partner_ids = fields.Many2many(
        "res.partner",
        "project_rural_sponsor_rel",
        "project_id",
        "partner_id",
        string="Sponsoring Families",
        copy=False,
    )
    sector_ids = fields.Many2many(
        "rural.sector",
        string="Sectors Wanted or Known",
        copy=False,
        help="Sectors the adults want to work in or have experience of.",
    )
    needs_health_centre = fields.Boolean(copy=False)
    needs_public_transport = fields.Boolean(copy=False)
    needs_broadband = fields.Boolean(copy=False)
    plan = fields.Html(string="Inclusion Plan", copy=False)
    itinerary_phase = fields.Selection(
        PHASES,
        compute="_compute_itinerary_phase",
        store=True,
        group_expand="_expand_phases",
        tracking=True,
    )
    followup_visit_ids = fields.One2many("rural.followup.visit", "project_id", string="Visits")
    feedback_ids = fields.One2many("rural.feedback", "project_id", string="Feedback")
    placement_ids = fields.One2many("rural.placement", "project_id", string="Placements")
    member_count = fields.Integer(related="household_id.member_count", string="People")
    minor_count = fields.Integer(related="household_id.minor_count", string="Minors")

    @api.model
    def _migrant_sheet_title(self):
        return self.env._("Itineraries and projects")

    @api.model
    def _expand_phases(self, states, domain):
        return [key for key, _label in PHASES]

    @api.depends("case_id.office_id", "household_id.office_id")
    def _compute_office_id(self):
        for project in self:
            project.office_id = project.case_id.office_id or project.household_id.office_id

    @api.depends("is_itinerary", "task_ids.state", "task_ids.rural_step", "task_ids.active")
    def _compute_itinerary_phase(self):
        order = [key for key, _label in STEPS]
        for project in self:
            if not project.is_itinerary:
                project.itinerary_phase = False
                continue
            steps = project.with_context(active_test=False).task_ids.filtered(
                lambda t: t.rural_step and t.active
            )
            pending = steps.filtered(lambda t: t.state not in ("1_done", "1_canceled"))
            if not steps:
                project.itinerary_phase = "interview"
            elif not pending:
                project.itinerary_phase = "done"
            else:
                first = min(pending.mapped("rural_step"), key=order.index)
                project.itinerary_phase = phase_of_step(first)

    @api.constrains("relocation_date", "itinerary_start_date")
    def _check_relocation_date(self):
        for project in self:
            if (
                project.relocation_date
                and project.itinerary_start_date
                and project.relocation_date < project.itinerary_start_date
            ):
                raise ValidationError(
                    self.env._(
                        "The relocation (%(relocation)s) cannot come before the start of "
                        "the itinerary (%(start)s).",
                        relocation=project.relocation_date,
                        start=project.itinerary_start_date,
                    )
                )

    @api.constrains("household_id", "is_itinerary", "itinerary_phase", "active")
    def _check_one_itinerary_in_progress(self):
        households = self.filtered(
            lambda p: p.is_itinerary and p.household_id and p.itinerary_phase != "done"
        ).household_id
        if not households:
            return
        groups = self.sudo()._read_group(
            [
                ("is_itinerary", "=", True),
                ("household_id", "in", households.ids),
                ("itinerary_phase", "!=", "done"),
            ],
            ["household_id"],
            ["__count"],
        )
        for household, count in groups:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "The household %(household)s already has an itinerary in progress; "
                        "close it before starting another.",
                        household=household.sudo().display_name,
                    )
                )

    # ------------------------------------------------------------ template
    @api.model
    def _rural_template(self):
        template = self.env.ref("rural_itineraries.project_itinerary_template", False)
        if not template or not template.sudo().active:
            template = (
                self.sudo().search([("is_itinerary_template", "=", True)], limit=1)
                if not template
                else template
            )
        if not template:
            raise UserError(self.env._("No itinerary template project: ask a coordinator."))
        return template.sudo()

    @api.model
    def _rural_create_itinerary(self, household, start_date=None, case=None, user=None):
        """A new itinerary for ``household``: a copy of the template project with its
        steps, their deadlines, the household, its case and the family head."""
        household.check_access("read")
        if case:
            case.check_access("read")
        else:
            case = self.env["migrant.case"].search(
                [("household_id", "=", household.id)], order="open_date desc, id desc", limit=1
            )
        start = start_date or fields.Date.context_today(self)
        user = user or self.env.user
        template = self._rural_template()
        values = {
            "name": self.env._("Itinerary %(household)s", household=household.name),
            "is_itinerary": True,
            "household_id": household.id,
            "case_id": case.id if case else False,
            "partner_id": household.head_id.id,
            "user_id": user.id,
            "itinerary_start_date": start,
            "date_start": start,
            "privacy_visibility": "followers",
        }
        # the copy is made as superuser (the template is the coordinators'); the
        # household, the case and the office were checked for the user above
        project = template.with_context(mail_create_nolog=True).copy(values)
        project.message_subscribe(partner_ids=user.partner_id.ids)
        for task in project.with_context(active_test=False).task_ids:
            if task.rural_step:
                task.write(
                    {
                        "date_deadline": fields.Datetime.to_datetime(start)
                        + relativedelta(days=task.rural_offset_days),
                        "user_ids": [Command.set(user.ids)],
                    }
                )
        return project.with_env(self.env)

    def write(self, vals):
        if (
            not self.env.su
            and any(self.mapped("is_itinerary_template"))
            and not self.env.user.has_group("migrant_integration.group_migrant_manager")
            and not self.env.user.has_group("project.group_project_manager")
        ):
            raise AccessError(self.env._("Only coordinators change the itinerary template."))
        result = super().write(vals)
        if vals.get("relocation_date"):
            self.filtered("is_itinerary")._rural_plan_followups()
        return result

    def _rural_plan_followups(self):
        """Follow-up steps and visits at 1, 3, 6 and 12 months after the relocation,
        planned once (moving the relocation moves the planned visits)."""
        Visit = self.env["rural.followup.visit"].sudo()
        for project in self:
            relocation = project.relocation_date
            planned = {v.step: v for v in project.sudo().followup_visit_ids if v.step}
            for task in project.sudo().task_ids:
                months = FOLLOWUP_MONTHS.get(task.rural_step)
                if not months:
                    continue
                day = relocation + relativedelta(months=months)
                task.date_deadline = fields.Datetime.to_datetime(day)
                visit = planned.get(task.rural_step)
                if visit:
                    if visit.state == "planned":
                        visit.date = day
                else:
                    Visit.create(
                        {
                            "project_id": project.id,
                            "step": task.rural_step,
                            "date": day,
                            "kind": "home",
                        }
                    )

    def action_rural_matching(self):
        self.ensure_one()
        wizard = self.env["rural.matching.wizard"].create({"project_id": self.id})
        wizard._compute_ranking()
        return {
            "type": "ir.actions.act_window",
            "res_model": "rural.matching.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Municipalities for %(name)s", name=self.display_name),
        }

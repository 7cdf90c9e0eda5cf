from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

USER_GROUP = "migrant_integration.group_migrant_user"
MANAGER_GROUP = "migrant_integration.group_migrant_manager"
CONTENT = "case_content"


class MigrantCase(models.Model):
    _name = "migrant.case"
    _description = "Case File"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "migrant.office.scoped",
        "migrant.personal.data",
    ]
    _order = "open_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.name", "household_id.name"]

    _migrant_personal_fields = ("description", "closure_note")
    _migrant_sheet_sequence = 20
    _migrant_sheet_fields = (
        "name",
        "office_id",
        "stage_id",
        "open_date",
        "close_date",
        "description",
    )
    #: what a case holds beyond the summary shown in lists and kanban: reading any of
    #: these, by any path (form, read, export, report), is written in the access log
    _migrant_content_fields = frozenset(
        {
            "description",
            "closure_note",
            "goal_ids",
            "intervention_ids",
            "permit_ids",
            "referral_ids",
        }
    )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index=True,
    )
    active = fields.Boolean(default=True)
    client_kind = fields.Selection(
        [("person", "Person"), ("household", "Household")],
        string="Case For",
        required=True,
        default="person",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_beneficiary', '=', True)]",
        help="The person the case is about; for a household case, its main contact.",
    )
    household_id = fields.Many2one(
        "migrant.household",
        index=True,
        tracking=True,
        compute="_compute_household_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    member_ids = fields.Many2many(
        "res.partner",
        string="People Served",
        compute="_compute_member_ids",
        help="The person, or every member of the household for a household case.",
    )
    office_id = fields.Many2one(
        "migrant.office",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.migrant_office_ids[:1],
    )
    company_id = fields.Many2one(
        "res.company",
        related="office_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Technician",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    stage_id = fields.Many2one(
        "migrant.case.stage",
        string="Stage",
        index=True,
        tracking=True,
        group_expand="_read_group_stage_ids",
        default=lambda self: self.env["migrant.case.stage"].search([], limit=1),
        copy=False,
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    area_ids = fields.Many2many("migrant.area", string="Areas")
    open_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, copy=False
    )
    close_date = fields.Date(tracking=True, copy=False)
    closure_reason = fields.Selection(
        [
            ("goals_achieved", "Goals achieved"),
            ("referred", "Referred to another service"),
            ("moved", "Moved away"),
            ("no_contact", "No contact"),
            ("withdrew", "Person withdrew"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
    )
    closure_note = fields.Text(copy=False, prefetch=CONTENT)
    goal_ids = fields.One2many("migrant.case.goal", "case_id", string="Plan", copy=True)
    intervention_ids = fields.One2many("migrant.intervention", "case_id", string="Interventions")
    intervention_count = fields.Integer(compute="_compute_intervention_count")
    permit_ids = fields.One2many(
        "migrant.permit",
        "case_id",
        string="Legal Procedures",
        groups="migrant_integration.group_migrant_legal",
    )
    referral_ids = fields.One2many("migrant.referral", "case_id", string="Referrals")
    referral_count = fields.Integer(compute="_compute_referral_count")
    open_goal_count = fields.Integer(compute="_compute_open_goal_count")
    next_review_date = fields.Date(tracking=True)
    access_log_ids = fields.One2many(
        "migrant.case.access.log",
        "case_id",
        string="Access Log",
        groups="migrant_integration.group_migrant_manager",
    )
    description = fields.Html(string="Situation", prefetch=CONTENT)
    color = fields.Integer()

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id")
    def _compute_household_id(self):
        for case in self:
            if not case.household_id:
                case.household_id = case.partner_id.household_id

    @api.depends("client_kind", "partner_id", "household_id.member_ids")
    def _compute_member_ids(self):
        for case in self:
            members = case.partner_id
            if case.client_kind == "household":
                members |= case.household_id.member_ids
            case.member_ids = members

    def _compute_intervention_count(self):
        counts = dict(
            self.env["migrant.intervention"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.intervention_count = counts.get(case, 0)

    def _compute_referral_count(self):
        counts = dict(
            self.env["migrant.referral"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.referral_count = counts.get(case, 0)

    def _compute_open_goal_count(self):
        counts = dict(
            self.env["migrant.case.goal"]
            .sudo()
            ._read_group(
                [("case_id", "in", self.ids), ("status", "in", ("planned", "in_progress"))],
                ["case_id"],
                ["__count"],
            )
        )
        for case in self:
            case.open_goal_count = counts.get(case._origin, 0)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    # ------------------------------------------------------------------ constraints
    @api.constrains("open_date", "close_date")
    def _check_dates(self):
        for case in self:
            if case.close_date and case.close_date < case.open_date:
                raise ValidationError(
                    self.env._(
                        "The case %(case)s cannot be closed on %(close)s, before it was "
                        "opened (%(open)s).",
                        case=case.name,
                        close=case.close_date,
                        open=case.open_date,
                    )
                )

    @api.constrains("stage_id", "closure_reason")
    def _check_closure_reason(self):
        for case in self:
            if case.is_closed and case.open_goal_count and not case.closure_reason:
                raise ValidationError(
                    self.env._(
                        "The case %(case)s still has %(count)s open goal(s) in its plan. "
                        "Give a closure reason to close it, or update the plan first.",
                        case=case.name,
                        count=case.open_goal_count,
                    )
                )

    @api.constrains("client_kind", "household_id")
    def _check_household(self):
        for case in self:
            if case.client_kind == "household" and not case.household_id:
                raise ValidationError(
                    self.env._(
                        "A case for a household needs the household: choose it, or open the "
                        "case for the person."
                    )
                )

    @api.constrains("user_id", "office_id")
    def _check_user(self):
        for case in self.filtered("user_id"):
            user = case.user_id
            if user.share or not user.has_group(USER_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be responsible for a case file: choose a technician.",
                        user=user.name,
                    )
                )
            if user not in case.office_id.user_ids and not user.has_group(MANAGER_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work in %(office)s: choose a technician of the "
                        "office.",
                        user=user.name,
                        office=case.office_id.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        Stage = self.env["migrant.case.stage"]
        for vals in vals_list:
            if vals.get("name") in (None, False, "/", self.env._("New")):
                vals["name"] = self.env["ir.sequence"].next_by_code("migrant.case")
            if vals.get("stage_id") and Stage.browse(vals["stage_id"]).is_closed:
                vals.setdefault("close_date", fields.Date.context_today(self))
        cases = super().create(vals_list)
        cases.partner_id.filtered(lambda p: not p.is_beneficiary).write({"is_beneficiary": True})
        return cases

    def write(self, vals):
        if "stage_id" in vals:
            stage = self.env["migrant.case.stage"].browse(vals["stage_id"])
            if stage.is_closed and "close_date" not in vals:
                to_close = self.filtered(lambda c: not c.close_date)
                if to_close:
                    super(MigrantCase, to_close).write(
                        {"close_date": fields.Date.context_today(self)}
                    )
            elif not stage.is_closed and "close_date" not in vals:
                vals = dict(vals, close_date=False)
        previous = {case.id: case.partner_id for case in self} if "partner_id" in vals else {}
        result = super().write(vals)
        for case in self.filtered(lambda c: c.id in previous and previous[c.id] != c.partner_id):
            case._migrant_move_history(previous[case.id])
        return result

    def _migrant_move_history(self, previous):
        """The case changed person: what it recorded about the previous one follows."""
        self.ensure_one()
        for model in ("migrant.intervention", "migrant.permit", "migrant.referral"):
            self.env[model].sudo().search(
                [("case_id", "=", self.id), ("partner_id", "=", previous.id)]
            ).write({"partner_id": self.partner_id.id})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_history(self):
        if self.sudo().intervention_ids:
            raise UserError(
                self.env._(
                    "A case file with interventions keeps the history of the attention "
                    "given: close or archive it instead of deleting it."
                )
            )

    # ------------------------------------------------------------------ access log
    def _fetch_query(self, query, fields):
        """Reading the content of a case (beyond its summary) is recorded."""
        fetched = super()._fetch_query(query, fields)
        if (
            fetched
            and not self.env.su
            and self._migrant_content_fields.intersection(field.name for field in fields)
        ):
            self.env["migrant.case.access.log"]._migrant_record(fetched)
        return fetched

    def _read_format(self, fnames, load="_classic_read"):
        """``read``, ``search_read`` and the form (``web_read``) are recorded even when
        the content was already in memory."""
        if self and not self.env.su and self._migrant_content_fields.intersection(fnames):
            self.env["migrant.case.access.log"]._migrant_record(self)
        return super()._read_format(fnames, load=load)

    # The form reads (and so logs) in a read/write transaction.
    def web_read(self, specification):
        return super().web_read(specification)

    def read(self, fields=None, load="_classic_read"):
        return super().read(fields, load=load)

    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        return super().search_read(domain, fields, offset, limit, order, **kwargs)

    web_read._readonly = False
    read._readonly = False
    search_read._readonly = False

    @api.model
    def _offices_following(self, fname, records):
        """``{record id: offices}``: the offices of the case files (archived ones too)
        of ``records``, linked to the cases through the field ``fname``."""
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group([(fname, "in", records.ids)], [fname], ["office_id:array_agg"])
        )
        Office = self.env["migrant.office"]
        return {record.id: Office.browse(set(office_ids)) for record, office_ids in groups}

    # ------------------------------------------------------------------ personal data
    def _migrant_sheet_title(self):
        return self.env._("Case files")

    # ------------------------------------------------------------------ actions
    def action_view_interventions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "migrant_integration.migrant_intervention_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_view_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "migrant_integration.migrant_referral_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_close(self):
        closed = self.env["migrant.case.stage"].search([("is_closed", "=", True)], limit=1)
        self.write({"stage_id": closed.id})

    # ------------------------------------------------------------------ business
    @api.model
    def _cron_plan_reviews(self):
        """Plan one review activity per case whose review date has come."""
        activity_type = self.env.ref("migrant_integration.mail_activity_type_case_review")
        today = fields.Date.context_today(self)
        cases = self.search(
            [
                ("is_closed", "=", False),
                ("next_review_date", "<=", today),
                ("user_id", "!=", False),
            ]
        )
        planned = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", cases.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        already = set(planned.mapped("res_id"))
        for case in cases.filtered(lambda c: c.id not in already):
            case.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=case.next_review_date,
                user_id=case.user_id.id,
            )
        return len(cases) - len(already)

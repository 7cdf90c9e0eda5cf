from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

USER_GROUP = "migrant_integration.group_migrant_user"
MANAGER_GROUP = "migrant_integration.group_migrant_manager"
#: only the author and the coordinators change these on someone else's intervention
AUTHOR_FIELDS = frozenset({"is_confidential", "user_id"})


class MigrantIntervention(models.Model):
    _name = "migrant.intervention"
    _description = "Intervention"
    _inherit = ["migrant.office.scoped", "migrant.personal.data"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _migrant_personal_fields = ("note_stored", "summary")
    _migrant_sheet_sequence = 30
    _migrant_sheet_fields = (
        "date",
        "case_id",
        "area_id",
        "intervention_type",
        "summary",
        "note",
    )

    case_id = fields.Many2one(
        "migrant.case",
        string="Case File",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        index=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Who was attended; in a household case, one of its members.",
    )
    office_id = fields.Many2one(related="case_id.office_id", store=True, index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    area_id = fields.Many2one("migrant.area", string="Area", required=True, index=True)
    intervention_type = fields.Selection(
        [
            ("information", "Information"),
            ("advice", "Advice"),
            ("accompaniment", "Accompaniment"),
            ("procedure", "Procedure"),
            ("referral", "Referral"),
            ("interpretation", "Interpretation"),
            ("assessment", "Assessment"),
            ("follow_up", "Follow-up"),
        ],
        string="Type",
        required=True,
        default="information",
        index=True,
    )
    channel = fields.Selection(
        [
            ("in_person", "In person"),
            ("phone", "Phone"),
            ("video", "Video call"),
            ("home_visit", "Home visit"),
            ("messaging", "Messaging"),
        ],
        required=True,
        default="in_person",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Professional",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    duration = fields.Float(help="Hours and minutes spent.")
    summary = fields.Char(help="One line everybody in the office may read.")
    note = fields.Text(
        compute="_compute_note",
        inverse="_inverse_note",
        help="Notes of a confidential intervention are shown only to their author "
        "and to coordinators.",
    )
    note_stored = fields.Text(groups="base.group_system", copy=False)
    is_confidential = fields.Boolean(string="Confidential")
    interpreter_used = fields.Boolean()
    person_ids = fields.One2many(
        "migrant.intervention.person",
        "intervention_id",
        string="People Served",
        readonly=True,
        help="The person, or every member of the household, on the day of the service.",
    )
    can_read_note = fields.Boolean(compute="_compute_note")

    @api.depends("case_id")
    def _compute_partner_id(self):
        for intervention in self:
            if not intervention.partner_id or intervention.partner_id not in (
                intervention.case_id.member_ids
            ):
                intervention.partner_id = intervention.case_id.partner_id

    @api.depends("date", "intervention_type", "partner_id.name")
    @api.depends_context("tz", "lang")
    def _compute_display_name(self):
        """12/03/2026 · Advice · Awa Ndiaye"""
        types = dict(self._fields["intervention_type"]._description_selection(self.env))
        for intervention in self:
            day = intervention.date and format_date(
                self.env, fields.Datetime.context_timestamp(intervention, intervention.date)
            )
            intervention.display_name = " · ".join(
                filter(
                    None,
                    [day, types.get(intervention.intervention_type), intervention.partner_id.name],
                )
            )

    def _may_read_note(self):
        """Whether the current user may read this intervention's note."""
        self.ensure_one()
        return (
            not self.is_confidential
            or self.env.su
            or self.user_id == self.env.user
            or self.env.user.has_group(MANAGER_GROUP)
        )

    def _may_change_author_fields(self):
        """Whether the current user may change who wrote this intervention, whether it
        is confidential, and (when confidential) its note, or delete it."""
        self.ensure_one()
        return (
            self.env.su or self.user_id == self.env.user or self.env.user.has_group(MANAGER_GROUP)
        )

    @api.depends("is_confidential", "user_id")
    @api.depends_context("uid")
    def _compute_note(self):
        stored = {rec.id: rec.note_stored for rec in self.sudo() if rec.id}
        for intervention in self:
            allowed = intervention._may_read_note()
            intervention.can_read_note = allowed
            intervention.note = stored.get(intervention.id) if allowed else False
        read = self.filtered(lambda i: i.id and stored.get(i.id) and i.can_read_note)
        if read and not self.env.su:
            # a note is the content of the case file: reading it is recorded
            self.env["migrant.case.access.log"]._migrant_record(read.case_id)

    def _inverse_note(self):
        for intervention in self:
            if not intervention._may_read_note():
                raise AccessError(
                    self.env._(
                        "Only the author of a confidential intervention and the "
                        "coordinators may change its note."
                    )
                )
            intervention.sudo().note_stored = intervention.note

    @api.constrains("user_id", "case_id")
    def _check_professional(self):
        for intervention in self.filtered("user_id"):
            user = intervention.user_id
            office = intervention.case_id.office_id
            if user.share or not user.has_group(USER_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be the professional of an intervention: choose a "
                        "technician.",
                        user=user.name,
                    )
                )
            if user not in office.user_ids and not user.has_group(MANAGER_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work in %(office)s: choose a professional of the "
                        "office.",
                        user=user.name,
                        office=office.name,
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        for intervention in self:
            if intervention.duration < 0 or intervention.duration > 24:
                raise ValidationError(
                    self.env._("The duration of an intervention must be between 0 and 24 hours.")
                )

    @api.constrains("partner_id", "case_id")
    def _check_partner_in_case(self):
        for intervention in self:
            if intervention.partner_id and intervention.partner_id not in (
                intervention.case_id.member_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(person)s is not served by the case %(case)s: choose the person of "
                        "the case or a member of its household.",
                        person=intervention.partner_id.display_name,
                        case=intervention.case_id.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        interventions = super().create(vals_list)
        self.env["migrant.intervention.person"]._migrant_sync(interventions)
        return interventions

    def write(self, vals):
        if not self.env.su and (AUTHOR_FIELDS | {"note"}) & set(vals):
            for intervention in self:
                if intervention._may_change_author_fields():
                    continue
                changes = set(AUTHOR_FIELDS) & set(vals)
                if intervention.is_confidential and "note" in vals:
                    changes.add("note")
                if any(vals[f] != intervention._migrant_raw_value(f) for f in changes):
                    raise AccessError(
                        self.env._(
                            "Only %(author)s (the author) and the coordinators may change "
                            "who wrote the intervention of %(date)s, whether it is "
                            "confidential, or its confidential note.",
                            author=intervention.user_id.name,
                            date=intervention.date.date(),
                        )
                    )
        result = super().write(vals)
        if {"case_id", "partner_id", "date"} & set(vals):
            self.env["migrant.intervention.person"]._migrant_sync(self)
        return result

    def _migrant_raw_value(self, fname):
        value = self[fname]
        return value.id if isinstance(value, models.BaseModel) else value

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_author(self):
        others = self.filtered(lambda i: not i._may_change_author_fields())
        if others:
            raise AccessError(
                self.env._(
                    "Only the author of an intervention and the coordinators may delete it "
                    "(%(authors)s).",
                    authors=", ".join(others.user_id.mapped("name")),
                )
            )

    # The form reads the note (and so logs) in a read/write transaction.
    def web_read(self, specification):
        return super().web_read(specification)

    web_read._readonly = False

    # ------------------------------------------------------------------ personal data
    def _migrant_sheet_title(self):
        return self.env._("Interventions")

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..tools import business_days

ACTIVE_STATES = ("preparing", "submitted", "documents_requested", "appealed")
LEGAL_GROUP = "migrant_integration.group_migrant_legal"
MANAGER_GROUP = "migrant_integration.group_migrant_manager"


class MigrantPermit(models.Model):
    _name = "migrant.permit"
    _description = "Legal Status Procedure"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "migrant.office.scoped",
        "migrant.personal.data",
    ]
    _order = "submission_date desc, id desc"
    _check_company_auto = True

    _migrant_action_fields = ("state", "renewal_planned_for", "deadline_reminder_for")
    _migrant_personal_fields = ("file_number", "note")
    _migrant_sheet_sequence = 40
    _migrant_sheet_fields = (
        "permit_type_id",
        "state",
        "file_number",
        "submission_date",
        "resolution_date",
        "valid_until",
        "authorises_work",
    )

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_beneficiary', '=', True)]",
    )
    case_id = fields.Many2one(
        "migrant.case",
        string="Case File",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('partner_id', '=', partner_id)]",
    )
    office_id = fields.Many2one(
        "migrant.office",
        compute="_compute_office_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="The office in charge: the case's office, or the lawyer's own office.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    permit_type_id = fields.Many2one(
        "migrant.permit.type", string="Procedure", required=True, tracking=True
    )
    state = fields.Selection(
        [
            ("preparing", "Preparing"),
            ("submitted", "Submitted"),
            ("documents_requested", "Documents requested"),
            ("granted", "Granted"),
            ("denied", "Denied"),
            ("appealed", "Appealed"),
            ("withdrawn", "Withdrawn"),
        ],
        required=True,
        default="preparing",
        tracking=True,
        index=True,
    )
    file_number = fields.Char(tracking=True, help="Number given by the immigration office.")
    submission_date = fields.Date(tracking=True)
    resolution_date = fields.Date(tracking=True)
    valid_until = fields.Date(tracking=True, index=True)
    authorises_work = fields.Boolean(
        compute="_compute_authorises_work", store=True, readonly=False, tracking=True
    )
    requirement_date = fields.Date(
        string="Requirement Notified On",
        tracking=True,
        help="Day the request for documents was notified; the count starts the next day.",
    )
    response_business_days = fields.Integer(
        string="Business Days to Answer", default=10, tracking=True
    )
    response_deadline = fields.Date(
        compute="_compute_response_deadline",
        store=True,
        index=True,
        help="Counted in business days: weekends and the holidays of the office's "
        "working calendar are skipped.",
    )
    renewal_planned_for = fields.Date(
        copy=False, help="Expiry date for which the renewal activity was planned."
    )
    deadline_reminder_for = fields.Date(
        copy=False, help="Deadline for which the reminder activity was planned."
    )
    note = fields.Html()

    @api.depends("permit_type_id.name", "partner_id.name")
    def _compute_name(self):
        for permit in self:
            permit.name = " - ".join(
                filter(None, [permit.permit_type_id.name, permit.partner_id.name])
            )

    @api.depends("case_id")
    def _compute_office_id(self):
        for permit in self:
            if permit.case_id:
                permit.office_id = permit.case_id.office_id
            elif not permit.office_id:
                permit.office_id = self.env.user.migrant_office_ids[:1]

    @api.depends("permit_type_id")
    def _compute_authorises_work(self):
        for permit in self:
            permit.authorises_work = permit.permit_type_id.authorises_work

    @api.depends(
        "requirement_date",
        "response_business_days",
        "office_id.resource_calendar_id",
        "company_id.resource_calendar_id",
    )
    def _compute_response_deadline(self):
        for permit in self:
            if not permit.requirement_date or permit.response_business_days <= 0:
                permit.response_deadline = False
                continue
            calendar = (
                permit.office_id.resource_calendar_id or permit.company_id.resource_calendar_id
            )
            permit.response_deadline = calendar._migrant_add_business_days(
                permit.requirement_date, permit.response_business_days
            )

    @api.constrains("submission_date", "resolution_date", "valid_until", "state")
    def _check_dates(self):
        for permit in self:
            if (
                permit.submission_date
                and permit.resolution_date
                and permit.resolution_date < permit.submission_date
            ):
                raise ValidationError(
                    self.env._(
                        "The resolution (%(resolution)s) cannot come before the submission "
                        "(%(submission)s) of %(permit)s.",
                        resolution=permit.resolution_date,
                        submission=permit.submission_date,
                        permit=permit.name,
                    )
                )
            if (
                permit.valid_until
                and permit.resolution_date
                and permit.valid_until < permit.resolution_date
            ):
                raise ValidationError(
                    self.env._(
                        "%(permit)s cannot be valid only until %(until)s, before it was "
                        "resolved (%(resolution)s).",
                        permit=permit.name,
                        until=permit.valid_until,
                        resolution=permit.resolution_date,
                    )
                )
            if (
                permit.state == "granted"
                and permit.permit_type_id.has_validity
                and not permit.valid_until
            ):
                raise ValidationError(
                    self.env._(
                        "A granted %(type)s needs the date it is valid until, as written on "
                        "the resolution or the card.",
                        type=permit.permit_type_id.name,
                    )
                )

    @api.constrains("response_business_days")
    def _check_business_days(self):
        for permit in self:
            if not 0 <= permit.response_business_days <= business_days.MAX_DAYS:
                raise ValidationError(
                    self.env._(
                        "The business days to answer must be between 0 and %(max)s.",
                        max=business_days.MAX_DAYS,
                    )
                )

    @api.constrains("user_id", "office_id")
    def _check_responsible(self):
        for permit in self.filtered("user_id"):
            user = permit.user_id
            if user.share or not user.has_group(LEGAL_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be responsible for a legal procedure: choose a " "lawyer.",
                        user=user.name,
                    )
                )
            if user not in permit.office_id.user_ids and not user.has_group(MANAGER_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work in %(office)s: choose a lawyer of the office.",
                        user=user.name,
                        office=permit.office_id.name,
                    )
                )

    @api.constrains("partner_id", "case_id")
    def _check_case_person(self):
        for permit in self.filtered("case_id"):
            if permit.partner_id not in permit.case_id.member_ids:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not served by the case %(case)s.",
                        person=permit.partner_id.display_name,
                        case=permit.case_id.name,
                    )
                )

    @api.onchange("state", "resolution_date", "permit_type_id")
    def _onchange_suggest_valid_until(self):
        months = self.permit_type_id.validity_months
        if self.state == "granted" and not self.valid_until and self.resolution_date and months:
            self.valid_until = self.resolution_date + relativedelta(months=months)

    # ------------------------------------------------------------------ actions
    def action_submit(self):
        """Submitted to the immigration office (again, after answering a request)."""
        self._migrant_check_state(("preparing", "documents_requested"), self.env._("submitted"))
        today = fields.Date.context_today(self)
        for permit in self:
            permit._migrant_action_write(
                {"state": "submitted", "submission_date": permit.submission_date or today}
            )

    def action_request_documents(self):
        """The administration asks for documents: the business-day count starts."""
        self._migrant_check_state(("submitted", "appealed"), self.env._("marked as requested"))
        today = fields.Date.context_today(self)
        for permit in self:
            permit._migrant_action_write(
                {
                    "state": "documents_requested",
                    "requirement_date": permit.requirement_date or today,
                }
            )

    def action_grant(self):
        self._migrant_check_state(
            ("submitted", "documents_requested", "appealed"), self.env._("granted")
        )
        today = fields.Date.context_today(self)
        for permit in self:
            resolution = permit.resolution_date or today
            months = permit.permit_type_id.validity_months
            valid_until = permit.valid_until or (
                resolution + relativedelta(months=months) if months else False
            )
            permit._migrant_action_write(
                {"state": "granted", "resolution_date": resolution, "valid_until": valid_until}
            )

    def action_deny(self):
        self._migrant_check_state(
            ("submitted", "documents_requested", "appealed"), self.env._("denied")
        )
        today = fields.Date.context_today(self)
        for permit in self:
            permit._migrant_action_write(
                {"state": "denied", "resolution_date": permit.resolution_date or today}
            )

    def action_appeal(self):
        self._migrant_check_state(("denied",), self.env._("appealed"))
        self._migrant_action_write({"state": "appealed"})

    def action_withdraw(self):
        self._migrant_check_state(ACTIVE_STATES, self.env._("withdrawn"))
        self._migrant_action_write({"state": "withdrawn"})

    # ------------------------------------------------------------------ personal data
    def _migrant_sheet_title(self):
        return self.env._("Legal procedures")

    # ------------------------------------------------------------------ business
    @api.model
    def _migrant_legal_summaries(self, partners):
        """``{partner id: (summary, valid until, may work)}``: the one line on the
        person's form (current permit, valid until, may work, and the procedure in
        progress), with dates in the user's language."""
        today = fields.Date.context_today(self)
        permits = self.search(
            [("partner_id", "in", partners.ids)], order="resolution_date desc, id desc"
        )
        by_partner = defaultdict(lambda: self.browse())
        for permit in permits:
            by_partner[permit.partner_id.id] |= permit
        summaries = {}
        for partner in partners:
            own = by_partner[partner.id]
            current = own.filtered(lambda p: p._is_current(today))[:1]
            pending = own.filtered(lambda p: p.state in ACTIVE_STATES)[:1]
            if current:
                summary = self.env._(
                    "%(permit)s, valid until %(date)s, %(work)s",
                    permit=current.permit_type_id.name,
                    date=format_date(self.env, current.valid_until)
                    if current.valid_until
                    else self.env._("no expiry"),
                    work=self.env._("may work")
                    if current.authorises_work
                    else self.env._("may not work"),
                )
            else:
                summary = self.env._("No current permit")
            if pending:
                summary += self.env._(
                    " · in progress: %(permit)s", permit=pending.permit_type_id.name
                )
            summaries[partner.id] = (summary, current.valid_until, current.authorises_work)
        return summaries

    def _is_current(self, today):
        self.ensure_one()
        return self.state == "granted" and (not self.valid_until or self.valid_until >= today)

    @api.model
    def _cron_plan_activities(self):
        """Plan, once each, the renewal activities and the requirement reminders."""
        today = fields.Date.context_today(self)
        todo = self.env.ref("mail.mail_activity_data_todo")
        for company in self.env["res.company"].search([]):
            days = company.migrant_permit_renewal_days
            renewals = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "granted"),
                    ("valid_until", "!=", False),
                    ("valid_until", "<=", today + relativedelta(days=days)),
                    ("valid_until", ">=", today),
                ]
            ).filtered(lambda p: p.renewal_planned_for != p.valid_until)
            for permit in renewals:
                permit.activity_schedule(
                    activity_type_id=todo.id,
                    date_deadline=permit.valid_until - relativedelta(days=days),
                    summary=self.env._(
                        "Prepare the renewal: valid until %(date)s", date=permit.valid_until
                    ),
                    user_id=permit.user_id.id or self.env.uid,
                )
                permit.sudo().renewal_planned_for = permit.valid_until
            reminders = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "documents_requested"),
                    ("response_deadline", ">=", today),
                    (
                        "response_deadline",
                        "<=",
                        today + relativedelta(days=company.migrant_permit_reminder_days),
                    ),
                ]
            ).filtered(lambda p: p.deadline_reminder_for != p.response_deadline)
            for permit in reminders:
                permit.activity_schedule(
                    activity_type_id=todo.id,
                    date_deadline=permit.response_deadline,
                    summary=self.env._(
                        "Answer the request for documents before %(date)s",
                        date=permit.response_deadline,
                    ),
                    user_id=permit.user_id.id or self.env.uid,
                )
                permit.sudo().deadline_reminder_for = permit.response_deadline

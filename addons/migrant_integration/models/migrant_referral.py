from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import identity

USER_GROUP = "migrant_integration.group_migrant_user"
MANAGER_GROUP = "migrant_integration.group_migrant_manager"
SENT_STATES = ("sent", "accepted", "rejected", "done")


class MigrantReferral(models.Model):
    _name = "migrant.referral"
    _description = "Referral"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "migrant.office.scoped",
        "migrant.personal.data",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    _migrant_office_field = "owner_office_id"
    _migrant_office_paths = ("owner_office_id",)
    _migrant_office_read_paths = ("shared_office_id",)
    _migrant_action_fields = (
        "state",
        "response_date",
        "consent_id",
        "consent_override_by_id",
        "received_case_id",
    )
    _migrant_personal_fields = (
        "reason",
        "outcome",
        "incoming_name",
        "incoming_document_number",
        "incoming_phone",
        "consent_override_reason",
    )
    _migrant_sheet_sequence = 50
    _migrant_sheet_fields = (
        "name",
        "direction",
        "date",
        "entity_id",
        "office_id",
        "service",
        "reason",
        "state",
        "outcome",
    )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index=True,
    )
    direction = fields.Selection(
        [("outgoing", "Outgoing"), ("incoming", "Incoming")],
        required=True,
        default="outgoing",
        tracking=True,
    )
    case_id = fields.Many2one(
        "migrant.case", string="Case File", index=True, tracking=True, check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        index=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('is_beneficiary', '=', True)]",
    )
    entity_id = fields.Many2one(
        "res.partner",
        string="Entity",
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The outside entity that sends or receives the person "
        "(employment agency, hospital, NGO, school...).",
    )
    office_id = fields.Many2one(
        "migrant.office",
        string="Internal Office",
        tracking=True,
        check_company=True,
        help="For an outgoing referral to another office of the organisation, or the "
        "office receiving an incoming referral.",
    )
    owner_office_id = fields.Many2one(
        "migrant.office",
        string="Office in Charge",
        compute="_compute_owner_office_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        help="The office of the case, or of the professional who registered the referral.",
    )
    shared_office_id = fields.Many2one(
        "migrant.office",
        string="Shared With",
        compute="_compute_shared_office_id",
        store=True,
        index=True,
        help="The internal office a sent referral goes to: its staff may read it.",
    )
    received_case_id = fields.Many2one(
        "migrant.case",
        string="Case Opened by the Receiving Office",
        readonly=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Professional", default=lambda self: self.env.user, tracking=True
    )
    service = fields.Char(help="The service or programme the person is referred to.")
    reason = fields.Text()
    date = fields.Date(default=fields.Date.context_today, required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    response_date = fields.Date(tracking=True)
    follow_up_date = fields.Date(tracking=True, index=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    outcome = fields.Text()
    consent_id = fields.Many2one("migrant.consent", string="Consent Used", readonly=True)
    consent_override_reason = fields.Text(
        tracking=True,
        help="Coordinators only: why the data is shared without the person's consent "
        "(e.g. a vital interest or a legal obligation).",
    )
    consent_override_by_id = fields.Many2one("res.users", string="Override By", readonly=True)
    incoming_name = fields.Char(string="Name Given")
    incoming_document_number = fields.Char(string="Document Given")
    incoming_phone = fields.Char(string="Phone Given")

    @api.depends("case_id")
    def _compute_partner_id(self):
        for referral in self:
            if referral.case_id and not referral.partner_id:
                referral.partner_id = referral.case_id.partner_id

    @api.depends("direction", "case_id.office_id", "office_id")
    def _compute_owner_office_id(self):
        for referral in self:
            if referral.case_id:
                referral.owner_office_id = referral.case_id.office_id
            elif referral.direction == "incoming" and referral.office_id:
                referral.owner_office_id = referral.office_id
            elif not referral.owner_office_id:
                referral.owner_office_id = self.env.user.migrant_office_ids[:1]

    @api.depends("direction", "office_id", "owner_office_id", "state")
    def _compute_shared_office_id(self):
        for referral in self:
            shared = (
                referral.direction == "outgoing"
                and referral.state in SENT_STATES
                and referral.office_id != referral.owner_office_id
            )
            referral.shared_office_id = referral.office_id if shared else False

    @api.depends("follow_up_date", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for referral in self:
            referral.is_overdue = bool(
                referral.follow_up_date
                and referral.follow_up_date < today
                and referral.state in ("sent", "accepted")
            )

    def _search_is_overdue(self, operator, value):
        return self._migrant_boolean_search(
            operator,
            value,
            [
                ("follow_up_date", "<", fields.Date.context_today(self)),
                ("state", "in", ("sent", "accepted")),
            ],
        )

    @api.constrains("direction", "entity_id", "office_id", "partner_id")
    def _check_recipient(self):
        for referral in self:
            if not referral.entity_id and not referral.office_id:
                raise ValidationError(
                    self.env._("A referral needs an entity or an internal office.")
                )
            if referral.direction == "outgoing" and not referral.partner_id:
                raise ValidationError(
                    self.env._("An outgoing referral needs the person referred, or their case.")
                )

    @api.constrains("partner_id", "case_id")
    def _check_case_person(self):
        for referral in self.filtered(lambda r: r.case_id and r.partner_id):
            if referral.partner_id not in referral.case_id.member_ids:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not served by the case %(case)s.",
                        person=referral.partner_id.display_name,
                        case=referral.case_id.name,
                    )
                )

    @api.constrains("user_id")
    def _check_professional(self):
        for referral in self.filtered("user_id"):
            if referral.user_id.share or not referral.user_id.has_group(USER_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be the professional of a referral: choose a "
                        "technician.",
                        user=referral.user_id.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name") in (None, False, "/", self.env._("New")):
                vals["name"] = self.env["ir.sequence"].next_by_code("migrant.referral")
        return super().create(vals_list)

    def write(self, vals):
        if "consent_override_reason" in vals and not self.env.su:
            if self.filtered(lambda r: r.state != "draft"):
                raise UserError(
                    self.env._(
                        "The reason for sharing without consent is recorded when the "
                        "referral is sent; it cannot be changed afterwards."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(referral.state not in ("draft", "cancelled") for referral in self):
            raise UserError(
                self.env._(
                    "A referral that was sent or received is part of the person's history: "
                    "cancel it instead of deleting it."
                )
            )

    # ------------------------------------------------------------------ actions
    def action_send(self):
        """Send outgoing referrals: sharing with an entity needs the person's consent."""
        for referral in self:
            if referral.direction != "outgoing" or referral.state != "draft":
                raise UserError(
                    self.env._(
                        "Only draft outgoing referrals can be sent (%(name)s).",
                        name=referral.name,
                    )
                )
            values = {"state": "sent", "date": fields.Date.context_today(self)}
            if referral.entity_id:
                consent = referral._find_sharing_consent()
                if consent:
                    values["consent_id"] = consent.id
                elif not referral.consent_override_reason:
                    raise UserError(
                        self.env._(
                            "%(person)s has not consented to share their data with "
                            "%(entity)s. Record their consent first (Consents tab of the "
                            "person), or ask a coordinator to send it giving the reason.",
                            person=referral.partner_id.display_name,
                            entity=referral.entity_id.display_name,
                        )
                    )
                elif not self.env.user.has_group(MANAGER_GROUP):
                    raise UserError(
                        self.env._(
                            "Only a coordinator may send a referral without the person's "
                            "consent."
                        )
                    )
                else:
                    values["consent_override_by_id"] = self.env.uid
                    referral._message_log(
                        body=self.env._(
                            "Sent without the person's consent by %(user)s. Reason: %(reason)s",
                            user=self.env.user.name,
                            reason=referral.consent_override_reason,
                        )
                    )
            referral._migrant_action_write(values)
        return True

    def _find_sharing_consent(self):
        self.ensure_one()
        consents = (
            self.env["migrant.consent"]
            .sudo()
            .search([("partner_id", "=", self.partner_id.id), ("purpose", "=", "data_sharing")])
        )
        return consents._allows_sharing_with(self.entity_id)[:1]

    def _migrant_respond(self, state):
        """Record the answer of the recipient: the receiving office's staff answer an
        internal referral (they may only read it), the sender records an entity's."""
        values = {"state": state, "response_date": fields.Date.context_today(self)}
        for referral in self:
            if referral._migrant_is_internal():
                referral._migrant_check_receiving_office()
                referral.sudo().write(values)
            else:
                referral._migrant_action_write(values)

    def action_accept(self):
        """The recipient accepted. An internal office accepting opens (or updates) the
        person's case file in that office: the way a person followed by one office
        comes to another."""
        self._migrant_check_state(("sent", "draft"), self.env._("accepted"))
        self._migrant_respond("accepted")
        internal = self.filtered(lambda r: r._migrant_is_internal())
        for referral in internal:
            referral._migrant_open_receiving_case()
        if len(internal) == 1 and len(self) == 1:
            return internal._migrant_open_case_action(internal.sudo().received_case_id)
        return True

    def action_reject(self):
        self._migrant_check_state(("sent", "draft"), self.env._("rejected"))
        self._migrant_respond("rejected")

    def action_done(self):
        self._migrant_check_state(("accepted",), self.env._("marked as done"))
        self._migrant_action_write({"state": "done"})

    def action_draft(self):
        self._migrant_check_state(("cancelled",), self.env._("reset to draft"))
        self._migrant_action_write({"state": "draft"})

    def action_cancel(self):
        self._migrant_check_state(
            ("draft", "sent", "accepted", "rejected"), self.env._("cancelled")
        )
        self._migrant_action_write({"state": "cancelled"})

    def _migrant_is_internal(self):
        self.ensure_one()
        return self.direction == "outgoing" and bool(self.office_id) and not self.entity_id

    def _migrant_check_receiving_office(self):
        """Only the receiving office's staff, or a coordinator, answer for it."""
        self.ensure_one()
        user = self.env.user
        if not (self.env.su or user.has_group(MANAGER_GROUP) or user in self.office_id.user_ids):
            raise AccessError(
                self.env._(
                    "Only the staff of %(office)s, or a coordinator, answer this referral.",
                    office=self.office_id.name,
                )
            )

    def _migrant_open_receiving_case(self):
        """Open (or find) the person's case in the receiving office."""
        self.ensure_one()
        Case = self.env["migrant.case"].sudo()
        case = Case.search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("office_id", "=", self.office_id.id),
                ("is_closed", "=", False),
            ],
            limit=1,
        )
        if not case:
            user = self.env.user
            case = Case.create(
                {
                    "partner_id": self.partner_id.id,
                    "office_id": self.office_id.id,
                    "user_id": user.id if user in self.office_id.user_ids else False,
                }
            )
            case.message_post(
                body=self.env._(
                    "Opened on the referral %(referral)s from %(office)s.",
                    referral=self.name,
                    office=self.owner_office_id.name,
                )
            )
        self.sudo().received_case_id = case

    def _migrant_open_case_action(self, case):
        return {
            "type": "ir.actions.act_window",
            "res_model": "migrant.case",
            "res_id": case.id,
            "view_mode": "form",
        }

    def action_register_incoming(self):
        """Find or create the person of an incoming referral and open or update a case."""
        self.ensure_one()
        if self.direction != "incoming":
            raise UserError(self.env._("Only incoming referrals are registered."))
        office = self.office_id or self.env.user.migrant_office_ids[:1]
        if not office:
            raise UserError(
                self.env._("Choose the office that receives the person before registering.")
            )
        person = self.partner_id or self._find_or_create_person()
        Case = self.env["migrant.case"]
        case = self.case_id or Case.search(
            [
                ("partner_id", "=", person.id),
                ("office_id", "=", office.id),
                ("is_closed", "=", False),
            ],
            limit=1,
        )
        if not case:
            case = Case.create({"partner_id": person.id, "office_id": office.id})
        self.env["migrant.intervention"].create(
            {
                "case_id": case.id,
                "partner_id": person.id,
                "area_id": self.env.ref("migrant_integration.area_social").id,
                "intervention_type": "referral",
                "summary": self.env._(
                    "Referred by %(entity)s: %(service)s",
                    entity=self.entity_id.display_name or "-",
                    service=self.service or "-",
                ),
                "note": self.reason,
            }
        )
        self.write({"partner_id": person.id, "case_id": case.id, "office_id": office.id})
        self._migrant_respond("accepted")
        return self._migrant_open_case_action(case)

    def _find_or_create_person(self):
        """The person of an incoming referral: found by the desk look-up, or created.
        Someone already followed by another office is not taken: that office refers
        them (internal referral)."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        match = Partner._migrant_find_person(
            document=self.incoming_document_number, phone_number=self.incoming_phone
        )
        if match.partners:
            return match.partners[0]
        if match.offices:
            raise UserError(
                self.env._(
                    "This person is already followed by %(offices)s. Ask that office to "
                    "refer them to yours (internal referral), or ask a coordinator.",
                    offices=", ".join(match.offices.sudo().mapped("name")),
                )
            )
        if not self.incoming_name:
            raise UserError(
                self.env._("Give at least the name of the person referred, or choose the person.")
            )
        person = Partner.create(
            {"name": self.incoming_name, "is_beneficiary": True, "mobile": self.incoming_phone}
        )
        if self.incoming_document_number:
            kind = self._guess_document_type(self.incoming_document_number)
            self.env["migrant.identity.document"].create(
                {
                    "partner_id": person.id,
                    "document_type": kind,
                    "number": self.incoming_document_number,
                }
            )
        return person

    @staticmethod
    def _guess_document_type(number):
        """NIE or DNI when the number is a valid one, else another document."""
        return identity.spanish_type(number) or "other"

    # ------------------------------------------------------------------ printing
    def _migrant_check_printable(self):
        """The printed form carries the person's documents and phone: it follows the
        consent gate, and the user's own access."""
        hidden = self - self._filtered_access("read")
        if hidden:
            raise AccessError(self.env._("You may only print the referrals of your own offices."))
        for referral in self:
            if referral.state not in SENT_STATES:
                raise UserError(
                    self.env._(
                        "The referral %(name)s is printed once it is sent (with the "
                        "person's consent, or a coordinator's reasoned override).",
                        name=referral.name,
                    )
                )

    # ------------------------------------------------------------------ personal data
    def _migrant_sheet_title(self):
        return self.env._("Referrals")

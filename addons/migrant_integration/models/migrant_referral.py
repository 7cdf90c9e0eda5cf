from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import identity, phone

MANAGER_GROUP = "migrant_integration.group_migrant_manager"


class MigrantReferral(models.Model):
    _name = "migrant.referral"
    _description = "Referral"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
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
        index=True,
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
            if referral.direction == "incoming":
                referral.owner_office_id = referral.office_id or referral.case_id.office_id
            else:
                referral.owner_office_id = referral.case_id.office_id or referral.office_id

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
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on 'Overdue'."))
        domain = [
            ("follow_up_date", "<", fields.Date.context_today(self)),
            ("state", "in", ("sent", "accepted")),
        ]
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("migrant.referral") or "/"
        return super().create(vals_list)

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
            referral.write(values)
        return True

    def _find_sharing_consent(self):
        self.ensure_one()
        consents = (
            self.env["migrant.consent"]
            .sudo()
            .search([("partner_id", "=", self.partner_id.id), ("purpose", "=", "data_sharing")])
        )
        return consents._allows_sharing_with(self.entity_id)[:1]

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(refs)s cannot be %(action)s in its present state.",
                    refs=", ".join(wrong.mapped("name")),
                    action=action,
                )
            )

    def action_accept(self):
        self._check_state(("sent", "draft"), self.env._("accepted"))
        self.write({"state": "accepted", "response_date": fields.Date.context_today(self)})

    def action_reject(self):
        self._check_state(("sent", "draft"), self.env._("rejected"))
        self.write({"state": "rejected", "response_date": fields.Date.context_today(self)})

    def action_done(self):
        self._check_state(("accepted",), self.env._("marked as done"))
        self.write({"state": "done"})

    def action_draft(self):
        self._check_state(("cancelled",), self.env._("reset to draft"))
        self.write({"state": "draft"})

    def action_cancel(self):
        self._check_state(("draft", "sent", "accepted", "rejected"), self.env._("cancelled"))
        self.write({"state": "cancelled"})

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
        self.write(
            {
                "partner_id": person.id,
                "case_id": case.id,
                "office_id": office.id,
                "state": "accepted",
                "response_date": fields.Date.context_today(self),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "migrant.case",
            "res_id": case.id,
            "view_mode": "form",
        }

    def _find_or_create_person(self):
        self.ensure_one()
        Partner = self.env["res.partner"]
        found = Partner
        if self.incoming_document_number:
            number = identity.compact(self.incoming_document_number)
            found = Partner.search([("identity_document_ids.number", "=", number)], limit=1)
        if not found and self.incoming_phone:
            try:
                number = phone.to_e164(self.incoming_phone)
            except phone.PhoneError:
                number = False
            if number:
                found = Partner.search(
                    [
                        ("is_beneficiary", "=", True),
                        "|",
                        ("mobile", "=", number),
                        ("phone", "=", number),
                    ],
                    limit=1,
                )
        if found:
            return found
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
        for kind in ("nie", "dni"):
            try:
                identity.normalize_document(kind, number)
            except identity.DocumentError:
                continue
            return kind
        return "other"

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MigrantConsent(models.Model):
    """A consent is a record: given on a date, for a purpose and recipients; it may
    expire, and its withdrawal is final (a new consent is a new record)."""

    _name = "migrant.consent"
    _description = "Consent"
    _inherit = ["mail.thread", "migrant.office.scoped", "migrant.personal.data"]
    _order = "date_given desc, id desc"

    _migrant_office_paths = ("office_id", "partner_id.case_office_ids")
    _migrant_action_fields = ("date_withdrawn", "recorded_by_id")
    _migrant_anonymize_unlinks = True
    _migrant_sheet_sequence = 60
    _migrant_sheet_fields = (
        "purpose",
        "recipient_entity_kinds",
        "recipient_partner_ids",
        "date_given",
        "date_expiry",
        "date_withdrawn",
        "is_active",
    )

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="cascade",
        auto_join=True,
        domain="[('is_beneficiary', '=', True)]",
    )
    purpose = fields.Selection(
        [
            ("case_management", "Case management"),
            ("data_sharing", "Sharing data with other entities"),
            ("photos", "Photos and images"),
            ("messaging", "Contact by messaging"),
        ],
        required=True,
        default="case_management",
        tracking=True,
    )
    recipient_entity_kinds = fields.Many2many(
        "migrant.entity.kind",
        string="Kinds of Recipient",
        help="Data may be shared with every entity of these kinds.",
    )
    recipient_partner_ids = fields.Many2many(
        "res.partner",
        "migrant_consent_recipient_rel",
        "consent_id",
        "partner_id",
        string="Named Recipients",
        domain="[('is_company', '=', True)]",
    )
    date_given = fields.Date(
        string="Given On", required=True, default=fields.Date.context_today, tracking=True
    )
    date_expiry = fields.Date(string="Expires On", tracking=True)
    date_withdrawn = fields.Date(string="Withdrawn On", tracking=True)
    is_active = fields.Boolean(
        string="Active", compute="_compute_is_active", search="_search_is_active"
    )
    recorded_by_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True
    )
    office_id = fields.Many2one(
        "migrant.office",
        string="Recorded At",
        compute="_compute_office_id",
        store=True,
        precompute=True,
        required=True,
        index=True,
        help="The office that recorded the consent; the offices following the person see "
        "it too.",
    )
    signed_document = fields.Binary(attachment=True, copy=False)
    signed_document_name = fields.Char()
    note = fields.Text()

    @api.depends("purpose", "partner_id.name")
    def _compute_display_name(self):
        """Sharing data with other entities · Awa Ndiaye"""
        purposes = dict(self._fields["purpose"]._description_selection(self.env))
        for consent in self:
            consent.display_name = " · ".join(
                filter(None, [purposes.get(consent.purpose), consent.partner_id.name])
            )

    @api.depends("partner_id")
    def _compute_office_id(self):
        for consent in self:
            if not consent.office_id:
                consent.office_id = (
                    self.env.user.migrant_office_ids[:1]
                    or consent.partner_id.sudo().case_office_ids[:1]
                    or self.env["migrant.office"].search([], limit=1)
                )

    @api.depends("date_given", "date_expiry", "date_withdrawn")
    @api.depends_context("date")
    def _compute_is_active(self):
        today = fields.Date.context_today(self)
        for consent in self:
            consent.is_active = (
                consent.date_given <= today
                and not (consent.date_expiry and consent.date_expiry < today)
                and not (consent.date_withdrawn and consent.date_withdrawn <= today)
            )

    def _search_is_active(self, operator, value):
        today = fields.Date.context_today(self)
        return self._migrant_boolean_search(
            operator,
            value,
            [
                ("date_given", "<=", today),
                "|",
                ("date_expiry", "=", False),
                ("date_expiry", ">=", today),
                "|",
                ("date_withdrawn", "=", False),
                ("date_withdrawn", ">", today),
            ],
        )

    @api.constrains("date_given", "date_expiry", "date_withdrawn")
    def _check_dates(self):
        for consent in self:
            if consent.date_withdrawn and consent.date_withdrawn < consent.date_given:
                raise ValidationError(
                    self.env._(
                        "A consent cannot be withdrawn (%(withdrawn)s) before it was given "
                        "(%(given)s).",
                        withdrawn=consent.date_withdrawn,
                        given=consent.date_given,
                    )
                )
            if consent.date_expiry and consent.date_expiry < consent.date_given:
                raise ValidationError(
                    self.env._(
                        "A consent cannot expire (%(expiry)s) before it was given (%(given)s).",
                        expiry=consent.date_expiry,
                        given=consent.date_given,
                    )
                )

    def _allows_sharing_with(self, entity):
        """The active data-sharing consents of these that cover ``entity``."""
        return self.filtered(
            lambda c: c.purpose == "data_sharing"
            and c.is_active
            and (
                entity in c.recipient_partner_ids
                or (
                    entity.entity_kind
                    and entity.entity_kind in c.recipient_entity_kinds.mapped("code")
                )
            )
        )

    def write(self, vals):
        if not self.env.su and self.filtered("date_withdrawn"):
            raise UserError(
                self.env._(
                    "A withdrawn consent stays as it was, for the record. If the person "
                    "consents again, record a new consent."
                )
            )
        return super().write(vals)

    def action_withdraw(self):
        """The person withdraws the consent as of today; this is final."""
        if self.filtered("date_withdrawn"):
            raise UserError(self.env._("This consent was already withdrawn."))
        self._migrant_action_write({"date_withdrawn": fields.Date.context_today(self)})

    # ------------------------------------------------------------------ personal data
    def _migrant_sheet_title(self):
        return self.env._("Consents")

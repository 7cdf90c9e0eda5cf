from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MigrantConsent(models.Model):
    _name = "migrant.consent"
    _description = "Consent"
    _inherit = ["mail.thread"]
    _order = "date_given desc, id desc"

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
    signed_document = fields.Binary(attachment=True, copy=False)
    signed_document_name = fields.Char()
    note = fields.Text()

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
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on 'Active'."))
        today = fields.Date.context_today(self)
        domain = [
            ("date_given", "<=", today),
            "|",
            ("date_expiry", "=", False),
            ("date_expiry", ">=", today),
            "|",
            ("date_withdrawn", "=", False),
            ("date_withdrawn", ">", today),
        ]
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

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

    def action_withdraw(self):
        self.write({"date_withdrawn": fields.Date.context_today(self)})

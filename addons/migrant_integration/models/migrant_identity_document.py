from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import identity


class MigrantIdentityDocument(models.Model):
    _name = "migrant.identity.document"
    _description = "Identity Document"
    _inherit = ["migrant.office.scoped", "migrant.personal.data"]
    _order = "partner_id, expiry_date desc, id"
    _rec_name = "number"

    # Documents go with their person: seen by the offices following them, or by every
    # technician while no office does.
    _migrant_office_field = None
    _migrant_office_paths = ("partner_id.case_office_ids",)
    _migrant_unfollowed_path = "partner_id.is_followed"
    _migrant_anonymize_unlinks = True
    _migrant_sheet_sequence = 10
    _migrant_sheet_fields = (
        "document_type",
        "number",
        "issuing_country_id",
        "issue_date",
        "expiry_date",
    )

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="cascade",
        auto_join=True,
    )
    document_type = fields.Selection(
        identity.DOCUMENT_TYPES, string="Type", required=True, default="nie"
    )
    number = fields.Char(
        required=True,
        index=True,
        help="DNI and NIE numbers are checked and stored without dashes or spaces "
        "(X-1234567-l becomes X1234567L).",
    )
    issuing_country_id = fields.Many2one(
        "res.country",
        string="Issuing Country",
        compute="_compute_issuing_country_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    issue_date = fields.Date()
    expiry_date = fields.Date()
    is_expired = fields.Boolean(
        string="Expired", compute="_compute_is_expired", search="_search_is_expired"
    )
    note = fields.Char()

    @api.depends("document_type", "number")
    def _compute_display_name(self):
        """NIE X1234567L"""
        labels = dict(identity.DOCUMENT_SHORT_NAMES)
        for document in self:
            label = labels.get(document.document_type)
            document.display_name = " ".join(
                filter(None, [label and self.env._(label), document.number])  # pylint: disable=translation-not-lazy
            )

    @api.depends("document_type")
    def _compute_issuing_country_id(self):
        spain = self.env.ref("base.es")
        for document in self:
            if document.document_type in identity.SPANISH_NUMBER_TYPES:
                document.issuing_country_id = spain

    @api.depends("expiry_date")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for document in self:
            document.is_expired = bool(document.expiry_date and document.expiry_date < today)

    def _search_is_expired(self, operator, value):
        today = fields.Date.context_today(self)
        return self._migrant_boolean_search(operator, value, [("expiry_date", "<", today)])

    def init(self):
        # One normalised number per type and issuing country (no country counts as one).
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS migrant_identity_document_number_uniq
            ON migrant_identity_document
            (document_type, number, COALESCE(issuing_country_id, 0))
            """
        )

    @api.model
    def _normalize_vals(self, vals, document_type=None):
        """Normalise the number in ``vals`` or raise a ValidationError that says why."""
        if "number" not in vals:
            return vals
        document_type = vals.get("document_type") or document_type
        try:
            number = identity.normalize_document(document_type, vals["number"])
        except identity.RuleError as exc:
            raise ValidationError(self.env._(exc.template, **exc.params)) from exc
        return dict(vals, number=number)

    @api.model
    def _check_not_held(self, keys, exclude_ids=()):
        """Refuse numbers that another person already holds, saying by whom if allowed.

        ``keys`` are (document_type, number, issuing_country_id) triples. One search for
        the whole batch, before writing, so that the user gets this message rather than
        the database's unique index error (also within the batch itself).
        """
        spain = self.env.ref("base.es").id
        keys = [
            (kind, number, spain if kind in identity.SPANISH_NUMBER_TYPES else country or False)
            for kind, number, country in keys
        ]
        seen = {}
        for key in keys:
            if key in seen:
                self._raise_held(key, None)
            seen[key] = True
        held = self.sudo().search(
            [("number", "in", list({key[1] for key in keys})), ("id", "not in", list(exclude_ids))]
        )
        by_key = {
            (doc.document_type, doc.number, doc.issuing_country_id.id or False): doc for doc in held
        }
        for key in keys:
            if key in by_key:
                self._raise_held(key, by_key[key].partner_id)

    @api.model
    def _raise_held(self, key, holder):
        kind, number, _country = key
        label = dict(self._fields["document_type"]._description_selection(self.env))[kind]
        if holder is None:
            raise ValidationError(
                self.env._("The %(type)s %(number)s is typed twice.", type=label, number=number)
            )
        if holder.with_env(self.env).has_access("read"):
            raise ValidationError(
                self.env._(
                    "The %(type)s %(number)s already belongs to %(person)s. If it is the "
                    "same person, merge both records instead of typing it again.",
                    type=label,
                    number=number,
                    person=holder.display_name,
                )
            )
        raise ValidationError(
            self.env._(
                "The %(type)s %(number)s already belongs to a person followed by "
                "%(offices)s. Ask that office to refer them to yours (internal referral), "
                "or ask a coordinator.",
                type=label,
                number=number,
                offices=", ".join(holder.sudo().case_office_ids.mapped("name"))
                or self.env._("another office"),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_vals(vals) for vals in vals_list]
        self._check_not_held(
            [
                (vals.get("document_type", "nie"), vals["number"], vals.get("issuing_country_id"))
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        if not {"number", "document_type", "issuing_country_id"} & set(vals):
            return super().write(vals)
        for document in self:
            values = self._normalize_vals(
                dict(vals, number=vals.get("number", document.number)), document.document_type
            )
            self._check_not_held(
                [
                    (
                        values.get("document_type", document.document_type),
                        values["number"],
                        values.get("issuing_country_id", document.issuing_country_id.id),
                    )
                ],
                exclude_ids=document.ids,
            )
            super(MigrantIdentityDocument, document).write(values)
        return True

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        for document in self:
            if (
                document.issue_date
                and document.expiry_date
                and document.expiry_date < document.issue_date
            ):
                raise ValidationError(
                    self.env._(
                        "The document %(number)s cannot expire before it was issued.",
                        number=document.number,
                    )
                )

    # ------------------------------------------------------------------ personal data
    def _migrant_sheet_title(self):
        return self.env._("Identity documents")

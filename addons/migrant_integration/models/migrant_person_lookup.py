from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, escape_psql

from ..tools import identity, phone

USER_GROUP = "migrant_integration.group_migrant_user"
MANAGER_GROUP = "migrant_integration.group_migrant_manager"

PersonMatch = namedtuple("PersonMatch", ["partners", "offices", "matched_on"])
PersonMatch.__doc__ = """What the desk look-up found.

``partners``: the people found that the current user may read (in the user's env);
``offices``: the offices following the people found that the user may not read (all
the look-up says about them); ``matched_on``: ``document``, ``phone`` or
``name_birthdate`` (the first rule that found someone), or ``None``.
"""

POSITIVE_OPERATORS = ("=", "in", "ilike", "like", "=ilike", "=like")
NEGATIVE_OPERATORS = {"!=": "=", "not in": "in", "not ilike": "ilike", "not like": "like"}


class MigrantPersonLookup(models.AbstractModel):
    """Finding a person (inherited by ``res.partner``): the one look-up by exact
    document, phone, or name plus birthdate, the possible duplicates it gives the
    form, the searches by document number and phone as typed at the desk, and the
    phones of participants kept in E.164."""

    _name = "migrant.person.lookup"
    _description = "Person Look-up"

    duplicate_partner_ids = fields.Many2many(
        "res.partner",
        string="Possible Duplicates",
        compute="_compute_duplicate_partner_ids",
        groups=USER_GROUP,
    )
    duplicate_office_names = fields.Char(
        string="Possible Duplicate Followed By",
        compute="_compute_duplicate_partner_ids",
        groups=USER_GROUP,
    )
    document_number = fields.Char(
        compute="_compute_document_number",
        search="_search_document_number",
        groups=USER_GROUP,
    )
    phone_e164 = fields.Char(
        string="Phone (any format)",
        compute="_compute_phone_e164",
        search="_search_phone_e164",
        groups=USER_GROUP,
    )

    def init(self):
        res = super().init()
        if self._abstract:
            return res
        # Look-ups at the desk: by phone, and name plus birthdate (res.partner).
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS res_partner_migrant_phone_idx
                ON res_partner (phone) WHERE phone IS NOT NULL;
            CREATE INDEX IF NOT EXISTS res_partner_migrant_mobile_idx
                ON res_partner (mobile) WHERE mobile IS NOT NULL;
            CREATE INDEX IF NOT EXISTS migrant_partner_case_office_rel_office_idx
                ON migrant_partner_case_office_rel (office_id, partner_id);
            CREATE INDEX IF NOT EXISTS res_partner_migrant_birthdate_idx
                ON res_partner (birthdate) WHERE birthdate IS NOT NULL;
            """
        )
        if self.env.registry.has_trigram:
            # A name typed in a person field searches these five columns ("ilike"
            # anywhere): with a trigram index each, no scan of every contact.
            for column in ("complete_name", "email", "ref", "vat", "company_registry"):
                self.env.execute_query(
                    SQL(
                        "CREATE INDEX IF NOT EXISTS %s ON res_partner USING gin (%s gin_trgm_ops)",
                        SQL.identifier(f"res_partner_migrant_{column}_trgm_idx"),
                        SQL.identifier(column),
                    )
                )
        return res

    # ------------------------------------------------------------------ look-up
    @api.model
    def _migrant_find_person(
        self, document=None, phone_number=None, name=None, birthdate=None, exclude_ids=()
    ):
        """The one look-up of an existing person, by exact normalised values.

        Tried in order: a document number (any type, as typed: ``x-1234567-l``), a
        phone in E.164 (``612 34 56 78``), a name plus birthdate (case-insensitive,
        exact). Returns a :class:`PersonMatch`; people the user may not read are
        never returned, only the names of the offices following them.
        """
        Partner = self.env["res.partner"]
        sudo = Partner.sudo().with_context(active_test=False)
        exclude = list(exclude_ids)
        found, matched_on = sudo, None
        numbers = [identity.compact(n) for n in _as_list(document) if identity.compact(n)]
        if numbers:
            documents = (
                self.env["migrant.identity.document"]
                .sudo()
                .search([("number", "in", numbers), ("partner_id", "not in", exclude)])
            )
            found, matched_on = documents.partner_id, "document"
        phones = _e164_list(phone_number)
        if not found and phones:
            found = sudo.search(
                [
                    ("id", "not in", exclude),
                    ("is_beneficiary", "=", True),
                    "|",
                    ("phone", "in", phones),
                    ("mobile", "in", phones),
                ],
                limit=20,
            )
            matched_on = "phone" if found else None
        if not found and name and name.strip() and birthdate:
            found = sudo.search(
                [
                    ("id", "not in", exclude),
                    ("is_beneficiary", "=", True),
                    ("birthdate", "=", birthdate),
                    ("name", "=ilike", escape_psql(name.strip())),
                ],
                limit=20,
            )
            matched_on = "name_birthdate" if found else None
        visible = found.with_env(self.env)._filtered_access("read")
        hidden = found - visible.sudo()
        return PersonMatch(
            partners=Partner.browse(visible.ids),
            offices=hidden.case_office_ids.with_env(self.env),
            matched_on=matched_on if found else None,
        )

    def _migrant_check_person_access(self):
        """A clear refusal for people the user may not read, naming who follows them."""
        hidden = self - self._filtered_access("read")
        if hidden:
            offices = hidden.sudo().case_office_ids
            raise AccessError(
                self.env._(
                    "This person is followed by %(offices)s. Ask that office to refer them "
                    "to your office (internal referral), or ask a coordinator.",
                    offices=", ".join(offices.mapped("name")) or self.env._("another office"),
                )
            )

    # ------------------------------------------------------------------ duplicates
    @api.depends(
        "name",
        "birthdate",
        "phone",
        "mobile",
        "identity_document_ids.number",
        "identity_document_ids.document_type",
    )
    @api.depends_context("uid")
    def _compute_duplicate_partner_ids(self):
        """Other participants with the same document, phone, or name and birthdate.

        Searched across all offices (a person followed elsewhere must not get a second
        file); the user sees those they may read, and only the offices of the others.
        """
        for partner in self:
            partners = self.env["res.partner"]
            offices = self.env["migrant.office"]
            if partner.is_beneficiary:
                own = [partner._origin.id] if partner._origin.id else []
                numbers = partner.sudo().identity_document_ids.mapped("number")
                for criteria in (
                    {"document": numbers},
                    {"phone_number": partner._migrant_e164_phones()},
                    {"name": partner.name, "birthdate": partner.birthdate},
                ):
                    match = self._migrant_find_person(exclude_ids=own, **criteria)
                    partners |= match.partners
                    offices |= match.offices
            partner.duplicate_partner_ids = partners
            partner.duplicate_office_names = ", ".join(offices.sudo().mapped("name")) or False

    def action_open_merge_wizard(self):
        """Odoo's own merge wizard with this person and their possible duplicates."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a coordinator merges people."))
        partners = self | self.duplicate_partner_ids[:2]
        return {
            "type": "ir.actions.act_window",
            "res_model": "base.partner.merge.automatic.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "res.partner",
                "active_ids": partners.ids,
                "default_dst_partner_id": self.id,
            },
        }

    # ------------------------------------------------------------------ desk searches
    def _compute_document_number(self):
        documents = self.sudo().identity_document_ids
        first = {}
        for document in documents:
            first.setdefault(document.partner_id.id, document.number)
        for partner in self:
            partner.document_number = first.get(partner.id, False)

    def _search_document_number(self, operator, value):
        """Numbers as typed (``x-1234567-l``): exact for =, in, =ilike and for a whole
        DNI or NIE typed in the search box (ilike); otherwise a part of the number;
        negative operators exclude those."""
        positive, negate = _positive(self.env, operator)
        if value is False or value is None:
            return _negated(self, [("identity_document_ids", "!=", False)], not negate)
        values = [identity.compact(v) for v in _as_list(value)]
        values = [v for v in values if v]
        if not values:
            return _negated(self, expression.FALSE_DOMAIN, negate)
        partial = positive in ("ilike", "like") and len(values) == 1
        if partial and not identity.spanish_type(values[0]):
            # a part of a number: scan the numbers (a whole DNI/NIE uses the index)
            documents = (
                self.env["migrant.identity.document"]
                .sudo()
                ._search([("number", "ilike", values[0])])
            )
        else:
            documents = (
                self.env["migrant.identity.document"].sudo()._search([("number", "in", values)])
            )
        partner_ids = documents.subselect(SQL.identifier(documents.table, "partner_id"))
        return _negated(self, [("id", "in", partner_ids)], negate)

    @api.depends("phone", "mobile")
    def _compute_phone_e164(self):
        for partner in self:
            partner.phone_e164 = partner.mobile or partner.phone

    def _search_phone_e164(self, operator, value):
        """Phones as typed (``612 34 56 78``, ``0034...``): exact in E.164 when the
        value is a phone number, else a part of the digits."""
        positive, negate = _positive(self.env, operator)
        if value is False or value is None:
            return _negated(
                self, ["|", ("phone", "!=", False), ("mobile", "!=", False)], not negate
            )
        numbers = _e164_list(value)
        if numbers:
            domain = ["|", ("phone", "in", numbers), ("mobile", "in", numbers)]
        elif positive in ("ilike", "like") and not isinstance(value, list | tuple):
            digits = "".join(c for c in str(value) if c.isdigit())
            if not digits:
                return _negated(self, expression.FALSE_DOMAIN, negate)
            domain = ["|", ("phone", "ilike", digits), ("mobile", "ilike", digits)]
        else:
            domain = expression.FALSE_DOMAIN
        return _negated(self, domain, negate)

    # ------------------------------------------------------------------ phones
    @api.model_create_multi
    def create(self, vals_list):
        Country = self.env["res.country"]
        vals_list = [
            self._migrant_phone_vals(
                vals,
                Country.browse(vals.get("country_id")),
                vals.get("is_beneficiary") or self.env.context.get("default_is_beneficiary"),
            )
            for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        if not ({"phone", "mobile", "is_beneficiary"} & set(vals)):
            return super().write(vals)
        country = (
            self.env["res.country"].browse(vals["country_id"]) if vals.get("country_id") else None
        )
        beneficiaries = self.filtered(lambda p: vals.get("is_beneficiary", p.is_beneficiary))
        if not beneficiaries:
            return super().write(vals)
        for partner in beneficiaries:
            values = dict(vals)
            if values.get("is_beneficiary") and not {"phone", "mobile"} & set(values):
                values.update(phone=partner.phone, mobile=partner.mobile)
            super(MigrantPersonLookup, partner).write(
                self._migrant_phone_vals(values, country or partner.country_id, True)
            )
        others = self - beneficiaries
        if others:
            super(MigrantPersonLookup, others).write(vals)
        return True

    def _migrant_e164_phones(self):
        """The person's phones in E.164, ignoring what cannot be a number (yet)."""
        self.ensure_one()
        region = self.country_id.code or phone.DEFAULT_REGION
        numbers = set()
        for number in (self.phone, self.mobile):
            try:
                numbers.add(phone.to_e164(number, region))
            except phone.RuleError:
                continue
        return [n for n in numbers if n]

    def _migrant_phone_vals(self, vals, country=None, is_beneficiary=False):
        """Phones of participants in E.164, or a clear error when one cannot be a number."""
        if not is_beneficiary:
            return vals
        region = (country.code if country else None) or phone.DEFAULT_REGION
        values = dict(vals)
        for fname in ("phone", "mobile"):
            if values.get(fname):
                try:
                    values[fname] = phone.to_e164(values[fname], region)
                except phone.RuleError as exc:
                    raise ValidationError(self.env._(exc.template, **exc.params)) from exc
        return values


def _as_list(value):
    if value is None or value is False:
        return []
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value if v]
    return [str(value)]


def _e164_list(value):
    numbers = []
    for text in _as_list(value):
        try:
            number = phone.to_e164(text)
        except phone.RuleError:
            continue
        if number:
            numbers.append(number)
    return numbers


def _positive(env, operator):
    """``(positive operator, negate)`` for the operators Odoo's search can send."""
    if operator in POSITIVE_OPERATORS:
        return operator, False
    if operator in NEGATIVE_OPERATORS:
        return NEGATIVE_OPERATORS[operator], True
    raise UserError(env._("This field cannot be searched with '%(operator)s'.", operator=operator))


def _negated(model, domain, negate):
    """``domain``, or the records it does not match (people without a phone too)."""
    if not negate:
        return domain
    return [("id", "not in", model._search(domain))]

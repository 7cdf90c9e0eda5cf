from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..tools import identity, phone
from .migrant_permit import ACTIVE_STATES as ACTIVE_PERMIT_STATES

MAX_AGE = 120
USER_GROUP = "migrant_integration.group_migrant_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_beneficiary = fields.Boolean(
        string="Program Participant",
        index=True,
        tracking=True,
        help="A person served by the program: their file, documents and cases are kept.",
    )
    identity_document_ids = fields.One2many(
        "migrant.identity.document",
        "partner_id",
        string="Identity Documents",
        groups=USER_GROUP,
    )
    nationality_id = fields.Many2one("res.country", string="Nationality", index=True)
    birthdate = fields.Date(groups=USER_GROUP, tracking=True)
    birthdate_is_estimate = fields.Boolean(
        string="Estimated Birthdate",
        groups=USER_GROUP,
        help="Tick when the person only knows the year (or roughly the age).",
    )
    gender = fields.Selection(
        [
            ("female", "Female"),
            ("male", "Male"),
            ("non_binary", "Non-binary"),
            ("undisclosed", "Prefers not to say"),
        ],
        index=True,
    )
    arrival_date = fields.Date(
        string="Arrival in Spain", groups=USER_GROUP, help="When the person arrived in Spain."
    )
    language_ids = fields.Many2many(
        "migrant.language", string="Spoken Languages", groups=USER_GROUP
    )
    spanish_level = fields.Selection(
        [
            ("none", "None"),
            ("a1", "A1"),
            ("a2", "A2"),
            ("b1", "B1"),
            ("b2", "B2"),
            ("c1", "C1"),
            ("c2", "C2"),
        ],
        groups=USER_GROUP,
        help="Level of Spanish on the CEFR scale.",
    )
    needs_interpreter = fields.Boolean(groups=USER_GROUP)
    household_id = fields.Many2one(
        "migrant.household", string="Household", index=True, groups=USER_GROUP
    )
    household_role = fields.Selection(
        [("head", "Head"), ("partner", "Partner"), ("child", "Child"), ("other", "Other")],
        groups=USER_GROUP,
    )
    referral_source = fields.Selection(
        [
            ("word_of_mouth", "Word of mouth"),
            ("social_services", "Social services"),
            ("hospital", "Hospital"),
            ("ngo", "NGO"),
            ("employment_agency", "Employment agency"),
            ("newsletter", "Newsletter"),
            ("school", "School"),
            ("other", "Other"),
        ],
        string="How They Found Us",
        groups=USER_GROUP,
    )
    vulnerability_ids = fields.Many2many(
        "migrant.vulnerability", string="Vulnerabilities", groups=USER_GROUP
    )
    entity_kind = fields.Selection(
        [
            ("ngo", "NGO"),
            ("ngdo", "NGDO"),
            ("public_body", "Public body"),
            ("employer", "Employer"),
            ("school", "School"),
            ("health_centre", "Health centre"),
            ("other", "Other"),
        ],
        string="Kind of Entity",
        index=True,
    )
    case_ids = fields.One2many("migrant.case", "partner_id", string="Case Files", groups=USER_GROUP)
    case_count = fields.Integer(compute="_compute_case_count", groups=USER_GROUP)
    case_office_ids = fields.Many2many(
        "migrant.office",
        "migrant_partner_case_office_rel",
        "partner_id",
        "office_id",
        string="Offices Following",
        compute="_compute_case_office_ids",
        store=True,
        help="Offices with a case file of this person (archived ones included): the "
        "record rules of technicians look here.",
    )
    permit_ids = fields.One2many(
        "migrant.permit",
        "partner_id",
        string="Legal Procedures",
        groups="migrant_integration.group_migrant_legal",
    )
    legal_summary = fields.Char(compute="_compute_legal_summary", groups=USER_GROUP)
    legal_valid_until = fields.Date(
        string="Permit Valid Until", compute="_compute_legal_summary", groups=USER_GROUP
    )
    legal_may_work = fields.Boolean(
        string="May Work", compute="_compute_legal_summary", groups=USER_GROUP
    )
    duplicate_partner_ids = fields.Many2many(
        "res.partner",
        string="Possible Duplicates",
        compute="_compute_duplicate_partner_ids",
        groups=USER_GROUP,
    )
    duplicate_hidden_count = fields.Integer(
        string="Possible Duplicates in Other Offices",
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
    )

    def init(self):
        res = super().init()
        # Look-ups at the desk: by phone, and name plus birthdate among participants.
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
        return res

    # ------------------------------------------------------------------ computes
    def _compute_case_count(self):
        counts = dict(
            self.env["migrant.case"]
            .with_context(active_test=False)
            ._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.case_count = counts.get(partner, 0)

    @api.depends("case_ids.office_id", "case_ids.active")
    def _compute_case_office_ids(self):
        cases = (
            self.env["migrant.case"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids)])
        )
        for partner in self:
            partner.case_office_ids = cases.filtered(
                lambda c, p=partner: c.partner_id == p
            ).office_id

    def _compute_legal_summary(self):
        """One line every technician may read: current permit, valid until, may work.

        Read with sudo: the procedure details stay for the legal group.
        """
        today = fields.Date.context_today(self)
        permits = (
            self.env["migrant.permit"]
            .sudo()
            .search([("partner_id", "in", self.ids)], order="resolution_date desc, id desc")
        )
        for partner in self:
            own = permits.filtered(lambda p, who=partner: p.partner_id == who)
            current = own.filtered(lambda p: p._is_current(today))[:1]
            pending = own.filtered(lambda p: p.state in ACTIVE_PERMIT_STATES)[:1]
            partner.legal_valid_until = current.valid_until
            partner.legal_may_work = current.authorises_work
            if current:
                summary = self.env._(
                    "%(permit)s, valid until %(date)s, %(work)s",
                    permit=current.permit_type_id.name,
                    date=current.valid_until or self.env._("no expiry"),
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
            partner.legal_summary = summary

    @api.depends("identity_document_ids.number")
    def _compute_document_number(self):
        for partner in self:
            partner.document_number = partner.identity_document_ids[:1].number

    def _search_document_number(self, operator, value):
        if operator not in ("=", "ilike", "in") or not value:
            raise NotImplementedError(self.env._("Search documents by their number."))
        values = value if isinstance(value, list | tuple) else [value]
        numbers = [identity.compact(v) for v in values]
        return [("identity_document_ids.number", "in", numbers)]

    @api.depends("phone", "mobile")
    def _compute_phone_e164(self):
        for partner in self:
            partner.phone_e164 = partner.mobile or partner.phone

    def _search_phone_e164(self, operator, value):
        if operator not in ("=", "ilike") or not value:
            raise NotImplementedError(self.env._("Search phones by their number."))
        try:
            number = phone.to_e164(value)
        except phone.PhoneError:
            return expression.FALSE_DOMAIN
        return ["|", ("phone", "=", number), ("mobile", "=", number)]

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
        file), three indexed searches per person whatever the number of people; the
        user sees those they may read and a count of the others.
        """
        Partner = self.env["res.partner"].sudo()
        for partner in self:
            found = Partner
            if partner.is_beneficiary:
                own_id = partner._origin.id
                numbers = [n for n in partner.sudo().identity_document_ids.mapped("number") if n]
                if numbers:
                    documents = (
                        self.env["migrant.identity.document"]
                        .sudo()
                        .search([("number", "in", numbers), ("partner_id", "!=", own_id)])
                    )
                    found |= documents.partner_id
                phones = partner._migrant_e164_phones()
                if phones:
                    found |= Partner.search(
                        [
                            ("id", "!=", own_id),
                            ("is_beneficiary", "=", True),
                            "|",
                            ("phone", "in", phones),
                            ("mobile", "in", phones),
                        ],
                        limit=20,
                    )
                if partner.birthdate and partner.name:
                    found |= Partner.search(
                        [
                            ("id", "!=", own_id),
                            ("is_beneficiary", "=", True),
                            ("birthdate", "=", partner.birthdate),
                            ("name", "=ilike", partner.name.strip()),
                        ],
                        limit=20,
                    )
            visible = found.with_env(self.env)._filtered_access("read")
            partner.duplicate_partner_ids = visible
            partner.duplicate_hidden_count = len(found) - len(visible)

    def _migrant_e164_phones(self):
        """The person's phones in E.164, ignoring what cannot be a number (yet)."""
        self.ensure_one()
        region = self.country_id.code or phone.DEFAULT_REGION
        numbers = set()
        for number in (self.phone, self.mobile):
            try:
                numbers.add(phone.to_e164(number, region))
            except phone.PhoneError:
                continue
        return [n for n in numbers if n]

    # ------------------------------------------------------------------ constraints
    @api.constrains("birthdate", "arrival_date")
    def _check_migrant_dates(self):
        today = fields.Date.context_today(self)
        for partner in self.sudo():
            if partner.birthdate:
                if partner.birthdate > today:
                    raise ValidationError(
                        self.env._(
                            "The birthdate of %(person)s is in the future (%(date)s).",
                            person=partner.display_name,
                            date=partner.birthdate,
                        )
                    )
                if partner.birthdate < today - relativedelta(years=MAX_AGE):
                    raise ValidationError(
                        self.env._(
                            "The birthdate of %(person)s is more than %(years)s years ago "
                            "(%(date)s). If only the year is known, type 1 January of "
                            "that year and tick 'Estimated Birthdate'.",
                            person=partner.display_name,
                            years=MAX_AGE,
                            date=partner.birthdate,
                        )
                    )
            if partner.arrival_date:
                if partner.arrival_date > today:
                    raise ValidationError(
                        self.env._(
                            "The arrival date of %(person)s is in the future.",
                            person=partner.display_name,
                        )
                    )
                if partner.birthdate and partner.arrival_date < partner.birthdate:
                    raise ValidationError(
                        self.env._(
                            "%(person)s cannot have arrived in Spain (%(arrival)s) before "
                            "being born (%(birth)s).",
                            person=partner.display_name,
                            arrival=partner.arrival_date,
                            birth=partner.birthdate,
                        )
                    )

    @api.constrains("vat", "entity_kind", "country_id")
    def _check_entity_vat(self):
        for partner in self:
            if not (partner.entity_kind and partner.vat):
                continue
            if partner.country_id and partner.country_id.code != "ES":
                continue
            try:
                identity.normalize_entity_vat(partner.vat)
            except identity.DocumentError as exc:
                raise ValidationError(self.env._(exc.template, **exc.params)) from exc

    # ------------------------------------------------------------------ CRUD
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
                except phone.PhoneError as exc:
                    raise ValidationError(self.env._(exc.template, **exc.params)) from exc
        return values

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
            super(ResPartner, partner).write(
                self._migrant_phone_vals(values, country or partner.country_id, True)
            )
        others = self - beneficiaries
        if others:
            super(ResPartner, others).write(vals)
        return True

    # ------------------------------------------------------------------ actions
    def action_open_merge_wizard(self):
        """Odoo's own merge wizard with this person and their possible duplicates."""
        self.ensure_one()
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

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "migrant_integration.migrant_case_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

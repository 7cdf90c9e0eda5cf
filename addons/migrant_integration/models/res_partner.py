import base64
import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, html2plaintext

from ..tools import identity, phone, workbook
from .migrant_permit import ACTIVE_STATES as ACTIVE_PERMIT_STATES

MAX_AGE = 120
USER_GROUP = "migrant_integration.group_migrant_user"
MANAGER_GROUP = "migrant_integration.group_migrant_manager"

# Contact and free-text fields of the person emptied by the anonymisation.
ERASED_PARTNER_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "vat",
    "website",
    "function",
    "title",
    "ref",
    "comment",
    "image_1920",
    "arrival_date",
    "language_ids",
    "household_role",
    "referral_source",
    "vulnerability_ids",
    "needs_interpreter",
    "spanish_level",
)


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
    consent_ids = fields.One2many(
        "migrant.consent", "partner_id", string="Consents", groups=USER_GROUP
    )
    referral_ids = fields.One2many(
        "migrant.referral", "partner_id", string="Referrals", groups=USER_GROUP
    )
    anonymized_date = fields.Date(
        string="Anonymised On",
        readonly=True,
        copy=False,
        groups=USER_GROUP,
        help="The personal data of this person were removed on this day; only the "
        "figures for the statistics remain.",
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
        offices = self.env["migrant.case"]._offices_following("partner_id", self)
        for partner in self:
            partner.case_office_ids = offices.get(partner.id, self.env["migrant.office"])

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

    # ------------------------------------------------------------------ anonymisation
    def _migrant_referring_records(self):
        """The records that hold this person's data: ``{model: records}`` (sudo)."""
        self.ensure_one()
        env = self.env(su=True)
        Case = env["migrant.case"].with_context(active_test=False)
        cases = Case.search([("partner_id", "=", self.id)])
        return {
            "res.partner": self.sudo(),
            "migrant.case": cases,
            "migrant.case.goal": cases.goal_ids,
            "migrant.intervention": env["migrant.intervention"].search(
                [("partner_id", "=", self.id)]
            ),
            "migrant.identity.document": env["migrant.identity.document"].search(
                [("partner_id", "=", self.id)]
            ),
            "migrant.permit": env["migrant.permit"].search([("partner_id", "=", self.id)]),
            "migrant.referral": env["migrant.referral"].search([("partner_id", "=", self.id)]),
            "migrant.consent": env["migrant.consent"].search([("partner_id", "=", self.id)]),
        }

    def _migrant_check_may_anonymize(self):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(self.env._("Only coordinators may anonymise people."))
        open_cases = (
            self.env["migrant.case"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("is_closed", "=", False)])
        )
        if open_cases:
            raise UserError(
                self.env._(
                    "%(people)s still have an open case file (%(cases)s). Close the case "
                    "before anonymising: its data are still needed.",
                    people=", ".join(open_cases.partner_id.mapped("display_name")),
                    cases=", ".join(open_cases.mapped("name")),
                )
            )
        if self.sudo().user_ids:
            raise UserError(
                self.env._(
                    "%(people)s can log in: remove their user before anonymising.",
                    people=", ".join(self.sudo().filtered("user_ids").mapped("display_name")),
                )
            )

    def _migrant_anonymize(self):
        """Remove every personal datum of these people, keep what the statistics count.

        Kept: gender, nationality, birth year, the dates, offices, areas and number of
        cases, interventions, procedures and referrals. Removed: name, documents,
        contact data, address, notes, messages, activities, attachments and consents.
        Refused for people with an open case file, and for anyone but a coordinator.
        """
        self._migrant_check_may_anonymize()
        today = fields.Date.context_today(self)
        quiet = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}
        for partner in self.sudo().with_context(**quiet):
            records = {
                model: recs.with_context(**quiet)
                for model, recs in partner._migrant_referring_records().items()
            }
            records["migrant.consent"].unlink()
            records["migrant.identity.document"].unlink()
            records["migrant.case"].write({"description": False, "closure_note": False})
            for goal in records["migrant.case.goal"]:
                goal.description = self.env._("Goal %(number)s", number=goal.id)
            records["migrant.intervention"].write({"note": False, "summary": False})
            records["migrant.permit"].write({"file_number": False, "note": False})
            records["migrant.referral"].write(
                {
                    "reason": False,
                    "outcome": False,
                    "incoming_name": False,
                    "incoming_document_number": False,
                    "incoming_phone": False,
                    "consent_override_reason": False,
                }
            )
            birth_year = partner.birthdate.year if partner.birthdate else None
            old_name = partner.name
            values = {
                fname: [Command.clear()] if partner._fields[fname].type == "many2many" else False
                for fname in ERASED_PARTNER_FIELDS
            }
            values.update(
                name=self.env._("Anonymised person %(number)s", number=partner.id),
                birthdate=datetime.date(birth_year, 1, 1) if birth_year else False,
                birthdate_is_estimate=bool(birth_year),
                anonymized_date=today,
            )
            partner.write(values)
            partner.bank_ids.unlink()
            household = partner.household_id.with_context(active_test=False)
            if household and all(household.member_ids.mapped("anonymized_date")):
                household.write(
                    {
                        "name": self.env._("Anonymised household %(number)s", number=household.id),
                        "note": False,
                    }
                )
                records["migrant.household"] = household
            partner._migrant_anonymize_extra(records)
            partner._migrant_erase_communication(records)
            partner._migrant_rename_in_tracking(old_name)
        return True

    def _migrant_erase_communication(self, records):
        """Messages, activities, followers and attachments of the person's records."""
        self.ensure_one()
        env = self.env(su=True)
        Message = env["mail.message"]
        Attachment = env["ir.attachment"]
        Activity = env["mail.activity"]
        for model, recs in records.items():
            if not recs:
                continue
            res_domain = [("res_model", "=", model), ("res_id", "in", recs.ids)]
            Attachment.search(res_domain).unlink()
            Activity.search(res_domain).unlink()
            Message.search([("model", "=", model), ("res_id", "in", recs.ids)]).unlink()
        Message.search([("author_id", "=", self.id)]).unlink()
        env["mail.followers"].search([("partner_id", "=", self.id)]).unlink()

    def _migrant_rename_in_tracking(self, old_name):
        """The old name stays in the tracked changes of other records (a household's
        head, a case's person): replace it there with the anonymised name."""
        self.ensure_one()
        if not old_name:
            return
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                UPDATE mail_tracking_value v
                   SET old_value_char = CASE WHEN v.old_value_integer = %(id)s
                                             THEN %(name)s ELSE v.old_value_char END,
                       new_value_char = CASE WHEN v.new_value_integer = %(id)s
                                             THEN %(name)s ELSE v.new_value_char END
                  FROM ir_model_fields f
                 WHERE f.id = v.field_id
                   AND f.relation = 'res.partner'
                   AND (v.old_value_integer = %(id)s OR v.new_value_integer = %(id)s)
                """,
                id=self.id,
                name=self.name,
            )
        )
        self.env["mail.tracking.value"].invalidate_model(["old_value_char", "new_value_char"])

    def _migrant_anonymize_extra(self, records):
        """Hook for the other addons (workshop registrations, itineraries)."""
        return

    @api.model
    def _cron_migrant_anonymize(self, batch_size=200):
        """Anonymise the people whose last case closed more than N years ago
        (company setting; 0 disables it) and who have no open case.

        Works in batches: the scheduler runs it again at once while people remain.
        """
        people = self._migrant_due_for_anonymisation()
        batch = people[:batch_size]
        batch.sudo()._migrant_anonymize()
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(people) - len(batch))
        return len(batch)

    @api.model
    def _migrant_due_for_anonymisation(self):
        Case = self.env["migrant.case"].sudo().with_context(active_test=False)
        today = fields.Date.context_today(self)
        due = self.browse()
        for company in self.env["res.company"].search([("migrant_anonymize_after_years", ">", 0)]):
            cutoff = today - relativedelta(years=company.migrant_anonymize_after_years)
            candidates = Case.search(
                [
                    ("company_id", "=", company.id),
                    ("is_closed", "=", True),
                    ("close_date", "<", cutoff),
                    ("partner_id.anonymized_date", "=", False),
                ]
            ).partner_id
            if not candidates:
                continue
            recent = Case.search(
                [
                    ("partner_id", "in", candidates.ids),
                    "|",
                    ("is_closed", "=", False),
                    ("close_date", ">=", cutoff),
                ]
            ).partner_id
            due |= (candidates - recent).filtered(lambda p: not p.user_ids)
        return due

    # ------------------------------------------------------------------ subject access
    def _migrant_subject_access_sheets(self):
        """Everything held about this person that the current user may read, as
        ``(title, headers, rows)`` sheets for the workbook."""
        self.ensure_one()
        partner = self
        sheets = [
            (
                self.env._("Person"),
                [self.env._("Field"), self.env._("Value")],
                [
                    (self.env._("Name"), partner.name),
                    (self.env._("Gender"), self._migrant_selection_label("gender")),
                    (self.env._("Birthdate"), partner.birthdate),
                    (self.env._("Nationality"), partner.nationality_id.name),
                    (self.env._("Arrival in Spain"), partner.arrival_date),
                    (self.env._("Mobile"), partner.mobile),
                    (self.env._("Phone"), partner.phone),
                    (self.env._("Email"), partner.email),
                    (
                        self.env._("Address"),
                        ", ".join(
                            filter(
                                None, [partner.street, partner.street2, partner.zip, partner.city]
                            )
                        ),
                    ),
                    (
                        self.env._("Spoken languages"),
                        ", ".join(partner.language_ids.mapped("name")),
                    ),
                    (
                        self.env._("Level of Spanish"),
                        self._migrant_selection_label("spanish_level"),
                    ),
                    (self.env._("Household"), partner.household_id.name),
                    (
                        self.env._("Vulnerabilities"),
                        ", ".join(partner.vulnerability_ids.mapped("name")),
                    ),
                    (self.env._("Notes"), partner.comment),
                    (self.env._("Legal status"), partner.legal_summary),
                ],
            ),
            (
                self.env._("Identity documents"),
                [
                    self.env._("Type"),
                    self.env._("Number"),
                    self.env._("Issuing country"),
                    self.env._("Issued on"),
                    self.env._("Expires on"),
                ],
                [
                    (
                        doc._fields["document_type"].convert_to_export(doc.document_type, doc),
                        doc.number,
                        doc.issuing_country_id.name,
                        doc.issue_date,
                        doc.expiry_date,
                    )
                    for doc in partner.identity_document_ids
                ],
            ),
        ]
        cases = (
            self.env["migrant.case"]
            .with_context(active_test=False)
            .search([("partner_id", "=", partner.id)])
        )
        sheets.append(
            (
                self.env._("Case files"),
                [
                    self.env._("Reference"),
                    self.env._("Office"),
                    self.env._("Stage"),
                    self.env._("Opened"),
                    self.env._("Closed"),
                    self.env._("Situation"),
                ],
                [
                    (
                        case.name,
                        case.office_id.name,
                        case.stage_id.name,
                        case.open_date,
                        case.close_date,
                        self._migrant_html_text(case.description),
                    )
                    for case in cases
                ],
            )
        )
        interventions = self.env["migrant.intervention"].search([("partner_id", "=", partner.id)])
        sheets.append(
            (
                self.env._("Interventions"),
                [
                    self.env._("Date"),
                    self.env._("Case file"),
                    self.env._("Area"),
                    self.env._("Type"),
                    self.env._("Summary"),
                    self.env._("Note"),
                ],
                [
                    (
                        self._migrant_local_datetime(i.date),
                        i.case_id.name,
                        i.area_id.name,
                        i._fields["intervention_type"].convert_to_export(i.intervention_type, i),
                        i.summary,
                        i.note,
                    )
                    for i in interventions
                ],
            )
        )
        Permit = self.env["migrant.permit"]
        if Permit.has_access("read"):
            sheets.append(
                (
                    self.env._("Legal procedures"),
                    [
                        self.env._("Procedure"),
                        self.env._("State"),
                        self.env._("File number"),
                        self.env._("Submitted"),
                        self.env._("Resolved"),
                        self.env._("Valid until"),
                        self.env._("May work"),
                    ],
                    [
                        (
                            p.permit_type_id.name,
                            p._fields["state"].convert_to_export(p.state, p),
                            p.file_number,
                            p.submission_date,
                            p.resolution_date,
                            p.valid_until,
                            self._migrant_yes_no(p.authorises_work),
                        )
                        for p in Permit.search([("partner_id", "=", partner.id)])
                    ],
                )
            )
        referrals = self.env["migrant.referral"].search([("partner_id", "=", partner.id)])
        sheets.append(
            (
                self.env._("Referrals"),
                [
                    self.env._("Reference"),
                    self.env._("Direction"),
                    self.env._("Date"),
                    self.env._("Entity or office"),
                    self.env._("Service"),
                    self.env._("Reason"),
                    self.env._("State"),
                    self.env._("Outcome"),
                ],
                [
                    (
                        r.name,
                        r._fields["direction"].convert_to_export(r.direction, r),
                        r.date,
                        r.entity_id.name or r.office_id.name,
                        r.service,
                        r.reason,
                        r._fields["state"].convert_to_export(r.state, r),
                        r.outcome,
                    )
                    for r in referrals
                ],
            )
        )
        sheets.append(
            (
                self.env._("Consents"),
                [
                    self.env._("Purpose"),
                    self.env._("Recipients"),
                    self.env._("Given on"),
                    self.env._("Expires on"),
                    self.env._("Withdrawn on"),
                    self.env._("Active"),
                ],
                [
                    (
                        c._fields["purpose"].convert_to_export(c.purpose, c),
                        ", ".join(
                            c.recipient_entity_kinds.mapped("name")
                            + c.recipient_partner_ids.mapped("name")
                        ),
                        c.date_given,
                        c.date_expiry,
                        c.date_withdrawn,
                        self._migrant_yes_no(c.is_active),
                    )
                    for c in self.env["migrant.consent"].search([("partner_id", "=", partner.id)])
                ],
            )
        )
        return sheets

    def _migrant_local_datetime(self, value):
        """A datetime in the user's time zone, as a spreadsheet shows it (no tz)."""
        if not value:
            return None
        return fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)

    def _migrant_yes_no(self, value):
        return self.env._("Yes") if value else self.env._("No")

    def _migrant_selection_label(self, fname):
        return self._fields[fname].convert_to_export(self[fname], self) or None

    @staticmethod
    def _migrant_html_text(html):
        return html2plaintext(html) if html else None

    def action_migrant_subject_access_export(self):
        """Download everything held about this person as a spreadsheet."""
        self.ensure_one()
        content = workbook.build_workbook(self._migrant_subject_access_sheets())
        export = self.env["migrant.subject.access.export"].create(
            {
                "partner_id": self.id,
                "data": base64.b64encode(content),
                "filename": self.env._(
                    "personal-data-%(number)s-%(date)s.xlsx",
                    number=self.id,
                    date=fields.Date.context_today(self),
                ),
            }
        )
        self._message_log(body=self.env._("Personal data exported (subject access request)."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/migrant.subject.access.export/{export.id}/data/"
            f"{export.filename}?download=true",
            "target": "self",
        }

    def action_migrant_anonymize(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Anonymise"),
            "res_model": "res.partner.anonymize",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

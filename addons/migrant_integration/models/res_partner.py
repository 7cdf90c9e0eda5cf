from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..tools import identity
from .migrant_input_mixin import _CONTROL

MAX_AGE = 120
MAX_NAME_LENGTH = 200
USER_GROUP = "migrant_integration.group_migrant_user"
MANAGER_GROUP = "migrant_integration.group_migrant_manager"


class ResPartner(models.Model):
    """The person served by the program (a beneficiary), and the entities.

    Who sees a person: the record rules (security file) let technicians see the
    people their offices follow and those no office follows yet; coordinators see
    everyone; other users see no beneficiary. The offices following a person
    (``case_office_ids``) are computed from office-bound records, never written.
    """

    _name = "res.partner"
    _inherit = [
        "res.partner",
        "migrant.input.mixin",
        "migrant.field.access.mixin",
        "migrant.person.lookup",
        "migrant.personal.data",
    ]

    _migrant_checked_fields = tuple(
        "birthdate arrival_date gender spanish_level household_role referral_source "
        "entity_kind".split()
    )
    #: fields only the program's own code writes
    _migrant_computed_scope_fields = ("case_office_ids", "is_followed", "anonymized_date")
    _migrant_partner_fields = ("id",)
    _migrant_sheet_sequence = 0
    # Contact and free-text fields of the person emptied by the anonymisation; the
    # gender, nationality and birth year stay for the statistics.
    _migrant_personal_fields = tuple(
        "email phone mobile street street2 zip city state_id country_id vat website function "
        "title ref comment image_1920 arrival_date language_ids household_role "
        "referral_source vulnerability_ids needs_interpreter spanish_level".split()
    )

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
    nationality_id = fields.Many2one(
        "res.country", string="Nationality", index=True, groups=USER_GROUP
    )
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
        groups=USER_GROUP,
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

    # ------------------------------------------------------------------ computes
    def _compute_case_count(self):
        counts = dict(
            self.env["migrant.case"]
            .with_context(active_test=False)
            ._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.case_count = counts.get(partner, 0)

    def _compute_legal_summary(self):
        """One line every technician may read: current permit, valid until, may work
        (the procedure details stay for the legal group)."""
        summaries = self.env["migrant.permit"].sudo()._migrant_legal_summaries(self)
        for partner in self:
            summary, valid_until, may_work = summaries[partner.id]
            partner.legal_summary = summary
            partner.legal_valid_until = valid_until
            partner.legal_may_work = may_work

    # ------------------------------------------------------------------ constraints
    @api.constrains("name", "is_beneficiary")
    def _check_beneficiary_name(self):
        for partner in self.filtered("is_beneficiary"):
            name = (partner.name or "").strip()
            if not name:
                raise ValidationError(self.env._("A person needs a name."))
            if len(name) > MAX_NAME_LENGTH:
                raise ValidationError(
                    self.env._(
                        "A name of %(count)s characters is too long (at most %(max)s).",
                        count=len(name),
                        max=MAX_NAME_LENGTH,
                    )
                )
            if _CONTROL & set(name) or "\n" in name or "\r" in name:
                raise ValidationError(
                    self.env._("The name holds line breaks or invisible control characters.")
                )

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
                            date=format_date(self.env, partner.birthdate),
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
                            date=format_date(self.env, partner.birthdate),
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
                            arrival=format_date(self.env, partner.arrival_date),
                            birth=format_date(self.env, partner.birthdate),
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
            except identity.RuleError as exc:
                raise ValidationError(self.env._(exc.template, **exc.params)) from exc

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._migrant_check_scope_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._migrant_check_scope_vals(vals)
            if (
                "is_beneficiary" in vals
                and not vals["is_beneficiary"]
                and self.filtered("is_beneficiary")
                and not self.env.user.has_group(MANAGER_GROUP)
            ):
                raise AccessError(
                    self.env._(
                        "Only a coordinator may take a person out of the program: their "
                        "file would become visible to every user."
                    )
                )
            if self.filtered(lambda p: p.sudo().anonymized_date) and not (
                set(vals) <= {"active", "message_follower_ids"}
            ):
                raise UserError(
                    self.env._("An anonymised person cannot be changed: nothing is left to edit.")
                )
        return super().write(vals)

    @api.model
    def _migrant_check_scope_vals(self, vals):
        """Who follows a person, and whether they were anonymised, is a fact."""
        forbidden = set(self._migrant_computed_scope_fields) & set(vals)
        if forbidden:
            raise AccessError(
                self.env._(
                    "%(fields)s cannot be written: the offices following a person come from "
                    "their case files.",
                    fields=", ".join(
                        self._fields[f]._description_string(self.env) for f in sorted(forbidden)
                    ),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_program_people(self):
        people = self.filtered("is_beneficiary")
        if not people or self.env.su:
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(
                self.env._(
                    "Only a coordinator may delete a person of the program. Archive the "
                    "person instead, or ask a coordinator to merge duplicates."
                )
            )
        served = (
            self.env["migrant.intervention.person"]
            .sudo()
            .search_count([("partner_id", "in", people.ids)], limit=1)
        )
        if served or people.sudo().with_context(active_test=False).case_ids:
            raise UserError(
                self.env._(
                    "%(people)s have case files, which keep the history of the attention "
                    "given: archive or anonymise them instead of deleting them.",
                    people=", ".join(people.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------ subject access
    @api.model
    def _migrant_subject_access_sheet(self, partner):
        partner = partner.with_env(self.env)
        address = ", ".join(
            filter(None, [partner.street, partner.street2, partner.zip, partner.city])
        )
        return (
            self.env._("Person"),
            [self.env._("Field"), self.env._("Value")],
            [
                (self.env._("Name"), partner.name),
                (self.env._("Gender"), partner._migrant_label("gender")),
                (self.env._("Birthdate"), partner.birthdate),
                (self.env._("Nationality"), partner.nationality_id.name),
                (self.env._("Arrival in Spain"), partner.arrival_date),
                (self.env._("Mobile"), partner.mobile),
                (self.env._("Phone"), partner.phone),
                (self.env._("Email"), partner.email),
                (self.env._("Address"), address),
                (self.env._("Spoken languages"), ", ".join(partner.language_ids.mapped("name"))),
                (self.env._("Level of Spanish"), partner._migrant_label("spanish_level")),
                (self.env._("Household"), partner.household_id.name),
                (
                    self.env._("Vulnerabilities"),
                    ", ".join(partner.vulnerability_ids.mapped("name")),
                ),
                (self.env._("Notes"), partner.comment),
                (self.env._("Legal status"), partner.legal_summary),
            ],
        )

    def _migrant_anonymize(self):
        """Remove every personal datum of these people, keep what the statistics count
        (the work of the anonymisation wizard)."""
        return self.env["res.partner.anonymize"]._migrant_anonymize_people(self)

    def _migrant_anonymous_name(self):
        self.ensure_one()
        return self.env._("Anonymised person %(number)s", number=self.id)

    # ------------------------------------------------------------------ actions
    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "migrant_integration.migrant_case_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_migrant_subject_access_export(self):
        """Download everything held about this person as a spreadsheet."""
        self.ensure_one()
        return (
            self.env["migrant.subject.access.export"]
            .create({"partner_id": self.id})
            .action_export()
        )

    def action_migrant_anonymize(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Anonymise"),
            "res_model": "res.partner.anonymize",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

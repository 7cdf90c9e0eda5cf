from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ADULT_AGE = 18


class MigrantHousehold(models.Model):
    _name = "migrant.household"
    _description = "Household"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "migrant.office.scoped",
        "migrant.personal.data",
    ]
    _order = "name, id"
    _check_company_auto = True

    _migrant_office_paths = ("office_id", "case_office_ids")
    _migrant_unfollowed_path = "is_followed"
    _migrant_partner_fields = ("member_ids",)
    _migrant_personal_fields = ("name", "note", "municipality")

    name = fields.Char(required=True, tracking=True, help="Usually the family name(s).")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    member_ids = fields.One2many("res.partner", "household_id", string="Members")
    head_id = fields.Many2one(
        "res.partner",
        string="Head of Household",
        tracking=True,
        domain="[('household_id', '=', id)]",
    )
    member_count = fields.Integer(string="Number of Members", compute="_compute_counts")
    minor_count = fields.Integer(
        string="Number of Minors", compute="_compute_counts", help="Members under 18 today."
    )
    municipality = fields.Char(tracking=True)
    state_id = fields.Many2one(
        "res.country.state", string="Province", domain="[('country_id.code', '=', 'ES')]"
    )
    housing_situation = fields.Selection(
        [
            ("own", "Owned"),
            ("rented", "Rented"),
            ("room", "Rented room"),
            ("shared", "Shared with other families"),
            ("relatives", "With relatives or friends"),
            ("shelter", "Shelter or reception centre"),
            ("precarious", "Precarious or overcrowded"),
            ("street", "No home (street)"),
            ("other", "Other"),
        ],
        tracking=True,
    )
    case_ids = fields.One2many("migrant.case", "household_id", string="Case Files")
    office_id = fields.Many2one(
        "migrant.office",
        string="Registered At",
        compute="_compute_office_id",
        store=True,
        precompute=True,
        index=True,
        check_company=True,
        help="The office that registered the household.",
    )
    case_office_ids = fields.Many2many(
        "migrant.office",
        "migrant_household_case_office_rel",
        "household_id",
        "office_id",
        string="Offices Following",
        compute="_compute_case_office_ids",
        store=True,
    )
    is_followed = fields.Boolean(
        string="Followed by an Office", compute="_compute_case_office_ids", store=True, index=True
    )
    note = fields.Html()

    @api.depends("member_ids.birthdate")
    def _compute_counts(self):
        adult_birthdate = fields.Date.context_today(self) - relativedelta(years=ADULT_AGE)
        for household in self:
            members = household.member_ids
            household.member_count = len(members)
            household.minor_count = len(
                members.filtered(lambda m: m.birthdate and m.birthdate > adult_birthdate)
            )

    def _compute_office_id(self):
        for household in self:
            if not household.office_id:
                household.office_id = self.env.user.migrant_office_ids[:1]

    @api.depends("case_ids.office_id", "case_ids.active")
    def _compute_case_office_ids(self):
        offices = self.env["migrant.case"]._offices_following("household_id", self)
        for household in self:
            household.case_office_ids = offices.get(household.id, self.env["migrant.office"])
            household.is_followed = bool(household.case_office_ids)

    @api.constrains("head_id", "member_ids")
    def _check_head_is_member(self):
        for household in self:
            if household.head_id and household.head_id.household_id != household:
                raise ValidationError(
                    self.env._(
                        "%(person)s cannot head the household %(household)s without being "
                        "one of its members.",
                        person=household.head_id.display_name,
                        household=household.name,
                    )
                )

    # ------------------------------------------------------------------ personal data
    def _migrant_anonymize_records(self, partner):
        """The family's name and notes go when its last member is anonymised."""
        for household in self:
            others = household.member_ids - partner
            if all(others.mapped("anonymized_date")):
                household.write(
                    {
                        "name": self.env._("Anonymised household %(number)s", number=household.id),
                        "note": False,
                        "municipality": False,
                    }
                )

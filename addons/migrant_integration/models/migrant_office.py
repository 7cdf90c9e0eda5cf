from odoo import api, fields, models


class MigrantOffice(models.Model):
    _name = "migrant.office"
    _description = "Migrant Office"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code of the office, shown in lists and reports.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Address",
        check_company=True,
        help="The office's address and public contact data.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "migrant_office_res_users_rel",
        "office_id",
        "user_id",
        string="Staff",
        help="The people who work in this office; they see its case files.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        check_company=True,
        compute="_compute_resource_calendar_id",
        store=True,
        readonly=False,
        help="Working days and public holidays used to count legal deadlines " "in business days.",
    )
    opening_notes = fields.Text(help="Opening hours and anything visitors should know.")
    staff_count = fields.Integer(compute="_compute_staff_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Another office of this organisation already uses this code.",
        ),
    ]

    @api.depends("company_id")
    def _compute_resource_calendar_id(self):
        for office in self:
            calendar_company = office.resource_calendar_id.company_id
            if not office.resource_calendar_id or (
                calendar_company and calendar_company != office.company_id
            ):
                office.resource_calendar_id = office.company_id.resource_calendar_id

    def _compute_staff_count(self):
        for office in self:
            office.staff_count = len(office.user_ids)

    @api.model_create_multi
    def create(self, vals_list):
        offices = super().create(vals_list)
        if any(vals.get("user_ids") for vals in vals_list):
            self.env.registry.clear_cache()  # the record rules read the staff's offices
        return offices

    def write(self, vals):
        result = super().write(vals)
        if "user_ids" in vals:
            self.env.registry.clear_cache()  # the record rules read the staff's offices
        return result

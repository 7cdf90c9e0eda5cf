from odoo import fields, models


class MigrantCaseAccessLog(models.Model):
    _name = "migrant.case.access.log"
    _description = "Case File Access"
    _order = "date desc, id desc"
    _log_access = False

    case_id = fields.Many2one(
        "migrant.case", required=True, index=True, ondelete="cascade", readonly=True
    )
    user_id = fields.Many2one("res.users", required=True, index=True, readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)

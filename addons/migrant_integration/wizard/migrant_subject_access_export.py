from odoo import fields, models


class MigrantSubjectAccessExport(models.TransientModel):
    """The spreadsheet of a subject access request, kept only until downloaded
    (transient records are vacuumed; only their creator may read them)."""

    _name = "migrant.subject.access.export"
    _description = "Personal Data Export"

    partner_id = fields.Many2one("res.partner", string="Person", required=True)
    data = fields.Binary(string="File", attachment=False, readonly=True)
    filename = fields.Char()

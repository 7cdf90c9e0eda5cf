import base64

from odoo import fields, models

from ..tools import workbook


class MigrantSubjectAccessExport(models.TransientModel):
    """The spreadsheet of a subject access request: everything held about a person
    that the user may read, one sheet per model holding data about people
    (``migrant.personal.data``). Only its author and the coordinators may read it
    (record rules), also when downloading it."""

    _name = "migrant.subject.access.export"
    _inherit = ["migrant.personal.data"]
    _description = "Personal Data Export"
    _rec_name = "filename"

    # the workbook of a person is their data: it goes when they are anonymised
    _migrant_anonymize_unlinks = True

    partner_id = fields.Many2one("res.partner", string="Person", required=True)
    data = fields.Binary(string="File", attachment=False, readonly=True)
    filename = fields.Char()

    def _migrant_sheets(self):
        self.ensure_one()
        partner = self.partner_id
        partner.check_access("read")
        sheets = []
        Mixin = self.env["migrant.personal.data"]
        for model_name in Mixin._migrant_personal_models():
            sheet = self.env[model_name]._migrant_subject_access_sheet(partner)
            if sheet:
                sheets.append(sheet)
        return sheets

    def action_export(self):
        """Write the workbook, note the export in the person's history, download it."""
        self.ensure_one()
        content = workbook.build_workbook(self._migrant_sheets())
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": self.env._(
                    "personal-data-%(number)s-%(date)s.xlsx",
                    number=self.partner_id.id,
                    date=fields.Date.context_today(self),
                ),
            }
        )
        self.partner_id._message_log(
            body=self.env._("Personal data exported (subject access request).")
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
            "target": "self",
        }

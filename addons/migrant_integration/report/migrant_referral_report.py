from odoo import api, models


class ReportMigrantReferral(models.AbstractModel):
    """The printable referral form, for entities that do not use the system."""

    _name = "report.migrant_integration.report_migrant_referral"
    _description = "Referral Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["migrant.referral"].browse(docids)
        docs._migrant_check_printable()
        return {"doc_ids": docids, "doc_model": "migrant.referral", "docs": docs}

from odoo import api, fields, models


class RuralItineraryNew(models.TransientModel):
    _name = "rural.itinerary.new"
    _description = "New Rural Itinerary"

    household_id = fields.Many2one("migrant.household", required=True)
    case_id = fields.Many2one(
        "migrant.case", string="Case File", domain="[('household_id', '=', household_id)]"
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", required=True, default=lambda self: self.env.user
    )
    date_start = fields.Date(string="Start", required=True, default=fields.Date.context_today)

    @api.onchange("household_id")
    def _onchange_household_id(self):
        if self.household_id and self.case_id.household_id != self.household_id:
            self.case_id = self.env["migrant.case"].search(
                [("household_id", "=", self.household_id.id)], limit=1
            )

    def action_create(self):
        self.ensure_one()
        project = self.env["project.project"]._rural_create_itinerary(
            self.household_id, start_date=self.date_start, case=self.case_id, user=self.user_id
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.project",
            "res_id": project.id,
            "view_mode": "form",
            "views": [(self.env.ref("rural_itineraries.project_itinerary_view_form").id, "form")],
        }

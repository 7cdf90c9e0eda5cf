from odoo import api, fields, models

from ..tools import age


class MigrantInterventionPerson(models.Model):
    """A person served by an intervention, as it was on the day: the person of a
    case, or every member of the household of a household case. The age band is
    that of the day of the service. Written by the intervention itself, these lines
    keep past figures as they were when a child leaves a household, a birthday
    passes, or a person is anonymised (the birth year only is kept)."""

    _name = "migrant.intervention.person"
    _description = "Person Served"
    _inherit = ["migrant.office.scoped", "migrant.personal.data"]
    _order = "date desc, id desc"

    intervention_id = fields.Many2one(
        "migrant.intervention", required=True, index=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    age_band = fields.Selection(age.SELECTION, required=True, readonly=True)
    date = fields.Datetime(related="intervention_id.date", store=True, index=True)
    office_id = fields.Many2one(related="intervention_id.office_id", store=True, index=True)
    company_id = fields.Many2one(related="intervention_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "intervention_partner_uniq",
            "unique(intervention_id, partner_id)",
            "A person is served once by an intervention.",
        ),
    ]

    @api.depends("partner_id.name", "intervention_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " · ".join(
                filter(None, [line.partner_id.name, line.intervention_id.display_name])
            )

    @api.model
    def _migrant_sync(self, interventions):
        """Write the people served by these interventions, with their age band on the
        day (as superuser: nobody writes these lines by hand)."""
        interventions = interventions.sudo()
        existing = self.sudo().search([("intervention_id", "in", interventions.ids)])
        existing.unlink()
        values = []
        for intervention in interventions:
            case = intervention.case_id
            people = case.member_ids if case.client_kind == "household" else intervention.partner_id
            for person in people:
                values.append(
                    {
                        "intervention_id": intervention.id,
                        "partner_id": person.id,
                        "age_band": age.age_band(person.birthdate, intervention.date),
                    }
                )
        return self.sudo().create(values)

from odoo import api, models


class EventRegistration(models.Model):
    """A registration names the person: the name, email and phone typed when they
    registered are personal data; the event and state stay for the figures."""

    _name = "event.registration"
    _inherit = ["event.registration", "migrant.personal.data"]

    _migrant_personal_fields = ("name", "email", "phone")
    _migrant_sheet_sequence = 70

    def _migrant_anonymize_records(self, partner):
        self.write({"name": partner._migrant_anonymous_name(), "email": False, "phone": False})

    @api.model
    def _migrant_subject_access_sheet(self, partner):
        if not self.has_access("read"):
            return None
        return (
            self.env._("Workshops and courses"),
            [
                self.env._("Activity"),
                self.env._("Starts"),
                self.env._("Ends"),
                self.env._("Registered on"),
                self.env._("State"),
            ],
            [
                (
                    r.event_id.name,
                    r._migrant_local_datetime(r.event_id.date_begin),
                    r._migrant_local_datetime(r.event_id.date_end),
                    r._migrant_local_datetime(r.create_date),
                    r._migrant_label("state"),
                )
                for r in self.search([("partner_id", "=", partner.id)])
            ],
        )

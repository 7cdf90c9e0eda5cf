from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _migrant_anonymize_extra(self, records):
        """Registrations keep their event and state (attendance figures); the name,
        email and phone typed at registration go."""
        res = super()._migrant_anonymize_extra(records)
        registrations = (
            self.env["event.registration"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", self.id)])
        )
        registrations.write({"name": self.name, "email": False, "phone": False})
        records["event.registration"] = registrations
        return res

    def _migrant_subject_access_sheets(self):
        sheets = super()._migrant_subject_access_sheets()
        Registration = self.env["event.registration"]
        if not Registration.has_access("read"):
            return sheets
        registrations = Registration.search([("partner_id", "=", self.id)])
        sheets.append(
            (
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
                        self._migrant_local_datetime(r.event_id.date_begin),
                        self._migrant_local_datetime(r.event_id.date_end),
                        self._migrant_local_datetime(r.create_date),
                        r._fields["state"].convert_to_export(r.state, r),
                    )
                    for r in registrations
                ],
            )
        )
        return sheets

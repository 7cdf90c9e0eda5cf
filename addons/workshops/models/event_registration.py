from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.migrant_integration.tools import identity


class EventRegistration(models.Model):
    """A registration names the person: the name, email and phone typed when they
    registered are personal data; the event and state stay for the figures. In a
    course with sessions it has one attendance line per session."""

    _name = "event.registration"
    _inherit = ["event.registration", "migrant.personal.data"]

    _migrant_personal_fields = ("name", "email", "phone")
    _migrant_sheet_sequence = 70
    _migrant_sheet_fields = ("event_id", "create_date", "state", "attendance_rate")

    attendance_ids = fields.One2many("workshop.attendance", "registration_id")
    attendance_count = fields.Integer(compute="_compute_attendance", string="Sessions Attended")
    attendance_rate = fields.Float(
        compute="_compute_attendance",
        string="Attendance (%)",
        help="Sessions attended among the sessions held.",
    )
    is_certificate_eligible = fields.Boolean(
        compute="_compute_attendance",
        string="Certificate",
        help="Attended at least the event's share of the sessions held.",
    )

    def _migrant_sheet_title(self):
        return self.env._("Workshops and courses")

    def _compute_attendance(self):
        groups = self.env["workshop.attendance"]._read_group(
            [("registration_id", "in", self.ids), ("session_id.state", "=", "done")],
            ["registration_id", "state"],
            ["__count"],
        )
        held, present = {}, {}
        for registration, state, count in groups:
            held[registration.id] = held.get(registration.id, 0) + count
            if state == "present":
                present[registration.id] = count
        for registration in self:
            total = held.get(registration.id, 0)
            registration.attendance_count = present.get(registration.id, 0)
            registration.attendance_rate = (
                100.0 * registration.attendance_count / total if total else 0.0
            )
            registration.is_certificate_eligible = bool(total) and (
                registration.attendance_rate >= registration.event_id.min_attendance_rate
            )

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        for event in registrations.event_id:
            event.sudo().session_ids._workshop_add_attendance(
                registrations.filtered(lambda r, e=event: r.event_id == e)
            )
        return registrations

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") and vals["state"] != "cancel":
            for registration in self:
                registration.event_id.sudo().session_ids._workshop_add_attendance(registration)
        return result

    def _migrant_anonymize_records(self, partner):
        self.write({"name": partner._migrant_anonymous_name(), "email": False, "phone": False})

    # ----------------------------------------------------------------- route
    def action_refer_to_technician(self):
        """The route from workshops to a technician: open (or use) the person's case
        file in the event's office, record the referral as an intervention, and plan
        a to-do for the technician who follows the case."""
        cases = self.env["migrant.case"]
        for registration in self:
            event = registration.event_id
            if not event.office_id:
                raise UserError(
                    self.env._("%(event)s has no office to refer to.", event=event.name)
                )
            if not registration.partner_id:
                raise UserError(
                    self.env._(
                        "The registration of %(name)s names no person.", name=registration.name
                    )
                )
            case = self.env["migrant.case"].search(
                [
                    ("partner_id", "=", registration.partner_id.id),
                    ("office_id", "=", event.office_id.id),
                    ("is_closed", "=", False),
                ],
                limit=1,
            ) or self.env["migrant.case"].create(
                {"partner_id": registration.partner_id.id, "office_id": event.office_id.id}
            )
            area = event.area_id or self.env.ref("migrant_integration.area_social")
            self.env["migrant.intervention"].create(
                {
                    "case_id": case.id,
                    "partner_id": registration.partner_id.id,
                    "area_id": area.id,
                    "intervention_type": "referral",
                    "summary": self.env._("Referred from %(event)s", event=event.name),
                }
            )
            technician = case.user_id or event.office_id.user_ids[:1] or self.env.user
            case.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Referred from %(event)s", event=event.name),
                user_id=technician.id,
            )
            cases |= case
        if len(cases) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "migrant.case",
                "res_id": cases.id,
                "view_mode": "form",
            }
        return True

    def action_print_certificate(self):
        not_eligible = self.filtered(lambda r: not r.is_certificate_eligible)
        if not_eligible:
            raise UserError(
                self.env._(
                    "%(names)s did not attend enough sessions for the certificate.",
                    names=", ".join(not_eligible.mapped("name")),
                )
            )
        return self.env.ref("workshops.action_report_workshop_certificate").report_action(self)

    # --------------------------------------------------------------- walk-in
    @api.model
    def workshop_walk_in(
        self,
        session_id,
        name,
        phone=None,
        document=None,
        gender=None,
        nationality_code=None,
        birth_year=None,
    ):
        """Register a person who came without registering and mark them present.

        The person is first looked up on the server by document and phone (the one
        look-up of migrant_integration); the answer says only whether someone was
        found and the name, never more of a person the user may not read."""
        session = self.env["workshop.session"].browse(int(session_id)).exists()
        if not session:
            raise UserError(self.env._("This session no longer exists."))
        session.check_access("read")
        self.check_access("create")
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Give the name of the person."))
        year = int(birth_year) if birth_year else None
        if not (phone or document or year):
            raise UserError(
                self.env._("Give a phone, a document number or the year of birth of the person.")
            )
        this_year = fields.Date.context_today(self).year
        if year and not this_year - 120 <= year <= this_year:
            raise UserError(self.env._("The year of birth %(year)s is not valid.", year=year))
        Partner = self.env["res.partner"].sudo()
        match = Partner._migrant_find_person(document=document, phone_number=phone)
        person = match.partners[:1]
        if not person:
            values = {"name": name, "is_beneficiary": True, "mobile": phone or False}
            if gender:
                values["gender"] = gender
            if nationality_code:
                country = self.env["res.country"].search([("code", "=", nationality_code.upper())])
                values["nationality_id"] = country[:1].id
            if year:
                values.update(birthdate=f"{year}-01-01", birthdate_is_estimate=True)
            person = Partner.create(values)
            if document:
                self.env["migrant.identity.document"].sudo().create(
                    {
                        "partner_id": person.id,
                        "document_type": identity.spanish_type(document) or "other",
                        "number": document,
                    }
                )
        registration = self.sudo().search(
            [
                ("event_id", "=", session.event_id.id),
                ("partner_id", "=", person.id),
                ("state", "!=", "cancel"),
            ],
            limit=1,
        ) or self.sudo().create(
            {
                "event_id": session.event_id.id,
                "partner_id": person.id,
                "name": person.name if match.partners else name,
                "phone": phone or False,
            }
        )
        line = self.env["workshop.attendance"].search(
            [("session_id", "=", session.id), ("registration_id", "=", registration.id)]
        )
        result = line.workshop_mark("present")
        return {
            "found": bool(match.partners),
            "name": registration.name,
            "attendance_id": line.id,
            "already": result["already"],
        }

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class WorkshopAttendance(models.Model):
    """Whether a registered person came to a session: one line per session and
    registration (a database constraint), checked in by a volunteer or the
    teacher, who and when recorded."""

    _name = "workshop.attendance"
    _inherit = ["migrant.office.scoped", "migrant.personal.data"]
    _description = "Attendance"
    _order = "session_id, id"
    _migrant_partner_fields = ("partner_id",)
    _migrant_sheet_fields = ("session_id", "state", "checked_at")
    _migrant_sheet_sequence = 75
    _migrant_action_fields = ("checked_by_id", "checked_at")

    session_id = fields.Many2one(
        "workshop.session", required=True, index=True, ondelete="cascade", readonly=True
    )
    registration_id = fields.Many2one(
        "event.registration", required=True, index=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Person", index=True, readonly=True)
    event_id = fields.Many2one("event.event", index=True, readonly=True)
    office_id = fields.Many2one("migrant.office", index=True, readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    date = fields.Datetime(related="session_id.date_begin", string="Session Date")
    name = fields.Char(related="registration_id.name", string="Attendee")
    state = fields.Selection(
        [("present", "Present"), ("absent", "Absent"), ("excused", "Excused")],
        default="absent",
        required=True,
    )
    checked_by_id = fields.Many2one("res.users", string="Checked In By", readonly=True)
    checked_at = fields.Datetime(string="Checked In At", readonly=True)

    _sql_constraints = [
        (
            "session_registration_uniq",
            "unique(session_id, registration_id)",
            "A person has one attendance line per session.",
        ),
    ]

    @api.depends("name", "session_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " · ".join(filter(None, [line.name, line.session_id.name]))

    @api.model_create_multi
    def create(self, vals_list):
        Registration = self.env["event.registration"]
        Session = self.env["workshop.session"]
        for vals in vals_list:
            session = Session.browse(vals.get("session_id"))
            registration = Registration.browse(vals.get("registration_id"))
            self._workshop_check_open(session, registration)
            vals.update(
                partner_id=registration.partner_id.id,
                event_id=session.event_id.id,
                office_id=session.office_id.id,
                company_id=session.company_id.id,
            )
        return super().create(vals_list)

    def _workshop_check_open(self, session, registration):
        if session.event_id != registration.event_id:
            raise ValidationError(
                self.env._(
                    "%(name)s is not registered in %(event)s.",
                    name=registration.name,
                    event=session.event_id.name,
                )
            )
        if session.state == "cancelled":
            raise UserError(
                self.env._(
                    "The session %(session)s was cancelled: nobody attends it.",
                    session=session.name,
                )
            )
        if registration.state == "cancel":
            raise UserError(
                self.env._("The registration of %(name)s was cancelled.", name=registration.name)
            )

    def write(self, vals):
        if "state" in vals:
            for line in self:
                self._workshop_check_open(line.session_id, line.registration_id)
        return super().write(vals)

    def workshop_mark(self, state="present"):
        """Record the state of these lines now, by the current user.

        Marking a line already in that state changes nothing and says so
        (``{"already": True}``): when two volunteers tap the same person at the same
        moment, the second is told the person is already marked."""
        self.ensure_one()
        if state not in dict(self._fields["state"].selection):
            raise UserError(self.env._("Unknown attendance state: %(state)s.", state=state))
        self.check_access("write")
        self._workshop_check_open(self.session_id, self.registration_id)
        self.flush_recordset()
        rows = self.env.execute_query(
            SQL(
                """
                UPDATE workshop_attendance
                   SET state = %(state)s, checked_by_id = %(uid)s,
                       checked_at = now() at time zone 'UTC',
                       write_uid = %(uid)s, write_date = now() at time zone 'UTC'
                 WHERE id = %(id)s AND state != %(state)s
             RETURNING id
                """,
                state=state,
                uid=self.env.uid,
                id=self.id,
            )
        )
        self.invalidate_recordset()
        return {"id": self.id, "state": state, "already": not rows}

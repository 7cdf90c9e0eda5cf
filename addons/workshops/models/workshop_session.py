from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class WorkshopSession(models.Model):
    """One session of a course or workshop, with the attendance of each person
    registered (one line per registration, made when the session or the
    registration is created)."""

    _name = "workshop.session"
    _inherit = ["migrant.office.scoped"]
    _description = "Workshop Session"
    _order = "date_begin, id"
    _check_company_auto = True
    _migrant_action_fields = ("state",)

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    event_id = fields.Many2one(
        "event.event",
        string="Event",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    office_id = fields.Many2one(related="event_id.office_id", store=True, index=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    date_begin = fields.Datetime(string="Start", required=True)
    date_end = fields.Datetime(string="End", required=True)
    facilitator_id = fields.Many2one(
        "res.partner",
        string="Facilitator",
        help="Teacher, technician or external trainer leading this session.",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
    )
    note = fields.Text()
    attendance_ids = fields.One2many("workshop.attendance", "session_id", string="Attendance")
    present_count = fields.Integer(compute="_compute_present_count", string="Present")

    @api.depends("event_id.name", "date_begin")
    def _compute_name(self):
        for session in self:
            if session.event_id and session.date_begin:
                day = fields.Date.to_string(session.date_begin.date())
                session.name = f"{session.event_id.name} - {day}"
            else:
                session.name = session.event_id.name or False

    def _compute_present_count(self):
        counts = dict(
            self.env["workshop.attendance"]._read_group(
                [("session_id", "in", self.ids), ("state", "=", "present")],
                ["session_id"],
                ["__count"],
            )
        )
        for session in self:
            session.present_count = counts.get(session, 0)

    @api.constrains("date_begin", "date_end", "event_id")
    def _check_dates(self):
        for session in self:
            if session.date_end <= session.date_begin:
                raise ValidationError(
                    self.env._(
                        "The session '%(name)s' must end after it starts.",
                        name=session.display_name,
                    )
                )
            event = session.event_id
            if session.date_begin < event.date_begin or session.date_end > event.date_end:
                raise ValidationError(
                    self.env._(
                        "The session '%(name)s' falls outside the dates of %(event)s.",
                        name=session.display_name,
                        event=event.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        sessions._workshop_add_attendance()
        return sessions

    def _workshop_add_attendance(self, registrations=None):
        """The attendance lines (absent until checked in) of these sessions for the
        registrations of their events (or only ``registrations``) that lack one: one
        INSERT, whatever the number of lines."""
        if not self:
            return
        self.env["workshop.attendance"].flush_model()
        self.env["event.registration"].flush_model(["event_id", "state", "partner_id"])
        only = SQL("AND registration.id = ANY(%s)", registrations.ids) if registrations else SQL()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO workshop_attendance (session_id, registration_id, partner_id,
                                                 event_id, office_id, company_id, state,
                                                 create_uid, create_date, write_uid,
                                                 write_date)
                SELECT session.id, registration.id, registration.partner_id, session.event_id,
                       session.office_id, session.company_id, 'absent',
                       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM workshop_session session
                  JOIN event_registration registration
                    ON registration.event_id = session.event_id
                   AND registration.state != 'cancel'
                 WHERE session.id = ANY(%(sessions)s) AND session.state != 'cancelled' %(only)s
                ON CONFLICT (session_id, registration_id) DO NOTHING
                """,
                uid=self.env.uid,
                sessions=self.ids,
                only=only,
            )
        )
        self.env["workshop.attendance"].invalidate_model()
        self.invalidate_recordset(["attendance_ids"])

    def action_mark_held(self):
        self._migrant_check_state(("planned",), self.env._("marked as held"))
        self._migrant_action_write({"state": "done"})

    def action_cancel(self):
        self._migrant_check_state(("planned",), self.env._("cancelled"))
        self._migrant_action_write({"state": "cancelled"})

    # ------------------------------------------------------------ check-in
    @api.model
    def workshop_checkin_sessions(self):
        """Today's sessions (and one-day events without sessions) the user may check in."""
        today = fields.Date.context_today(self)
        start = fields.Datetime.to_datetime(today)
        stop = fields.Datetime.add(start, days=1)
        sessions = self.search(
            [("date_begin", "<", stop), ("date_end", ">=", start), ("state", "!=", "cancelled")]
        )
        return [
            {
                "id": session.id,
                "name": session.event_id.name,
                "start": fields.Datetime.to_string(session.date_begin),
                "kind": session.event_id.activity_kind or "",
            }
            for session in sessions
        ]

    def workshop_checkin_data(self):
        """The expected attendees of the session: name, state and the registration's
        phone (what the volunteer may see), in a constant number of queries."""
        self.ensure_one()
        self.check_access("read")
        Attendance = self.env["workshop.attendance"]
        lines = Attendance.search_fetch(
            [("session_id", "=", self.id)], ["state", "registration_id"], order="id"
        )
        lines.registration_id.fetch(["name", "phone"])
        return {
            "session": {
                "id": self.id,
                "name": self.event_id.name,
                "start": fields.Datetime.to_string(self.date_begin),
            },
            "attendees": [
                {
                    "id": line.id,
                    "name": line.registration_id.name,
                    "phone": line.registration_id.phone or "",
                    "state": line.state,
                }
                for line in lines
            ],
        }

    def workshop_checkin_search(self, query):
        """The attendance lines of this session whose person matches ``query`` as typed
        at the door: part of the name, the phone, or a document number (looked up on
        the server; the answer is only which lines match)."""
        self.ensure_one()
        self.check_access("read")
        query = (query or "").strip()
        if not query:
            return []
        Attendance = self.env["workshop.attendance"]
        lines = Attendance.search(
            [
                ("session_id", "=", self.id),
                "|",
                ("registration_id.name", "ilike", query),
                ("registration_id.phone", "ilike", query),
            ]
        )
        match = (
            self.env["res.partner"].sudo()._migrant_find_person(document=query, phone_number=query)
        )
        if match.partners:
            lines |= Attendance.search(
                [("session_id", "=", self.id), ("partner_id", "in", match.partners.ids)]
            )
        return lines.ids

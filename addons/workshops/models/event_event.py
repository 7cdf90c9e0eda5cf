from odoo import api, fields, models
from odoo.exceptions import ValidationError

CEFR_LEVELS = [(level, level) for level in ("A1", "A2", "B1", "B2", "C1", "C2")]


class EventEvent(models.Model):
    """A course, workshop or awareness event of the program: an Odoo event with the
    program's fields, run by an office (its technicians manage it, the
    coordinators all). Events without ``activity_kind`` are the database's other
    events and stay out of the program's menus."""

    _name = "event.event"
    _inherit = ["event.event", "migrant.office.scoped"]

    activity_kind = fields.Selection(
        [
            ("course", "Language course"),
            ("workshop", "Workshop"),
            ("awareness", "Awareness event"),
        ],
        string="Kind of Activity",
        index=True,
        compute="_compute_from_event_type",
        store=True,
        readonly=False,
    )
    area_id = fields.Many2one(
        "migrant.area",
        string="Area",
        compute="_compute_from_event_type",
        store=True,
        readonly=False,
    )
    office_id = fields.Many2one("migrant.office", string="Office", index=True)
    target_audience = fields.Selection(
        [
            ("migrants", "Migrants"),
            ("host_society", "Host society"),
            ("everyone", "Everyone"),
            ("professionals", "Professionals"),
        ],
        default="migrants",
    )
    delivery_language_id = fields.Many2one("migrant.language", string="Taught In")
    cefr_level = fields.Selection(CEFR_LEVELS, string="CEFR Level")
    session_ids = fields.One2many("workshop.session", "event_id", string="Sessions")
    session_count = fields.Integer(compute="_compute_session_count")
    anonymous_attendance = fields.Integer(
        help="People who came to an open event without registering (head count)."
    )
    headcount_ids = fields.One2many("workshop.headcount", "event_id", string="Head Count")
    min_attendance_rate = fields.Float(
        string="Attendance for a Certificate (%)",
        default=75.0,
        help="Share of the sessions held a person must attend to get the certificate.",
    )
    attended_count = fields.Integer(
        string="Attended",
        compute="_compute_attendance_figures",
        help="Registrations present at least once.",
    )
    average_attendance_rate = fields.Float(
        string="Average Attendance (%)", compute="_compute_attendance_figures"
    )

    @api.depends("event_type_id")
    def _compute_from_event_type(self):
        for event in self:
            template = event.event_type_id
            if template.activity_kind:
                event.activity_kind = template.activity_kind
            if template.area_id:
                event.area_id = template.area_id

    def _compute_session_count(self):
        counts = dict(
            self.env["workshop.session"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.session_count = counts.get(event, 0)

    def _compute_attendance_figures(self):
        Registration = self.env["event.registration"]
        registrations = Registration.search(
            [("event_id", "in", self.ids), ("state", "!=", "cancel")]
        )
        for event in self:
            mine = registrations.filtered(lambda r, e=event: r.event_id == e)
            if event.session_ids:
                rates = mine.mapped("attendance_rate")
                event.attended_count = len(mine.filtered(lambda r: r.attendance_count))
                event.average_attendance_rate = sum(rates) / len(rates) if rates else 0.0
            else:
                event.attended_count = len(mine.filtered(lambda r: r.state == "done"))
                event.average_attendance_rate = 0.0

    @api.constrains("cefr_level", "activity_kind")
    def _check_cefr_level(self):
        for event in self:
            if event.cefr_level and event.activity_kind != "course":
                raise ValidationError(
                    self.env._(
                        "%(event)s: only a language course has a CEFR level.", event=event.name
                    )
                )

    @api.constrains("min_attendance_rate")
    def _check_min_attendance_rate(self):
        for event in self:
            if not 0 <= event.min_attendance_rate <= 100:
                raise ValidationError(
                    self.env._("The attendance for a certificate is a percentage (0 to 100).")
                )

    @api.constrains("anonymous_attendance", "headcount_ids")
    def _check_headcount(self):
        for event in self:
            if event.anonymous_attendance < 0:
                raise ValidationError(self.env._("A head count cannot be negative."))
            counted = sum(event.headcount_ids.mapped("count"))
            if event.headcount_ids and counted != event.anonymous_attendance:
                raise ValidationError(
                    self.env._(
                        "%(event)s: the head count lines add up to %(counted)s, not to the "
                        "%(total)s people who came without registering.",
                        event=event.name,
                        counted=counted,
                        total=event.anonymous_attendance,
                    )
                )

    def action_generate_sessions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan Sessions"),
            "res_model": "workshop.session.generate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

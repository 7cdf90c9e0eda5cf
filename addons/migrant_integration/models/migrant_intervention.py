from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

MANAGER_GROUP = "migrant_integration.group_migrant_manager"


class MigrantIntervention(models.Model):
    _name = "migrant.intervention"
    _description = "Intervention"
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "migrant.case",
        string="Case File",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        index=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Who was attended; in a household case, one of its members.",
    )
    office_id = fields.Many2one(related="case_id.office_id", store=True, index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    area_id = fields.Many2one("migrant.area", string="Area", required=True, index=True)
    intervention_type = fields.Selection(
        [
            ("information", "Information"),
            ("advice", "Advice"),
            ("accompaniment", "Accompaniment"),
            ("procedure", "Procedure"),
            ("referral", "Referral"),
            ("interpretation", "Interpretation"),
            ("assessment", "Assessment"),
            ("follow_up", "Follow-up"),
        ],
        string="Type",
        required=True,
        default="information",
        index=True,
    )
    channel = fields.Selection(
        [
            ("in_person", "In person"),
            ("phone", "Phone"),
            ("video", "Video call"),
            ("home_visit", "Home visit"),
            ("messaging", "Messaging"),
        ],
        required=True,
        default="in_person",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Professional",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    duration = fields.Float(help="Hours and minutes spent.")
    summary = fields.Char(help="One line everybody in the office may read.")
    note = fields.Text(
        compute="_compute_note",
        inverse="_inverse_note",
        help="Notes of a confidential intervention are shown only to their author "
        "and to coordinators.",
    )
    note_stored = fields.Text(groups="base.group_system", copy=False)
    is_confidential = fields.Boolean(string="Confidential")
    interpreter_used = fields.Boolean()
    can_read_note = fields.Boolean(compute="_compute_note")

    @api.depends("case_id")
    def _compute_partner_id(self):
        for intervention in self:
            if not intervention.partner_id or intervention.partner_id not in (
                intervention.case_id.member_ids
            ):
                intervention.partner_id = intervention.case_id.partner_id

    def _may_read_note(self):
        """Whether the current user may read this intervention's note."""
        self.ensure_one()
        return (
            not self.is_confidential
            or self.env.su
            or self.user_id == self.env.user
            or self.env.user.has_group(MANAGER_GROUP)
        )

    @api.depends("is_confidential", "user_id")
    @api.depends_context("uid")
    def _compute_note(self):
        stored = {rec.id: rec.note_stored for rec in self.sudo() if rec.id}
        for intervention in self:
            allowed = intervention._may_read_note()
            intervention.can_read_note = allowed
            intervention.note = stored.get(intervention.id) if allowed else False

    def _inverse_note(self):
        for intervention in self:
            if not intervention._may_read_note():
                raise AccessError(
                    self.env._(
                        "Only the author of a confidential intervention and the "
                        "coordinators may change its note."
                    )
                )
            intervention.sudo().note_stored = intervention.note

    @api.constrains("duration")
    def _check_duration(self):
        for intervention in self:
            if intervention.duration < 0 or intervention.duration > 24:
                raise ValidationError(
                    self.env._("The duration of an intervention must be between 0 and 24 hours.")
                )

    @api.constrains("partner_id", "case_id")
    def _check_partner_in_case(self):
        for intervention in self:
            if intervention.partner_id and intervention.partner_id not in (
                intervention.case_id.member_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(person)s is not served by the case %(case)s: choose the person of "
                        "the case or a member of its household.",
                        person=intervention.partner_id.display_name,
                        case=intervention.case_id.name,
                    )
                )

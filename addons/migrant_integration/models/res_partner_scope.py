from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

USER_GROUP = "migrant_integration.group_migrant_user"


class ResPartner(models.Model):
    """Which offices follow a person: those with a case file of the person or of
    their household. The technicians of those offices see the person (the record
    rule of technicians searches ``in_my_offices``)."""

    _inherit = "res.partner"

    case_office_ids = fields.Many2many(
        "migrant.office",
        "migrant_partner_case_office_rel",
        "partner_id",
        "office_id",
        string="Offices Following",
        compute="_compute_case_office_ids",
        store=True,
        groups=USER_GROUP,
        help="Offices with a case file of this person or of their household (archived "
        "ones included): the technicians of these offices see the person.",
    )
    is_followed = fields.Boolean(
        string="Followed by an Office",
        compute="_compute_case_office_ids",
        store=True,
        index=True,
        groups=USER_GROUP,
    )
    in_my_offices = fields.Boolean(
        string="Seen by My Offices",
        compute="_compute_in_my_offices",
        search="_search_in_my_offices",
        help="Not a participant, followed by none of the offices yet, or by one of mine: "
        "the people a technician sees (the record rule of technicians).",
    )

    @api.depends("case_ids.office_id", "case_ids.active", "household_id.case_office_ids")
    def _compute_case_office_ids(self):
        following = self._migrant_following_offices()
        Office = self.env["migrant.office"]
        for partner in self:
            partner.case_office_ids = following.get(partner.id, Office)
            partner.is_followed = bool(partner.case_office_ids)

    @api.depends_context("uid")
    def _compute_in_my_offices(self):
        mine = self.env.user.migrant_office_ids
        for partner in self.sudo():
            partner.with_env(self.env).in_my_offices = (
                not partner.is_beneficiary
                or not partner.is_followed
                or bool(partner.case_office_ids & mine)
            )

    def _search_in_my_offices(self, operator, value):
        """The rule of technicians, shaped to plan cheaply on large tables: the people
        of the user's offices as one uncorrelated sub-select on the indexed relation,
        read at query time (office changes count at once)."""
        office_ids = self.env.user.migrant_office_ids.ids
        mine = SQL(
            "(SELECT partner_id FROM migrant_partner_case_office_rel WHERE office_id = ANY(%s))",
            office_ids or [0],
        )
        return self._migrant_boolean_search(
            operator,
            value,
            [
                "|",
                "|",
                ("is_beneficiary", "=", False),
                ("is_followed", "=", False),
                ("id", "in", mine),
            ],
        )

    def _migrant_following_offices(self):
        """``{partner id: offices}`` of the office-bound records about these people:
        their case files and those of their household. Addons whose records make an
        office follow a person extend this (and the compute's dependencies)."""
        following = defaultdict(lambda: self.env["migrant.office"])
        for partner_id, offices in (
            self.env["migrant.case"]._offices_following("partner_id", self).items()
        ):
            following[partner_id] |= offices
        for partner in self.sudo():
            if partner.household_id:
                following[partner.id] |= partner.household_id.case_office_ids
        return following

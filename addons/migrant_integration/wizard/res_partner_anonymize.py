import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

MANAGER_GROUP = "migrant_integration.group_migrant_manager"
QUIET = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}


class ResPartnerAnonymize(models.TransientModel):
    """Anonymise people: the confirmation a coordinator gives, and the work itself,
    also done by the scheduled anonymisation of people whose files closed long ago."""

    _name = "res.partner.anonymize"
    _description = "Anonymise People"

    partner_ids = fields.Many2many(
        "res.partner", string="People", required=True, domain="[('is_beneficiary', '=', True)]"
    )
    partner_count = fields.Integer(string="Number of People", compute="_compute_partner_count")
    confirm = fields.Boolean(
        string="I understand that this cannot be undone",
        help="Names, documents, contact data, notes, messages, attachments and consents "
        "are removed for good; only the anonymous figures remain.",
    )

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    def action_anonymize(self):
        self.ensure_one()
        if not self.confirm:
            raise UserError(
                self.env._("Tick the box to confirm: the anonymisation cannot be undone.")
            )
        self.partner_ids._migrant_anonymize()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s person(s) anonymised.", count=len(self.partner_ids)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------ the work
    @api.model
    def _migrant_check_may_anonymize(self, partners):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(self.env._("Only coordinators may anonymise people."))
        open_cases = (
            self.env["migrant.case"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("is_closed", "=", False)])
        )
        if open_cases:
            people = open_cases.partner_id
            raise UserError(
                self.env._(
                    "%(people)s: an open case file (%(cases)s) still needs these data. "
                    "Close the case before anonymising.",
                    people=", ".join(people.mapped("display_name")),
                    cases=", ".join(open_cases.mapped("name")),
                )
            )
        if partners.sudo().user_ids:
            raise UserError(
                self.env._(
                    "%(people)s can log in: remove their user before anonymising.",
                    people=", ".join(partners.sudo().filtered("user_ids").mapped("display_name")),
                )
            )

    @api.model
    def _migrant_anonymize_people(self, partners):
        """Remove every personal datum of these people, keep what the statistics count.

        Each model holding data about people (``migrant.personal.data``) empties its
        personal fields or deletes its records; the person keeps gender, nationality
        and birth year. Messages, activities, followers and attachments of all those
        records go too. Refused for people with an open case file, and for anyone but
        a coordinator.
        """
        self._migrant_check_may_anonymize(partners)
        today = fields.Date.context_today(self)
        Mixin = self.env["migrant.personal.data"]
        models_in_order = [
            name for name in Mixin._migrant_personal_models() if name != "res.partner"
        ]
        for partner in partners.sudo().with_context(**QUIET):
            records = {}
            for model_name in models_in_order:
                found = self.env[model_name].with_context(**QUIET)._migrant_records_of(partner)
                records[model_name] = found
                if found:
                    found._migrant_anonymize_records(partner)
            old_name = partner.name
            birth_year = partner.birthdate.year if partner.birthdate else None
            values = partner._migrant_anonymize_values(partner)
            values.update(
                name=partner._migrant_anonymous_name(),
                birthdate=datetime.date(birth_year, 1, 1) if birth_year else False,
                birthdate_is_estimate=bool(birth_year),
                anonymized_date=today,
            )
            partner.write(values)
            partner.bank_ids.unlink()
            records["res.partner"] = partner
            self._migrant_erase_communication(partner, records)
            self._migrant_rename_in_tracking(partner, old_name)
        return True

    @api.model
    def _migrant_erase_communication(self, partner, records):
        """Messages, activities, followers and attachments of the person's records."""
        env = self.env(su=True)
        Message = env["mail.message"]
        Attachment = env["ir.attachment"]
        Activity = env["mail.activity"]
        for model, recs in records.items():
            ids = recs.exists().ids
            if not ids:
                continue
            res_domain = [("res_model", "=", model), ("res_id", "in", ids)]
            Attachment.search(res_domain).unlink()
            Activity.search(res_domain).unlink()
            Message.search([("model", "=", model), ("res_id", "in", ids)]).unlink()
        Message.search([("author_id", "=", partner.id)]).unlink()
        env["mail.followers"].search([("partner_id", "=", partner.id)]).unlink()

    @api.model
    def _migrant_rename_in_tracking(self, partner, old_name):
        """The old name stays in the tracked changes of other records (a household's
        head, a case's person): replace it there with the anonymised name."""
        if not old_name:
            return
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                UPDATE mail_tracking_value v
                   SET old_value_char = CASE WHEN v.old_value_integer = %(id)s
                                             THEN %(name)s ELSE v.old_value_char END,
                       new_value_char = CASE WHEN v.new_value_integer = %(id)s
                                             THEN %(name)s ELSE v.new_value_char END
                  FROM ir_model_fields f
                 WHERE f.id = v.field_id
                   AND f.relation = 'res.partner'
                   AND (v.old_value_integer = %(id)s OR v.new_value_integer = %(id)s)
                """,
                id=partner.id,
                name=partner.name,
            )
        )
        self.env["mail.tracking.value"].invalidate_model(["old_value_char", "new_value_char"])

    @api.model
    def _cron_anonymize(self, batch_size=200):
        """Anonymise the people whose last case closed more than N years ago
        (company setting; 0 disables it) and who have no open case.

        Works in batches: the scheduler runs it again at once while people remain.
        """
        people = self._migrant_due_for_anonymisation()
        batch = people[:batch_size]
        self.sudo()._migrant_anonymize_people(batch)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(people) - len(batch))
        return len(batch)

    @api.model
    def _migrant_due_for_anonymisation(self):
        Case = self.env["migrant.case"].sudo().with_context(active_test=False)
        today = fields.Date.context_today(self)
        due = self.env["res.partner"]
        for company in self.env["res.company"].search([("migrant_anonymize_after_years", ">", 0)]):
            cutoff = today - relativedelta(years=company.migrant_anonymize_after_years)
            candidates = Case.search(
                [
                    ("company_id", "=", company.id),
                    ("is_closed", "=", True),
                    ("close_date", "<", cutoff),
                    ("partner_id.anonymized_date", "=", False),
                ]
            ).partner_id
            if not candidates:
                continue
            recent = Case.search(
                [
                    ("partner_id", "in", candidates.ids),
                    "|",
                    ("is_closed", "=", False),
                    ("close_date", ">=", cutoff),
                ]
            ).partner_id
            due |= (candidates - recent).filtered(lambda p: not p.user_ids)
        return due

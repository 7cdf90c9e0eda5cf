from odoo import Command, api, fields, models
from odoo.osv import expression
from odoo.tools import html2plaintext


class MigrantPersonalData(models.AbstractModel):
    """A record holding data about a person.

    A model inheriting this mixin declares which fields name the person and which
    hold personal data; the rest (dates, offices, areas, states, amounts) stays for
    the statistics when the person is anonymised. It also writes its own sheet of
    the person's subject-access workbook. ``res.partner._migrant_anonymize()`` and
    the export wizard loop over every model using the mixin: no model knows
    another's fields.
    """

    _name = "migrant.personal.data"
    _description = "Data About a Person"

    #: fields (or paths) naming the person the record is about
    _migrant_partner_fields = ("partner_id",)
    #: fields emptied when the person is anonymised
    _migrant_personal_fields = ()
    #: True: the records themselves are personal data, deleted on anonymisation
    _migrant_anonymize_unlinks = False
    #: order of the sheet in the subject-access workbook
    _migrant_sheet_sequence = 50
    #: the columns of the sheet (their labels are the fields' own)
    _migrant_sheet_fields = ()

    @api.model
    def _migrant_personal_models(self):
        """The models using the mixin, in the order of their sheets."""
        names = [
            name
            for name in self.env.registry.descendants(["migrant.personal.data"], "_inherit")
            if name != "migrant.personal.data" and not self.env[name]._abstract
        ]
        return sorted(names, key=lambda name: (self.env[name]._migrant_sheet_sequence, name))

    @api.model
    def _migrant_person_domain(self, partners):
        return expression.OR(
            [[(fname, "in", partners.ids)] for fname in self._migrant_partner_fields]
        )

    @api.model
    def _migrant_records_of(self, partners):
        """Every record of this model about these people (as superuser, archived too)."""
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(self._migrant_person_domain(partners))
        )

    def _migrant_anonymize_values(self, partner):
        """What is written on these records when ``partner`` is anonymised."""
        return {
            fname: [Command.clear()] if self._fields[fname].type == "many2many" else False
            for fname in self._migrant_personal_fields
        }

    def _migrant_anonymize_records(self, partner):
        """Remove the personal data of these records (called as superuser)."""
        if self._migrant_anonymize_unlinks:
            self.unlink()
        elif self._migrant_personal_fields:
            self.write(self._migrant_anonymize_values(partner))

    @api.model
    def _migrant_sheet_title(self):
        return self._description

    @api.model
    def _migrant_subject_access_sheet(self, partner):
        """``(title, headers, rows)`` of this model for ``partner``, with only what the
        current user may read (archived records too), or ``None`` for no sheet."""
        fnames = self._migrant_sheet_fields
        if not fnames or not self.has_access("read"):
            return None
        records = self.with_context(active_test=False).search(self._migrant_person_domain(partner))
        return (
            self._migrant_sheet_title(),
            [self._fields[fname]._description_string(self.env) for fname in fnames],
            [tuple(record._migrant_cell(fname) for fname in fnames) for record in records],
        )

    def _migrant_cell(self, fname):
        """The value of a field as a spreadsheet shows it, in the user's language."""
        self.ensure_one()
        field, value = self._fields[fname], self[fname]
        if field.type == "selection":
            return self._migrant_label(fname)
        if field.type == "many2one":
            return value.display_name or None
        if field.type in ("many2many", "one2many"):
            return ", ".join(value.mapped("display_name")) or None
        if field.type == "html":
            return self._migrant_html_text(value)
        if field.type == "datetime":
            return self._migrant_local_datetime(value)
        if field.type == "boolean":
            return self._migrant_yes_no(value)
        return value if value is not False else None

    # ------------------------------------------------------------------ helpers
    def _migrant_label(self, fname):
        """The shown label of a selection value (in the user's language)."""
        self.ensure_one()
        return self._fields[fname].convert_to_export(self[fname], self) or None

    def _migrant_local_datetime(self, value):
        """A datetime in the user's time zone, as a spreadsheet shows it (no tz)."""
        if not value:
            return None
        return fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)

    def _migrant_yes_no(self, value):
        return self.env._("Yes") if value else self.env._("No")

    @api.model
    def _migrant_html_text(self, html):
        return html2plaintext(html) if html else None

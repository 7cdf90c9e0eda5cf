import datetime
import math

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

EARLIEST_DATE = datetime.date(1900, 1, 1)
YEARS_AHEAD = 10
MAX_CHAR_LENGTH = 1000
MAX_TEXT_LENGTH = 100_000
MAX_INTEGER = 2**31 - 1
# Control characters other than tab, line feed and carriage return.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}


class MigrantInputMixin(models.AbstractModel):
    """Values typed or imported are checked before they reach the database.

    Every value written to the record is checked against its field: dates between
    1900 and ten years ahead, finite numbers, texts without control characters and
    of a sensible length, selection values of the list, required fields given. The
    user gets a message saying which field is wrong, never a database error.
    """

    _name = "migrant.input.mixin"
    _description = "Checked Input"

    #: fields checked; ``None`` checks every field of the model
    _migrant_checked_fields = None

    @api.model
    def _migrant_date_window(self):
        today = fields.Date.context_today(self)
        return EARLIEST_DATE, today + relativedelta(years=YEARS_AHEAD)

    @api.model
    def _migrant_check_input(self, vals):
        """Raise a ValidationError naming the field when a value cannot be right."""
        checked = self._migrant_checked_fields
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or (checked is not None and fname not in checked):
                continue
            if value is False or value is None:
                if field.required and field.store and field.type != "boolean":
                    self._migrant_input_error(field, self.env._("it is required"))
                continue
            checker = getattr(self, f"_migrant_check_{field.type}", None)
            if checker:
                checker(field, value)

    def _migrant_input_error(self, field, reason):
        raise ValidationError(
            self.env._(
                "%(field)s: %(reason)s.",
                field=field._description_string(self.env),
                reason=reason,
            )
        )

    def _migrant_check_date(self, field, value):
        try:
            day = field.to_date(value) if field.type == "date" else field.to_datetime(value)
        except (TypeError, ValueError):
            self._migrant_input_error(
                field, self.env._("'%(value)s' is not a date of the calendar", value=value)
            )
        if isinstance(day, datetime.datetime):
            day = day.date()
        first, last = self._migrant_date_window()
        if not first <= day <= last:
            self._migrant_input_error(
                field,
                self.env._(
                    "%(date)s is not a plausible date (between %(first)s and %(last)s)",
                    date=day,
                    first=first.year,
                    last=last.year,
                ),
            )

    _migrant_check_datetime = _migrant_check_date

    def _migrant_check_float(self, field, value):
        try:
            number = float(value)
        except (TypeError, ValueError):
            self._migrant_input_error(field, self.env._("a number is expected"))
        if isinstance(value, bool) or not math.isfinite(number):
            self._migrant_input_error(field, self.env._("a finite number is expected"))

    _migrant_check_monetary = _migrant_check_float

    def _migrant_check_integer(self, field, value):
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            self._migrant_input_error(field, self.env._("a whole number is expected"))
        if isinstance(value, bool) or number != value or abs(number) > MAX_INTEGER:
            self._migrant_input_error(field, self.env._("the number is too large"))

    def _migrant_check_char(self, field, value):
        if not isinstance(value, str):
            self._migrant_input_error(field, self.env._("a text is expected"))
        limit = field.size or MAX_CHAR_LENGTH
        if len(value) > limit:
            self._migrant_input_error(
                field, self.env._("at most %(count)s characters", count=limit)
            )
        if _CONTROL & set(value) or "\n" in value or "\r" in value:
            self._migrant_input_error(
                field, self.env._("it holds line breaks or invisible control characters")
            )

    def _migrant_check_text(self, field, value):
        if not isinstance(value, str):
            self._migrant_input_error(field, self.env._("a text is expected"))
        if len(value) > MAX_TEXT_LENGTH:
            self._migrant_input_error(
                field, self.env._("at most %(count)s characters", count=MAX_TEXT_LENGTH)
            )
        if _CONTROL & set(value):
            self._migrant_input_error(field, self.env._("it holds invisible control characters"))

    _migrant_check_html = _migrant_check_text

    def _migrant_check_selection(self, field, value):
        if value not in field.get_values(self.env):
            self._migrant_input_error(
                field, self.env._("'%(value)s' is not one of the choices", value=value)
            )

    @api.model
    def _migrant_boolean_search(self, operator, value, true_domain):
        """The domain of a computed yes/no field searched with any operator Odoo's
        search sends (``=``/``!=`` a boolean, ``in``/``not in`` a list of them)."""
        if operator in ("=", "!="):
            values = [value]
        elif operator in ("in", "not in") and isinstance(value, list | tuple | set):
            values = list(value)
        else:
            raise UserError(
                self.env._("This field cannot be searched with '%(operator)s'.", operator=operator)
            )
        if any(v not in (True, False, None) for v in values):
            raise UserError(self.env._("Search this field with yes or no."))
        wanted = {bool(v) for v in values}
        if operator in ("!=", "not in"):
            wanted = {True, False} - wanted
        if wanted == {True, False}:
            return expression.TRUE_DOMAIN
        if not wanted:
            return expression.FALSE_DOMAIN
        if True in wanted:
            return true_domain
        return [("id", "not in", self._search(true_domain))]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._migrant_check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._migrant_check_input(vals)
        return super().write(vals)

    @api.model
    def _create(self, data_list):
        """Required columns are checked once defaults are applied, before the insert."""
        checked = self._migrant_checked_fields
        required = [
            field
            for field in self._fields.values()
            if (checked is None or field.name in checked)
            and field.required
            and field.store
            and field.column_type
            and not field.compute
            and field.type != "boolean"
        ]
        for data in data_list:
            for field in required:
                if data["stored"].get(field.name) in (None, False, ""):
                    self._migrant_input_error(field, self.env._("it is required"))
        return super()._create(data_list)

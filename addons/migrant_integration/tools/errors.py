"""The one error of the plain rules of the addon.

No Odoo import: tested by plain pytest. A rule that refuses a value raises
:class:`RuleError` with an English message template and its named parameters; the
Odoo layer shows it translated (``self.env._(exc.template, **exc.params)``). Templates
are marked with :func:`_lt` so that Odoo's extraction puts them in the translations.
"""
# pylint: disable=prefer-env-translation


def _lt(message):
    """Mark a message for translation (see the module docstring)."""
    return message


class RuleError(ValueError):
    """A value a rule refuses, with a message a person understands."""

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template % params)

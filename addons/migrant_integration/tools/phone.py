"""Phone numbers in E.164 with the phonenumbers library (default region Spain).

No Odoo import: tested by plain pytest. See tools/identity.py for ``_lt``.
"""
# pylint: disable=prefer-env-translation

import phonenumbers

DEFAULT_REGION = "ES"


def _lt(message):
    return message


class PhoneError(ValueError):
    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template % params)


def to_e164(number, region=DEFAULT_REGION):
    """``+34612345678`` for ``612 34 56 78``; foreign numbers need their +prefix
    (or 00) unless ``region`` is theirs. Raises PhoneError when it cannot be a number.
    """
    text = (number or "").strip()
    if not text:
        return False
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise PhoneError(
            _lt(
                "'%(number)s' cannot be a phone number. Write it with digits, and with its "
                "country prefix if it is not Spanish (e.g. +212 612 345 678)."
            ),
            number=text,
        ) from exc
    if not phonenumbers.is_possible_number(parsed) or not phonenumbers.is_valid_number(parsed):
        raise PhoneError(
            _lt(
                "'%(number)s' cannot be a phone number of %(country)s. Check the digits, "
                "and add the country prefix if it is foreign (e.g. +212 612 345 678)."
            ),
            number=text,
            country=phonenumbers.region_code_for_country_code(parsed.country_code) or "?",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

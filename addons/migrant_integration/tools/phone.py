"""Phone numbers in E.164 with the phonenumbers library (default region Spain).

No Odoo import: tested by plain pytest. Errors: see errors.py.
"""
# pylint: disable=prefer-env-translation

import phonenumbers

from .errors import RuleError, _lt

DEFAULT_REGION = "ES"


def to_e164(number, region=DEFAULT_REGION):
    """``+34612345678`` for ``612 34 56 78``; foreign numbers need their +prefix
    (or 00) unless ``region`` is theirs. Raises RuleError when it cannot be a number.
    """
    text = (number or "").strip()
    if not text:
        return False
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise RuleError(
            _lt(
                "'%(number)s' cannot be a phone number. Write it with digits, and with its "
                "country prefix if it is not Spanish (e.g. +212 612 345 678)."
            ),
            number=text,
        ) from exc
    if not phonenumbers.is_possible_number(parsed) or not phonenumbers.is_valid_number(parsed):
        raise RuleError(
            _lt(
                "'%(number)s' cannot be a phone number of %(country)s. Check the digits, "
                "and add the country prefix if it is foreign (e.g. +212 612 345 678)."
            ),
            number=text,
            country=phonenumbers.region_code_for_country_code(parsed.country_code) or "?",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

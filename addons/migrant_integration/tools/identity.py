"""Identity documents of people: validation and normalisation.

DNI and NIE numbers are checked with python-stdnum (``stdnum.es.dni``,
``stdnum.es.nie``) and stored in their compact form (``X-1234567-l`` -> ``X1234567L``).
Other documents (passports, TIE, asylum cards) are kept as typed, upper-cased and
without spaces or separators.

No Odoo import: tested by plain pytest. Messages are marked with ``_lt`` so that Odoo's
extraction puts them in the addon's translations; the Odoo layer translates them with
``self.env._`` before showing them (see errors.py).
"""
# pylint: disable=prefer-env-translation

import re

from stdnum.es import dni as stdnum_dni
from stdnum.es import nie as stdnum_nie
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from .errors import RuleError, _lt

DOCUMENT_TYPES = [
    ("dni", "DNI (Spanish ID card)"),
    ("nie", "NIE (foreigner identity number)"),
    ("tie", "TIE (foreigner identity card)"),
    ("passport", "Passport"),
    ("asylum_card", "Asylum seeker card"),
    ("other", "Other document"),
]
#: short names shown before a number ("NIE X1234567L"), translated by the Odoo layer
DOCUMENT_SHORT_NAMES = [
    ("dni", "DNI"),
    ("nie", "NIE"),
    ("tie", "TIE"),
    ("passport", _lt("Passport")),
    ("asylum_card", _lt("Asylum card")),
    ("other", _lt("Document")),
]
SPANISH_NUMBER_TYPES = ("dni", "nie", "tie")
MAX_LENGTH = 32
_SEPARATORS = re.compile(r"[\s\-./_]+")
_ALLOWED = re.compile(r"^[A-Z0-9]+$")
_DNI_SHAPE = re.compile(r"^\d{8}[A-Z]$")
_NIE_SHAPE = re.compile(r"^[XYZ]\d{7}[A-Z]$")


def compact(number):
    """Upper-case and drop spaces, dashes, dots and slashes."""
    return _SEPARATORS.sub("", str(number or "")).upper()


def _check_spanish(kind, number, module):
    """Validate a DNI or NIE with python-stdnum and explain what is wrong."""
    value = compact(number)
    label = kind.upper()
    shape = _DNI_SHAPE if kind == "dni" else _NIE_SHAPE
    try:
        if len(value) == 9 and not shape.match(value):
            raise InvalidFormat()
        return module.validate(value)
    except InvalidLength as exc:
        if kind == "dni":
            template = _lt(
                "The DNI '%(number)s' has %(length)s characters; a DNI has 9: "
                "8 digits and a letter."
            )
        else:
            template = _lt(
                "The NIE '%(number)s' has %(length)s characters; a NIE has 9: "
                "X, Y or Z, 7 digits and a letter."
            )
        raise RuleError(template, number=value, length=len(value)) from exc
    except InvalidChecksum as exc:
        body = value[1:-1] if kind == "nie" else value[:-1]
        if kind == "nie":
            body = str("XYZ".index(value[0])) + body
        right = stdnum_dni.calc_check_digit(body)
        raise RuleError(
            _lt(
                "The check letter of the %(label)s '%(number)s' is wrong: with these digits "
                "it must be %(letter)s. Check the number on the document."
            ),
            label=label,
            number=value,
            letter=right,
        ) from exc
    except (InvalidFormat, ValidationError) as exc:
        if kind == "dni":
            template = _lt(
                "The DNI '%(number)s' is not valid: a DNI is 8 digits followed by a "
                "letter, e.g. 12345678Z."
            )
        else:
            template = _lt(
                "The NIE '%(number)s' is not valid: a NIE starts with X, Y or Z, followed "
                "by 7 digits and a letter, e.g. X1234567L."
            )
        raise RuleError(template, number=value) from exc


def normalize_document(document_type, number):
    """The number to store for a document, or RuleError saying what is wrong."""
    if document_type not in dict(DOCUMENT_TYPES):
        raise RuleError(_lt("Unknown document type '%(type)s'."), type=document_type)
    value = compact(number)
    if not value:
        raise RuleError(_lt("The document number is empty."))
    if document_type == "dni":
        return _check_spanish("dni", value, stdnum_dni)
    if document_type in ("nie", "tie"):
        # A TIE carries the holder's NIE: the same number and rules.
        return _check_spanish("nie", value, stdnum_nie)
    if len(value) > MAX_LENGTH:
        raise RuleError(
            _lt("The document number '%(number)s' is too long (more than %(max)s characters)."),
            number=value[:MAX_LENGTH] + "...",
            max=MAX_LENGTH,
        )
    if not _ALLOWED.match(value):
        raise RuleError(
            _lt(
                "The document number '%(number)s' may only contain letters A-Z and digits "
                "(spaces and dashes are removed)."
            ),
            number=value,
        )
    return value


def normalize_entity_vat(value):
    """A Spanish NIF/CIF of an entity in compact form (``ES`` prefix allowed)."""
    from stdnum.es import nif as stdnum_nif

    text = compact(value)
    if text.startswith("ES"):
        text = text[2:]
    try:
        return stdnum_nif.validate(text)
    except ValidationError as exc:
        raise RuleError(
            _lt(
                "The tax number '%(number)s' is not a valid Spanish NIF/CIF: a CIF is a "
                "letter, 7 digits and a control character (e.g. G28029643); a NIF is a "
                "DNI or NIE."
            ),
            number=text,
        ) from exc


def spanish_type(number):
    """``"nie"`` or ``"dni"`` when ``number`` is a whole, valid one of them, else None."""
    for kind in ("nie", "dni"):
        try:
            normalize_document(kind, number)
        except RuleError:
            continue
        return kind
    return None

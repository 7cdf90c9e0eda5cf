"""Identity document and phone rules of migrant_integration, without Odoo."""

import pytest
from conftest import load_tool
from hypothesis import given, settings
from hypothesis import strategies as st

identity = load_tool("migrant_integration", "identity")
phone = load_tool("migrant_integration", "phone")

TYPES = [code for code, _label in identity.DOCUMENT_TYPES]


@pytest.mark.parametrize(
    ("document_type", "typed", "stored"),
    [
        ("nie", "X-1234567-l", "X1234567L"),
        ("nie", " y 1234567 x ", "Y1234567X"),
        ("tie", "z1234567r", "Z1234567R"),
        ("dni", "12.345.678-z", "12345678Z"),
        ("passport", "ab 123456", "AB123456"),
        ("asylum_card", "ES-2026/0001", "ES20260001"),
    ],
)
def test_numbers_are_normalised(document_type, typed, stored):
    assert identity.normalize_document(document_type, typed) == stored


@pytest.mark.parametrize(
    ("document_type", "typed", "reason"),
    [
        ("dni", "1234567", "has 7 characters; a DNI has 9"),
        ("dni", "123456789", "8 digits followed by a letter"),
        ("dni", "12345678A", "must be Z"),
        ("nie", "X123456", "has 7 characters; a NIE has 9"),
        ("nie", "A1234567L", "starts with X, Y or Z"),
        ("nie", "X1234567A", "must be L"),
        ("passport", "", "empty"),
        ("passport", "AB#123", "letters A-Z and digits"),
        ("passport", "A" * 40, "too long"),
        ("driving", "123", "Unknown document type"),
    ],
)
def test_bad_numbers_say_what_is_wrong(document_type, typed, reason):
    with pytest.raises(identity.RuleError, match=reason):
        identity.normalize_document(document_type, typed)


def test_error_message_is_its_template_and_params():
    with pytest.raises(identity.RuleError) as info:
        identity.normalize_document("nie", "X1234567A")
    assert info.value.template % info.value.params == str(info.value)


@settings(max_examples=400, deadline=None)
@given(document_type=st.sampled_from(TYPES), number=st.text(max_size=40))
def test_any_string_is_normalised_or_refused_clearly(document_type, number):
    """Whatever is typed, the parser returns a clean number or its own clear error."""
    try:
        result = identity.normalize_document(document_type, number)
    except identity.RuleError as exc:
        assert str(exc)
        return
    assert result == result.upper().strip()
    assert result.isalnum() and result.isascii()
    assert identity.normalize_document(document_type, result) == result  # idempotent


@settings(max_examples=200, deadline=None)
@given(digits=st.integers(min_value=0, max_value=9_999_999), prefix=st.sampled_from("XYZ"))
def test_every_valid_nie_round_trips(digits, prefix):
    body = f"{digits:07d}"
    letter = "TRWAGMYFPDXBNJZSQVHLCKE"[int(str("XYZ".index(prefix)) + body) % 23]
    typed = f"{prefix.lower()}-{body}-{letter.lower()}"
    assert identity.normalize_document("nie", typed) == f"{prefix}{body}{letter}"


def test_entity_tax_numbers():
    assert identity.normalize_entity_vat("ES G73600553") == "G73600553"
    with pytest.raises(identity.RuleError, match="not a valid Spanish NIF/CIF"):
        identity.normalize_entity_vat("G1234567")


@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [
        ("612 34 56 78", "ES", "+34612345678"),
        ("912 345 678", "ES", "+34912345678"),
        ("+212 612-345678", "ES", "+212612345678"),
        ("00 33 6 12 34 56 78", "ES", "+33612345678"),
        ("0612345678", "MA", "+212612345678"),
        ("", "ES", False),
    ],
)
def test_phones_in_e164(typed, region, e164):
    assert phone.to_e164(typed, region) == e164


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("call me", "cannot be a phone number"), ("123", "cannot be a phone number of ES")],
)
def test_bad_phones_are_refused_clearly(typed, reason):
    with pytest.raises(phone.RuleError, match=reason):
        phone.to_e164(typed)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 +-()x.", max_size=25))
def test_any_phone_text_is_e164_or_a_clear_error(text):
    try:
        result = phone.to_e164(text)
    except phone.RuleError as exc:
        assert str(exc)
        return
    assert result is False or (result.startswith("+") and result[1:].isdigit())


def test_spanish_type_tells_a_whole_dni_or_nie():
    assert identity.spanish_type("x-1234567-l") == "nie"
    assert identity.spanish_type("12345678Z") == "dni"
    assert identity.spanish_type("1234567") is None
    assert identity.spanish_type("AB123456") is None

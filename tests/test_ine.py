"""The INE rules of rural_itineraries, without Odoo."""

import pytest
from conftest import REPO, load_tool

ine = load_tool("rural_itineraries", "ine")


def test_check_code_accepts_five_digits_of_a_province():
    assert ine.check_ine_code(" 44050 ") == "44050"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("4405", "exactly 5 digits"),
        ("4405A", "exactly 5 digits"),
        ("", "exactly 5 digits"),
        (None, "exactly 5 digits"),
        ("53001", "not a province code"),
        ("00001", "not a province code"),
    ],
)
def test_check_code_says_why(code, reason):
    with pytest.raises(ine.IneError, match=reason):
        ine.check_ine_code(code)


def test_every_province_has_a_state_and_a_community():
    assert len(ine.PROVINCE_STATE_CODES) == 52
    assert set(ine.PROVINCE_COMMUNITY) == set(ine.PROVINCE_STATE_CODES)
    assert set(ine.PROVINCE_COMMUNITY.values()) == {code for code, _ in ine.COMMUNITIES}
    assert ine.community_of_state_code("TE") == "02"
    assert ine.community_of_state_code("C") == "12"
    assert ine.community_of_state_code("XX") is None


def test_province_to_community_matches_the_shipped_ine_list():
    """Cross-check with INE's list of provinces and communities (tests/data)."""
    path = REPO / "tests" / "data" / "provincias.csv"
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cpro, ccaa = line.split(";")[:2]
        assert ine.PROVINCE_COMMUNITY[cpro.zfill(2)] == ccaa.zfill(2), cpro


def test_the_shipped_register_parses_completely():
    text = (REPO / "addons/rural_itineraries/data/ine/pobmun24.csv").read_text(encoding="utf-8")
    rows = list(ine.parse_register(text))
    assert len(rows) == 8132
    assert len({r["ine_code"] for r in rows}) == 8132
    assert sum(r["population"] for r in rows) == 48_587_813
    calamocha = next(r for r in rows if r["ine_code"] == "44050")
    assert calamocha["name"] == "Calamocha"
    assert calamocha["state_code"] == "TE"
    assert calamocha["community"] == "02"


def test_register_errors_name_the_line():
    with pytest.raises(ine.IneError, match="not an INE municipal register"):
        list(ine.parse_register("a;b;c\n1;2;3"))
    with pytest.raises(ine.IneError, match="Line 2 .* 'many' is not a number"):
        list(ine.parse_register("CPRO;PROVINCIA;CMUN;NOMBRE;POB24\n44;Teruel;050;X;many"))
    with pytest.raises(ine.IneError, match="Line 2 .* 3 columns"):
        list(ine.parse_register("CPRO;PROVINCIA;CMUN;NOMBRE;POB24\n44;Teruel;050"))


def test_error_keeps_template_and_params_for_translation():
    with pytest.raises(ine.IneError) as info:
        ine.check_ine_code("12")
    assert info.value.template % info.value.params == str(info.value)
    assert "%(code)s" in info.value.template

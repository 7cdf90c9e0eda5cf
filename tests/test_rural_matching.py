"""The matching score of a family against a rural municipality, without Odoo."""

from conftest import load_tool
from hypothesis import given
from hypothesis import strategies as st

matching = load_tool("rural_itineraries", "matching")

FULL = {
    "id": 1,
    "welcome_status": "active",
    "housing_available": 2,
    "services": set(matching.SERVICES),
}
EMPTY = {"id": 2, "welcome_status": "prospect", "housing_available": 0, "services": set()}
FARM_JOB = {"id": 10, "sector": "agriculture", "positions": 2, "housing_offered": True}
SHOP_JOB = {"id": 11, "sector": "commerce", "positions": 1, "housing_offered": False}


def family(**values):
    return dict({"adults": 2, "minors": 0, "sectors": set(), "needs": set()}, **values)


def test_a_family_with_children_needs_a_school():
    with_children = family(minors=2)
    points_school, reasons, _ = matching.score(with_children, FULL)
    points_none, reasons_none, _ = matching.score(with_children, dict(FULL, services=set()))
    assert points_school - points_none == matching.SERVICE_PRESENT - (
        matching.SCHOOL_MISSING_WITH_MINORS
    )
    assert any("No school" in template for _p, template, _params in reasons_none)
    assert any(params.get("service") == "a school" for _p, _t, params in reasons)


def test_a_family_without_children_does_not_care_about_the_school():
    points, _, _ = matching.score(family(), FULL)
    points_no_school, _, _ = matching.score(family(), dict(FULL, services={"broadband"}))
    assert points == points_no_school


def test_an_offer_in_the_wanted_sector_with_a_home_wins():
    farmer = family(sectors={"agriculture"})
    points, reasons, offer = matching.score(farmer, EMPTY, [SHOP_JOB, FARM_JOB])
    assert offer == FARM_JOB
    templates = [template for _p, template, _params in reasons]
    assert any("sector the family wants" in t for t in templates)
    assert any("comes with a home" in t for t in templates)
    # the home of the offer spares the "no home" penalty
    assert not any(t == "No home available" for t in templates)
    assert points == matching.ANY_OPEN_OFFER + matching.SECTOR_MATCH + matching.OFFER_WITH_HOUSING


def test_no_home_and_no_offer_is_penalised():
    points, reasons, offer = matching.score(family(), EMPTY)
    assert offer is None
    assert points == matching.NO_HOUSING
    assert reasons[-1][1] == "No home available"


def test_paused_municipality_scores_below_prospect():
    paused, _, _ = matching.score(family(), dict(EMPTY, welcome_status="paused"))
    prospect, _, _ = matching.score(family(), EMPTY)
    assert paused < prospect


def test_reasons_add_up_to_the_score():
    points, reasons, _ = matching.score(
        family(minors=1, sectors={"commerce"}, needs={"broadband"}), FULL, [SHOP_JOB]
    )
    assert points == sum(p for p, _t, _params in reasons)
    for _p, template, params in reasons:
        template % params  # every template takes its parameters


def test_rank_orders_best_first_and_limits():
    municipalities = [EMPTY, FULL, dict(EMPTY, id=3, housing_available=1)]
    ranking = matching.rank(family(), municipalities, {2: [SHOP_JOB]}, limit=2)
    assert [m["id"] for _p, m, _r, _o in ranking] == [1, 3]
    assert ranking[0][0] >= ranking[1][0]


services = st.sets(st.sampled_from(matching.SERVICES))
statuses = st.sampled_from(sorted(matching.WELCOME_POINTS))
offers = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.integers(1, 10_000),
            "sector": st.sampled_from(["agriculture", "care", "commerce", "other"]),
            "positions": st.integers(1, 5),
            "housing_offered": st.booleans(),
        }
    ),
    max_size=4,
)
families = st.fixed_dictionaries(
    {
        "adults": st.integers(1, 4),
        "minors": st.integers(0, 5),
        "sectors": st.sets(st.sampled_from(["agriculture", "care", "commerce"])),
        "needs": services,
    }
)


@given(families, services, statuses, st.integers(0, 5), offers, st.sampled_from(matching.SERVICES))
def test_adding_a_service_the_family_needs_never_lowers_the_score(
    fam, present, status, homes, open_offers, added
):
    municipality = {
        "id": 1,
        "welcome_status": status,
        "housing_available": homes,
        "services": present - {added},
    }
    before, _, _ = matching.score(fam, municipality, open_offers)
    after, _, _ = matching.score(fam, dict(municipality, services=present | {added}), open_offers)
    assert after >= before
    if added in matching.needed_services(fam):
        assert after > before

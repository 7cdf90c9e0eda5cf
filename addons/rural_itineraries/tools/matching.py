"""The matching score of a family against a municipality and its open job offers.

No Odoo import: tested by plain pytest. A score is a sum of points, each with its
reason; reasons are English templates with named parameters (marked with ``_lt``)
that the Odoo layer translates before showing them.
"""
# pylint: disable=prefer-env-translation

SERVICES = ("school", "health_centre", "public_transport", "broadband")

WELCOME_POINTS = {
    "active": 20,
    "agreement": 15,
    "interested": 8,
    "prospect": 0,
    "paused": -30,
}

SECTOR_MATCH = 25
OFFER_WITH_HOUSING = 10
ANY_OPEN_OFFER = 10
HOUSING_FITS = 15
NO_HOUSING = -20
SERVICE_PRESENT = 10
SERVICE_MISSING = -10
SCHOOL_MISSING_WITH_MINORS = -25


def _lt(message):
    """Mark a message for translation (the Odoo layer translates it)."""
    return message


SERVICE_LABELS = {
    "school": _lt("a school"),
    "health_centre": _lt("a health centre"),
    "public_transport": _lt("public transport"),
    "broadband": _lt("broadband"),
}


def needed_services(family):
    """The services this family needs: a school with minors, plus those it asks for."""
    needs = set(family.get("needs") or ())
    if family.get("minors", 0) > 0:
        needs.add("school")
    return needs & set(SERVICES)


def score(family, municipality, offers=()):
    """``(points, reasons, best_offer)`` of one municipality for one family.

    family: ``{"adults": int, "minors": int, "sectors": iterable, "needs": iterable}``
    municipality: ``{"welcome_status": str, "housing_available": int,
    "services": iterable of SERVICES}``
    offers: the municipality's open offers, ``{"id", "sector", "positions",
    "housing_offered"}``.
    reasons: list of ``(points, template, params)``.
    """
    reasons = []
    status = municipality.get("welcome_status") or "prospect"
    points = WELCOME_POINTS.get(status, 0)
    if points:
        reasons.append(
            (points, _lt("Welcome status: %(status)s"), {"status": status}),
        )
    services = set(municipality.get("services") or ())
    minors = family.get("minors", 0)
    for service in sorted(needed_services(family)):
        label = SERVICE_LABELS[service]
        if service in services:
            reasons.append((SERVICE_PRESENT, _lt("Has %(service)s"), {"service": label}))
        elif service == "school" and minors:
            reasons.append(
                (
                    SCHOOL_MISSING_WITH_MINORS,
                    _lt("No school for %(minors)s minor(s)"),
                    {"minors": minors},
                )
            )
        else:
            reasons.append((SERVICE_MISSING, _lt("No %(service)s"), {"service": label}))
    sectors = set(family.get("sectors") or ())
    best_offer, best_points = None, None
    for offer in offers:
        offer_points = 0
        if offer.get("sector") in sectors:
            offer_points += SECTOR_MATCH
        if offer.get("housing_offered"):
            offer_points += OFFER_WITH_HOUSING
        key = (offer_points, offer.get("positions", 0), -(offer.get("id") or 0))
        if best_points is None or key > best_points:
            best_offer, best_points = offer, key
    housing_offered = bool(best_offer and best_offer.get("housing_offered"))
    if best_offer:
        reasons.append((ANY_OPEN_OFFER, _lt("%(count)s open job offer(s)"), {"count": len(offers)}))
        if best_offer.get("sector") in sectors:
            reasons.append(
                (
                    SECTOR_MATCH,
                    _lt("An offer in a sector the family wants or knows (%(sector)s)"),
                    {"sector": best_offer.get("sector")},
                )
            )
        if housing_offered:
            reasons.append((OFFER_WITH_HOUSING, _lt("The offer comes with a home"), {}))
    homes = municipality.get("housing_available") or 0
    if homes > 0:
        reasons.append((HOUSING_FITS, _lt("%(homes)s home(s) available"), {"homes": homes}))
    elif not housing_offered:
        reasons.append((NO_HOUSING, _lt("No home available"), {}))
    total = sum(r[0] for r in reasons)
    return total, reasons, best_offer


def rank(family, municipalities, offers_by_municipality, limit=20):
    """The ``limit`` best ``(points, municipality, reasons, best_offer)``, best first.

    municipalities: dicts with an ``id``; offers_by_municipality: ``{id: [offer]}``.
    Ties go to the municipality with open offers, then the smaller id.
    """
    scored = []
    for municipality in municipalities:
        offers = offers_by_municipality.get(municipality["id"], ())
        points, reasons, offer = score(family, municipality, offers)
        scored.append((points, municipality, reasons, offer))
    scored.sort(key=lambda s: (-s[0], s[3] is None, s[1]["id"]))
    return scored[:limit] if limit else scored

{
    "name": "Rural Itineraries",
    "summary": "Personalised itineraries of migrant families towards rural municipalities",
    "version": "18.0.1.0.0",
    "category": "Services/Social",
    "license": "AGPL-3",
    "author": "Migrant Integration Odoo Team",
    "depends": ["migrant_integration", "project"],
    "external_dependencies": {"python": ["phonenumbers", "python-stdnum", "xlsxwriter"]},
    "data": [
        "security/rural_itineraries_security.xml",
        "security/ir.model.access.csv",
        "data/rural_itineraries_data.xml",
        "views/rural_municipality_views.xml",
        "views/rural_job_offer_views.xml",
        "views/rural_followup_views.xml",
        "views/project_itinerary_views.xml",
        "views/rural_itineraries_menus.xml",
    ],
    "demo": [
        "demo/rural_municipality_demo.xml",
    ],
    "installable": True,
}

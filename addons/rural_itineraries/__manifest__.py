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
        "security/ir.model.access.csv",
        "views/rural_municipality_views.xml",
        "views/rural_itineraries_menus.xml",
    ],
    "demo": [
        "demo/rural_municipality_demo.xml",
    ],
    "installable": True,
}

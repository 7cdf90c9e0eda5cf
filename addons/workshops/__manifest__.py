{
    "name": "Migrant Integration Workshops",
    "summary": "Workshops and language courses with sessions and volunteer-recorded attendance",
    "version": "18.0.1.0.0",
    "category": "Services/Social",
    "license": "AGPL-3",
    "author": "Migrant Integration Odoo Team",
    "depends": ["migrant_integration", "event"],
    "external_dependencies": {"python": ["phonenumbers", "python-stdnum", "xlsxwriter"]},
    "data": [
        "security/workshops_groups.xml",
        "security/ir.model.access.csv",
        "security/workshops_security.xml",
        "views/workshop_session_views.xml",
        "views/event_event_views.xml",
        "views/workshops_menus.xml",
    ],
    "demo": [
        "demo/workshop_session_demo.xml",
    ],
    "installable": True,
}

{
    "name": "Migrant Integration Workshops",
    "summary": "Workshops and language courses with sessions and volunteer-recorded attendance",
    "version": "18.0.1.0.0",
    "category": "Services/Social",
    "license": "AGPL-3",
    "author": "Migrant Integration Odoo Team",
    "depends": ["migrant_integration", "event"],
    "data": [
        "security/workshops_groups.xml",
        "security/ir.model.access.csv",
        "security/workshops_security.xml",
        "data/workshop_weekday_data.xml",
        "data/event_type_data.xml",
        "views/workshop_session_views.xml",
        "views/workshop_attendance_views.xml",
        "wizard/workshop_session_generate_views.xml",
        "views/event_event_views.xml",
        "views/event_registration_views.xml",
        "report/workshop_certificate.xml",
        "views/workshops_menus.xml",
        "views/workshop_statistics_views.xml",
    ],
    "demo": [
        "demo/workshop_session_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "workshops/static/src/checkin/*",
        ],
        "web.assets_tests": [
            "workshops/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}

{
    "name": "Migrant Integration",
    "summary": "People, families, offices and case files of migrant integration programs",
    "version": "18.0.1.0.0",
    "category": "Services/Social",
    "license": "AGPL-3",
    "author": "Migrant Integration Odoo Team",
    "depends": ["contacts", "mail", "account", "phone_validation", "resource"],
    "external_dependencies": {"python": ["phonenumbers", "python-stdnum", "xlsxwriter"]},
    "data": [
        "security/migrant_integration_groups.xml",
        "security/ir.model.access.csv",
        "security/migrant_integration_security.xml",
        "views/migrant_office_views.xml",
        "views/res_users_views.xml",
        "views/migrant_integration_menus.xml",
    ],
    "demo": [
        "demo/migrant_office_demo.xml",
    ],
    "application": True,
    "installable": True,
}

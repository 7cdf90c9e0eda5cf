from odoo.tests import tagged

from odoo.addons.migrant_integration.tests.common import (
    MigrantIntegrationCommon,
    SecurityMatrixMixin,
)

READ_ONLY = "r"
ALL = "rwcu"


@tagged("post_install", "-at_install")
class TestWorkshopsSecurityMatrix(SecurityMatrixMixin, MigrantIntegrationCommon):
    MODULE = "workshops"
    MATRIX = {
        "workshop.session": {
            "volunteer": READ_ONLY,
            "technician": "rwc",
            "lawyer": "rwc",
            "coordinator": ALL,
        },
        "workshop.attendance": {
            "volunteer": "rw",
            "technician": "rwc",
            "lawyer": "rwc",
            "coordinator": ALL,
        },
        "workshop.headcount": {
            "volunteer": READ_ONLY,
            "technician": ALL,
            "lawyer": ALL,
            "coordinator": ALL,
        },
        "workshop.weekday": {
            "volunteer": READ_ONLY,
            "technician": READ_ONLY,
            "lawyer": READ_ONLY,
            "coordinator": ALL,
            "finance": READ_ONLY,
            "internal": READ_ONLY,
        },
        "workshop.statistics": {
            "technician": READ_ONLY,
            "lawyer": READ_ONLY,
            "coordinator": READ_ONLY,
        },
        "workshop.session.generate": {"technician": "rwc", "lawyer": "rwc", "coordinator": "rwc"},
    }

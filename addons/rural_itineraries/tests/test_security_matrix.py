from odoo.tests import tagged

from odoo.addons.migrant_integration.tests.common import (
    MigrantIntegrationCommon,
    SecurityMatrixMixin,
)

ALL = "rwcu"
STAFF = {"technician": "rwc", "lawyer": "rwc", "coordinator": ALL}
READ = {"technician": "r", "lawyer": "r", "coordinator": ALL}


@tagged("post_install", "-at_install")
class TestRuralSecurityMatrix(SecurityMatrixMixin, MigrantIntegrationCommon):
    MODULE = "rural_itineraries"
    MATRIX = {
        "rural.municipality": STAFF,
        "rural.job.offer": STAFF,
        "rural.sector": READ,
        "rural.placement": STAFF,
        "rural.followup.visit": STAFF,
        "rural.feedback": STAFF,
        "rural.indicator": READ,
        "rural.statistics": {"technician": "r", "lawyer": "r", "coordinator": "r"},
        "rural.matching.wizard": {"technician": "rwc", "lawyer": "rwc", "coordinator": "rwc"},
        "rural.matching.line": {"technician": "rwc", "lawyer": "rwc", "coordinator": "rwc"},
        "rural.itinerary.new": {"technician": "rwc", "lawyer": "rwc", "coordinator": "rwc"},
    }

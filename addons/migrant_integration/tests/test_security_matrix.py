from odoo.tests import tagged

from .common import MigrantIntegrationCommon, SecurityMatrixMixin

READ_ONLY = "r"
ALL = "rwcu"
CONFIG = {"technician": READ_ONLY, "lawyer": READ_ONLY, "coordinator": ALL}
FILES = {"technician": ALL, "lawyer": ALL, "coordinator": ALL}
EVERYONE_READS = dict(CONFIG, volunteer=READ_ONLY, finance=READ_ONLY, internal=READ_ONLY)


@tagged("post_install", "-at_install")
class TestSecurityMatrix(SecurityMatrixMixin, MigrantIntegrationCommon):
    MODULE = "migrant_integration"
    MATRIX = {
        "migrant.office": dict(CONFIG, volunteer=READ_ONLY, finance=READ_ONLY),
        "migrant.language": EVERYONE_READS,
        "migrant.area": EVERYONE_READS,
        "migrant.vulnerability": CONFIG,
        "migrant.case.stage": CONFIG,
        "migrant.permit.type": CONFIG,
        "migrant.entity.kind": CONFIG,
        "migrant.identity.document": FILES,
        "migrant.household": {"technician": "rwc", "lawyer": "rwc", "coordinator": ALL},
        "migrant.case": FILES,
        "migrant.case.goal": FILES,
        "migrant.intervention": FILES,
        "migrant.intervention.person": {
            "technician": READ_ONLY,
            "lawyer": READ_ONLY,
            "coordinator": READ_ONLY,
        },
        "migrant.referral": FILES,
        "migrant.consent": {"technician": "rwc", "lawyer": "rwc", "coordinator": ALL},
        "migrant.permit": {"lawyer": "rwc", "coordinator": ALL},
        "migrant.case.access.log": {"coordinator": READ_ONLY},
        "migrant.subject.access.export": {
            "technician": "rwc",
            "lawyer": "rwc",
            "coordinator": "rwc",
        },
        "res.partner.anonymize": {"coordinator": "rwc"},
        "migrant.settings": {"coordinator": "rwc"},
        "migrant.statistics": {
            "technician": READ_ONLY,
            "lawyer": READ_ONLY,
            "coordinator": READ_ONLY,
        },
        "migrant.annual.report": {"technician": "rwc", "lawyer": "rwc", "coordinator": "rwc"},
        "migrant.subsidy.call": {"coordinator": READ_ONLY, "finance": ALL},
        "migrant.subsidy": {"coordinator": READ_ONLY, "finance": ALL},
        "migrant.subsidy.installment": {"coordinator": READ_ONLY, "finance": ALL},
        "migrant.subsidy.expense": {"coordinator": READ_ONLY, "finance": ALL},
        "migrant.subsidy.workbook": {"coordinator": "rwc", "finance": "rwc"},
    }

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Interventions recorded before the people served were kept get their lines."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    interventions = env["migrant.intervention"].with_context(active_test=False).search([])
    env["migrant.intervention.person"]._migrant_sync(interventions)
    # Real Decreto 1155/2024: every arraigo, and student stays, allow work.
    types = env["migrant.permit.type"].search(
        [
            ("code", "in", ["arraigo_social", "student_stay"]),
            ("authorises_work", "=", False),
        ]
    )
    types.write({"authorises_work": True})
    # The rule of technicians on people plans on an uncorrelated sub-select now.
    rule = env.ref("migrant_integration.res_partner_rule_migrant_office", raise_if_not_found=False)
    if rule:
        rule.domain_force = "[('in_my_offices', '=', True)]"

from datetime import timedelta

from odoo import api, fields, models

# household, technician, days since the start, steps done, target municipality,
# job offer, days since the relocation (None: not moved yet), sectors
STORY = [
    ("household_camara_demo", "user_tech_south_demo", 500, 10, "calamocha", 2, 400, ["agri_food"]),
    ("household_rojas_demo", "user_tech_north_demo", 420, 8, "cella", 4, 300, ["agriculture"]),
    ("household_quispe_demo", "user_tech_north_demo", 260, 7, "almazan", 8, 130, ["agri_food"]),
    ("household_reyes_demo", "user_tech_south_demo", 200, 6, "siguenza", 13, 40, ["care"]),
    ("household_jabouri_demo", "user_tech_south_demo", 120, 4, "calanda", 3, None, ["agriculture"]),
    ("household_amrani_demo", "user_tech_south_demo", 60, 3, "cantavieja", 7, None, ["agri_food"]),
    ("household_kovalenko_demo", "user_tech_north_demo", 25, 1, "san_esteban", None, None, []),
    ("household_mensah_demo", "user_tech_south_demo", 5, 0, None, None, None, ["hospitality"]),
]
# (household, offer, state) of the placements
PLACEMENTS = [
    ("household_camara_demo", 2, "hired"),
    ("household_rojas_demo", 4, "hired"),
    ("household_quispe_demo", 8, "hired"),
    ("household_reyes_demo", 13, "interview"),
]


class ProjectProjectDemo(models.Model):
    _inherit = "project.project"

    @api.model
    def _rural_load_demo(self):
        """The demo story: eight families at different points of their itinerary."""
        ref = self.env.ref
        today = fields.Date.context_today(self)
        projects = {}
        for household_ref, user_ref, started, done, town, offer, moved, sectors in STORY:
            household = ref(f"migrant_integration.{household_ref}", False)
            user = ref(f"migrant_integration.{user_ref}", False)
            if not household or not user:
                continue
            project = self._rural_create_itinerary(
                household, start_date=today - timedelta(days=started), user=user
            )
            projects[household_ref] = project
            values = {
                "sector_ids": [
                    fields.Command.set([ref(f"rural_itineraries.sector_{s}").id for s in sectors])
                ]
            }
            if town:
                values["municipality_id"] = ref(
                    f"rural_itineraries.rural_municipality_{town}_demo"
                ).id
            if offer:
                values["job_offer_id"] = ref(
                    f"rural_itineraries.rural_job_offer_{offer:02d}_demo"
                ).id
            if moved is not None:
                values["relocation_date"] = today - timedelta(days=moved)
            project.write(values)
            project.task_ids.sorted("sequence")[:done].write({"state": "1_done"})
            for visit in project.followup_visit_ids.filtered(lambda v: v.date <= today):
                visit.write(
                    {
                        "integration_score": 4 if done > 7 else 3,
                        "employment": "Both adults working; one on a permanent contract."
                        if done > 7
                        else "One adult working, the other in a training course.",
                        "schooling": "The children go to the village school.",
                        "plan_revision_needed": done == 6,
                    }
                )
                visit.action_done()
            if done >= 8:
                self.env["rural.feedback"].create(
                    {
                        "project_id": project.id,
                        "partner_id": household.head_id.id,
                        "rating_information": 4,
                        "rating_training": 3 if done < 10 else 4,
                        "rating_support": 5,
                        "rating_overall": 5 if done == 10 else 4,
                        "comments": "The town hall and our sponsoring family helped us a lot.",
                    }
                )
        for household_ref, offer, state in PLACEMENTS:
            project = projects.get(household_ref)
            if not project:
                continue
            offer = ref(f"rural_itineraries.rural_job_offer_{offer:02d}_demo")
            placement = self.env["rural.placement"].create(
                {
                    "job_offer_id": offer.id,
                    "partner_id": project.partner_id.id,
                    "project_id": project.id,
                    "contract_type": offer.contract_type,
                    "date_start": project.relocation_date,
                }
            )
            if state == "hired":
                placement.action_hire()
            elif state == "interview":
                placement.action_interview()

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.addons.migrant_integration.tests.common import MigrantIntegrationCommon


class RuralCommon(MigrantIntegrationCommon):
    """Two families followed by offices A and B, municipalities and job offers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date.today()
        cls.family_a, cls.head_a, cls.case_a = cls._family("Diallo", cls.office_a, minors=2)
        cls.family_b, cls.head_b, cls.case_b = cls._family("Haddad", cls.office_b, minors=0)
        Municipality = cls.env["rural.municipality"]
        cls.calamocha = Municipality.search([("ine_code", "=", "44050")]) or Municipality.create(
            {"name": "Calamocha", "ine_code": "44050"}
        )
        cls.town = Municipality.create(
            {
                "name": "Villaejemplo",
                "ine_code": "44999",
                "state_id": cls.env.ref("base.state_es_te").id,
                "population": 800,
                "welcome_status": "active",
                "agreement_date": today - relativedelta(months=6),
                "has_school": True,
                "has_health_centre": True,
                "housing_available": 2,
            }
        )
        cls.offer = cls.env["rural.job.offer"].create(
            {
                "name": "Farm worker",
                "municipality_id": cls.town.id,
                "sector": "agriculture",
                "positions": 1,
                "housing_offered": True,
            }
        )
        cls.offer.action_open()

    @classmethod
    def _family(cls, name, office, minors=0):
        household = cls.env["migrant.household"].create({"name": f"{name} family"})
        today = date.today()
        head = cls._person(f"{name} head", household_id=household.id, birthdate=date(1985, 3, 1))
        cls._person(f"{name} partner", household_id=household.id, birthdate=date(1987, 5, 2))
        for number in range(minors):
            cls._person(
                f"{name} child {number}",
                household_id=household.id,
                birthdate=today - relativedelta(years=5 + number),
            )
        household.head_id = head
        case = cls._case(head, office, household_id=household.id)
        return household, head, case

    def _itinerary(self, household, user=None, start=None, **values):
        Project = self.env["project.project"]
        if user:
            Project = Project.with_user(user)
        project = Project._rural_create_itinerary(
            household, start_date=start or date.today(), user=user or self.env.user
        )
        if values:
            project.sudo().write(values)
        return project

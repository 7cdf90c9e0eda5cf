import base64
import io
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MigrantIntegrationCommon

YEAR = 2024
SHEETS = (
    "People served",
    "Nationality",
    "Age",
    "Areas and services",
    "ESF+ indicators",
    "Referrals",
    "Legal procedures",
)


def _rows(sheet):
    return [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]


def _table(sheet, title):
    """The rows under the header of the table titled ``title`` (until a blank row)."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == title)
    header = rows[start + 1]
    body = []
    for row in rows[start + 2 :]:
        if all(v is None for v in row):
            break
        body.append(row)
    return header, body


@tagged("post_install", "-at_install")
class TestStatistics(MigrantIntegrationCommon):
    """People served counted once per year, household members each, age bands of the
    day of the service; the annual workbook and PDF say what the pivot says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        country = cls.env.ref
        cls.area_labour = cls.env.ref("migrant_integration.area_labour")
        # Office A: Awa, served three times this year and once the year before.
        cls.awa = cls._person(
            "Awa Stat",
            gender="female",
            nationality_id=country("base.sn").id,
            birthdate=date(1990, 6, 1),
        )
        case = cls._case(cls.awa, cls.office_a)
        for day, area in (
            (datetime(YEAR, 2, 1, 10), cls.area_social),
            (datetime(YEAR, 5, 1, 10), cls.area_legal),
            (datetime(YEAR, 9, 1, 10), cls.area_social),
            (datetime(YEAR - 1, 11, 1, 10), cls.area_social),
        ):
            cls._intervention(case, date=day, area_id=area.id)
        # Office A: a household in a shelter, one intervention for the family.
        household = cls.env["migrant.household"].create(
            {"name": "Stat family", "housing_situation": "shelter"}
        )
        cls.omar = cls._person(
            "Omar Stat",
            gender="male",
            nationality_id=country("base.ma").id,
            birthdate=date(1980, 1, 1),
            household_id=household.id,
        )
        cls.lina = cls._person(
            "Lina Stat",
            gender="female",
            nationality_id=country("base.ma").id,
            birthdate=date(2010, 3, 1),
            household_id=household.id,
        )
        household.head_id = cls.omar
        family_case = cls._case(
            cls.omar, cls.office_a, client_kind="household", household_id=household.id
        )
        cls._intervention(family_case, date=datetime(YEAR, 4, 2, 10), area_id=cls.area_labour.id)
        # Office B: Pedro, Spanish, with a disability, 17 in March and 18 in September.
        cls.pedro = cls._person(
            "Pedro Stat",
            gender="male",
            nationality_id=country("base.es").id,
            birthdate=date(2006, 7, 1),
            vulnerability_ids=[(4, cls.env.ref("migrant_integration.vulnerability_disability").id)],
        )
        pedro_case = cls._case(cls.pedro, cls.office_b)
        cls._intervention(pedro_case, date=datetime(YEAR, 3, 1, 10))
        cls._intervention(pedro_case, date=datetime(YEAR, 9, 1, 10), channel="phone")
        # Office B: Fatima, 64, whose file is closed.
        cls.fatima = cls._person(
            "Fatima Stat",
            gender="female",
            nationality_id=country("base.sy").id,
            birthdate=date(1960, 1, 1),
        )
        cls.fatima_case = cls._case(cls.fatima, cls.office_b)
        cls._intervention(cls.fatima_case, date=datetime(YEAR, 6, 1, 10))

    def _report(self, user, **vals):
        return (
            self.env["migrant.annual.report"].with_user(user).create(dict({"year": YEAR}, **vals))
        )

    def _workbook(self, report):
        report.action_export()
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(report.data)))

    def _domain(self, year=YEAR):
        return [("date", ">=", date(year, 1, 1)), ("date", "<=", date(year, 12, 31))]

    def test_people_are_counted_once_and_every_household_member_counts(self):
        report = self._report(self.coordinator)
        self.assertEqual(report._migrant_totals(), (5, 7))
        self.assertEqual(report._migrant_totals(YEAR - 1), (1, 1))
        self.assertEqual(report._migrant_breakdown("gender"), {"Female": (3, 5), "Male": (2, 3)})
        # Lina counts through her family's case, though she is not its person
        self.assertEqual(report._migrant_breakdown("area_id")["Labour"], (2, 1))

    def test_age_bands_are_those_of_the_day_of_the_service(self):
        bands = self._report(self.coordinator)._migrant_breakdown("age_band")
        # Pedro was 17 in March and 18 in September: he is in both bands
        self.assertEqual(bands["Under 18"], (2, 2))
        self.assertEqual(bands["18-29"], (1, 1))
        self.assertEqual(bands["30-54"], (2, 4))
        self.assertEqual(bands["55 and over"], (1, 1))

    def test_anonymised_people_still_count_in_their_year(self):
        report = self._report(self.coordinator)
        before = (
            report._migrant_totals(),
            report._migrant_breakdown("gender"),
            report._migrant_breakdown("nationality_id"),
            report._migrant_breakdown("age_band"),
        )
        self.fatima_case.write(
            {"stage_id": self.stage_closed.id, "closure_reason": "goals_achieved"}
        )
        self.fatima.with_user(self.coordinator)._migrant_anonymize()
        self.assertNotEqual(self.fatima.name, "Fatima Stat")
        after = (
            report._migrant_totals(),
            report._migrant_breakdown("gender"),
            report._migrant_breakdown("nationality_id"),
            report._migrant_breakdown("age_band"),
        )
        self.assertEqual(after, before)

    def test_the_workbook_says_what_the_pivot_says(self):
        report = self._report(self.coordinator)
        book = self._workbook(report)
        for title in SHEETS:
            self.assertIn(title, book.sheetnames)
        self.assertIn("Subsidies", book.sheetnames, "coordinators read the subsidies")
        technician_book = self._workbook(self._report(self.technician_a))
        self.assertNotIn("Subsidies", technician_book.sheetnames)
        Stats = self.env["migrant.statistics"].with_user(self.coordinator)
        measures = ["partner_id:count_distinct", "intervention_id:count_distinct"]
        [total] = Stats.read_group(self._domain(), measures, [], lazy=False)
        [previous] = Stats.read_group(self._domain(YEAR - 1), measures, [], lazy=False)
        _header, rows = _table(book["People served"], "People served and interventions")
        self.assertEqual(
            rows[0][1:],
            (
                total["partner_id"],
                total["intervention_id"],
                previous["partner_id"],
                previous["intervention_id"],
            ),
        )
        pivot = {
            group["gender"]: (group["partner_id"], group["intervention_id"])
            for group in Stats.read_group(self._domain(), measures, ["gender"], lazy=False)
        }
        _header, rows = _table(book["People served"], "By gender")
        sheet = {row[0]: row[1:3] for row in rows}
        self.assertEqual(sheet, {"Female": pivot["female"], "Male": pivot["male"]})
        pivot = {
            group["nationality_id"][1]: (group["partner_id"], group["intervention_id"])
            for group in Stats.read_group(self._domain(), measures, ["nationality_id"], lazy=False)
        }
        _header, rows = _table(book["Nationality"], "By nationality")
        self.assertEqual({row[0]: row[1:3] for row in rows}, pivot)
        # typed cells: numbers are numbers, the date of the cover is a date
        for row in rows:
            self.assertIsInstance(row[1], int)
        cover = {row[0]: row[1] for row in _rows(book.worksheets[0])}
        self.assertIsInstance(cover["Made on"], datetime)
        self.assertEqual(cover["People served"], 5)

    def test_esf_indicators_of_participants(self):
        book = self._workbook(self._report(self.coordinator))
        header, rows = _table(book["ESF+ indicators"], "Participants by gender")
        self.assertEqual(header[:2], ("Gender", "Participants"))
        got = {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}
        # Pedro counts in the band of his first service of the year (17)
        self.assertEqual(
            got["Male"],
            {
                "Participants": 2,
                "Under 18": 1,
                "18-29": 0,
                "30-54": 1,
                "55 and over": 0,
                "Unknown": 0,
                "Foreign background": 1,
                "With a disability": 1,
                "Homeless or housing exclusion": 1,
            },
        )
        self.assertEqual(
            got["Female"],
            {
                "Participants": 3,
                "Under 18": 1,
                "18-29": 0,
                "30-54": 1,
                "55 and over": 1,
                "Unknown": 0,
                "Foreign background": 3,
                "With a disability": 0,
                "Homeless or housing exclusion": 1,
            },
        )
        self.assertEqual(got["Total"]["Participants"], 5)

    def test_technicians_report_on_their_offices_only(self):
        Stats = self.env["migrant.statistics"].with_user(self.technician_a)
        self.assertEqual(set(Stats.search(self._domain()).office_id.ids), {self.office_a.id})
        report = self._report(self.technician_a)
        self.assertEqual(report.office_ids, self.office_a)
        self.assertEqual(report._migrant_totals(), (3, 4))
        other = self._report(self.technician_a, office_ids=[(6, 0, self.office_b.ids)])
        with self.assertRefused(AccessError, "only report on your own offices"):
            other.action_export()
        self.assertFalse(other.data)
        with self.assertRefused(AccessError, "only report on your own offices"):
            other.action_print()

    def test_volunteers_finance_and_others_see_no_statistics(self):
        for role in ("volunteer", "finance", "internal", "portal"):
            user = self.users_by_role[role]
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.env["migrant.statistics"].with_user(user).search_count([])
                with self.assertRaises(AccessError):
                    self.env["migrant.statistics"].with_user(user).read_group(
                        [], ["partner_id:count_distinct"], ["gender"]
                    )
                with self.assertRaises(AccessError):
                    self.env["migrant.annual.report"].with_user(user).create({"year": YEAR})

    def test_a_future_year_is_refused_and_an_empty_year_says_so(self):
        next_year = date.today().year + 1
        report = self._report(self.coordinator, year=next_year)
        with self.assertRefused(UserError, "has not begun"):
            report.action_export()
        empty = self._report(self.coordinator, year=2001)
        book = self._workbook(empty)
        cover = {row[0]: row[1] for row in _rows(book.worksheets[0])}
        self.assertEqual(cover["People served"], 0)
        self.assertIn("No interventions were recorded in 2001", cover["Note"])

    def test_the_pdf_summary_shows_the_same_figures(self):
        report = self._report(self.coordinator)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.coordinator)
            ._render_qweb_html("migrant_integration.report_migrant_annual", report.ids)[0]
            .decode()
        )
        self.assertIn("Annual summary", html)
        self.assertRegex(html, r'name="people">\s*5\s*<')
        self.assertRegex(html, r'name="interventions">\s*7\s*<')
        self.assertIn("Senegal", html)

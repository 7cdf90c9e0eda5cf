import base64
import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools import age, report_book

TOP_NATIONALITIES = 20
#: vulnerabilities counted as a disability / as homelessness in the ESF+ indicators
DISABILITY_XMLIDS = (
    "migrant_integration.vulnerability_disability",
    "migrant_integration.vulnerability_hearing",
    "migrant_integration.vulnerability_visual",
)
HOMELESS_XMLIDS = ("migrant_integration.vulnerability_street",)
#: housing situations of a household counted as housing exclusion
HOUSING_EXCLUSION = ("street", "shelter", "precarious")


class MigrantAnnualReport(models.TransientModel):
    """The yearly figures of the program for some offices: a workbook with a cover
    and one sheet per subject, and the same figures as a PDF summary.

    Every figure of people served comes from ``migrant.statistics`` through the
    ORM (its record rules apply), so the workbook shows what the user's pivot shows.
    Addons add their sheets by overriding :meth:`_migrant_report_sheets`.
    """

    _name = "migrant.annual.report"
    _description = "Annual Report"

    year = fields.Integer(required=True, default=lambda self: self._default_year())
    office_ids = fields.Many2many(
        "migrant.office",
        string="Offices",
        default=lambda self: self._default_office_ids(),
        help="Leave empty for every office you see.",
    )
    data = fields.Binary(string="File", attachment=False, readonly=True)
    filename = fields.Char()

    @api.model
    def _default_year(self):
        """The year just ended in its first quarter (report time), else this year."""
        today = fields.Date.context_today(self)
        return today.year - 1 if today.month <= 3 else today.year

    @api.model
    def _migrant_is_coordinator(self):
        return self.env["migrant.office.scoped"]._migrant_is_coordinator()

    @api.model
    def _default_office_ids(self):
        if self._migrant_is_coordinator():
            return self.env["migrant.office"]
        return self.env.user.migrant_office_ids

    # ----------------------------------------------------------------- scope
    def _migrant_check(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.year > today.year:
            raise UserError(
                self.env._(
                    "The report of %(year)s cannot be made: the year has not begun.",
                    year=self.year,
                )
            )
        if self.year < 1900:
            raise UserError(self.env._("Give a year from 1900 onwards."))
        if not self._migrant_is_coordinator():
            others = self.office_ids - self.env.user.migrant_office_ids
            if others:
                raise AccessError(
                    self.env._(
                        "You can only report on your own offices, not on %(offices)s.",
                        offices=", ".join(others.mapped("name")),
                    )
                )

    def _migrant_offices(self):
        """The offices reported: those chosen, else every office of the user's scope."""
        self.ensure_one()
        if self.office_ids:
            return self.office_ids
        if self._migrant_is_coordinator():
            return self.env["migrant.office"].search([])
        return self.env.user.migrant_office_ids

    def _migrant_year_domain(self, field_name, year=None, office_field="office_id"):
        year = year or self.year
        domain = [
            (field_name, ">=", datetime.date(year, 1, 1)),
            (field_name, "<=", datetime.date(year, 12, 31)),
        ]
        if office_field:
            domain.append((office_field, "in", self._migrant_offices().ids))
        return domain

    # ---------------------------------------------------------------- figures
    def _migrant_figures_by_year(self, groupby):
        """``{year: {label: (people, interventions)}}`` of the year and the one before,
        by ``groupby`` of the statistics (``None``: the totals, under the label
        ``None``), people distinct within each group; one grouped query for both
        years, kept for the report being made."""
        memo = self.env.context.get("migrant_report_memo")
        if memo is not None and groupby in memo:
            return memo[groupby]
        Stats = self.env["migrant.statistics"]
        field = Stats._fields[groupby] if groupby else None
        domain = self._migrant_year_domain("date", self.year - 1)
        domain[1] = ("date", "<=", datetime.date(self.year, 12, 31))
        rows = Stats._read_group(
            domain,
            ["date:year"] + ([groupby] if groupby else []),
            ["partner_id:count_distinct", "intervention_id:count_distinct"],
        )
        labels = (
            dict(field._description_selection(self.env))
            if field and field.type == "selection"
            else {}
        )
        result = {self.year: {}, self.year - 1: {}}
        for year, *key, people, services in rows:
            if not field:
                label = None
            elif field.type == "selection":
                label = labels.get(key[0], key[0]) if key[0] else self.env._("Not recorded")
            else:
                label = key[0].display_name if key[0] else self.env._("Not recorded")
            result[year.year][label] = (people, services)
        if memo is not None:
            memo[groupby] = result
        return result

    def _migrant_breakdown(self, groupby, year=None):
        """``{label: (people, interventions)}`` of the year (or ``year``, the one
        before at most) by ``groupby``."""
        return self._migrant_figures_by_year(groupby)[year or self.year]

    def _migrant_totals(self, year=None):
        """``(people, interventions)`` of the year, people counted once."""
        return self._migrant_figures_by_year(None)[year or self.year].get(None, (0, 0))

    def _migrant_report_figures(self):
        """The headline figures shared by the workbook's cover and the PDF summary."""
        self.ensure_one()
        if self.env.context.get("migrant_report_memo") is None:
            return self.with_context(migrant_report_memo={})._migrant_report_figures()
        people, services = self._migrant_totals()
        previous_people, previous_services = self._migrant_totals(self.year - 1)
        return {
            "year": self.year,
            "offices": ", ".join(self._migrant_offices().mapped("name")),
            "people": people,
            "interventions": services,
            "previous_people": previous_people,
            "previous_interventions": previous_services,
            "by_gender": self._migrant_breakdown("gender"),
            "by_area": self._migrant_breakdown("area_id"),
            "nationalities": report_book.top_and_rest(
                sorted(
                    (
                        (label, *values)
                        for label, values in self._migrant_breakdown("nationality_id").items()
                    ),
                    key=lambda row: (-row[1], row[0]),
                ),
                10,
                self.env._("Other nationalities"),
            ),
            "esf": self._migrant_esf_rows(),
        }

    # ----------------------------------------------------------------- sheets
    def _migrant_headers(self, first):
        year, previous = self.year, self.year - 1
        return [
            first,
            self.env._("People %(year)s", year=year),
            self.env._("Interventions %(year)s", year=year),
            self.env._("People %(year)s", year=previous),
            self.env._("Interventions %(year)s", year=previous),
        ]

    def _migrant_table(self, title, groupby, first, keys=None, chart=None, rows=None):
        if rows is None:
            rows = report_book.year_on_year(
                self._migrant_breakdown(groupby),
                self._migrant_breakdown(groupby, self.year - 1),
                keys=keys,
            )
        return report_book.Table(
            title=title,
            headers=self._migrant_headers(first),
            rows=rows,
            chart=chart,
            chart_columns=(1, 3),
        )

    def _migrant_sheet_people(self):
        people, services = self._migrant_totals()
        previous_people, previous_services = self._migrant_totals(self.year - 1)
        notes = [
            self.env._(
                "People are counted once in the year however many interventions they "
                "had; every member of a household case counts. In the breakdowns a "
                "person served in several areas, types or channels counts in each."
            )
        ]
        if not people:
            notes.insert(
                0,
                self.env._(
                    "No interventions were recorded in %(year)s for these offices.", year=self.year
                ),
            )
        totals = report_book.Table(
            title=self.env._("People served and interventions"),
            headers=self._migrant_headers(self.env._("Year")),
            rows=[[self.env._("Total"), people, services, previous_people, previous_services]],
            chart="column",
        )
        gender = self._migrant_table(
            self.env._("By gender"), "gender", self.env._("Gender"), chart="column"
        )
        return report_book.Sheet(
            title=self.env._("People served"),
            heading=self.env._("People served in %(year)s", year=self.year),
            notes=notes,
            tables=[totals, gender],
        )

    def _migrant_sheet_nationality(self):
        current = self._migrant_breakdown("nationality_id")
        previous = self._migrant_breakdown("nationality_id", self.year - 1)
        ranked = sorted(current.items(), key=lambda item: (-item[1][0], item[0]))
        rest_label = self.env._("Other nationalities")
        top = [label for label, _values in ranked[:TOP_NATIONALITIES]]
        rest = [label for label, _values in ranked[TOP_NATIONALITIES:]] + [
            label for label in previous if label not in current
        ]

        def summed(values, labels):
            return tuple(sum(values.get(label, (0, 0))[i] for label in labels) for i in range(2))

        current_rows = {label: current[label] for label in top}
        previous_rows = {label: previous.get(label, (0, 0)) for label in top}
        keys = list(top)
        if rest:
            current_rows[rest_label] = summed(current, rest)
            previous_rows[rest_label] = summed(previous, rest)
            keys.append(rest_label)
        return report_book.Sheet(
            title=self.env._("Nationality"),
            heading=self.env._(
                "People served by nationality (the %(top)s most frequent)", top=TOP_NATIONALITIES
            ),
            tables=[
                self._migrant_table(
                    self.env._("By nationality"),
                    None,
                    self.env._("Nationality"),
                    rows=report_book.year_on_year(current_rows, previous_rows, keys=keys),
                )
            ],
        )

    def _migrant_sheet_age(self):
        keys = [
            label
            for _code, label in self.env["migrant.statistics"]
            ._fields["age_band"]
            ._description_selection(self.env)
        ]
        return report_book.Sheet(
            title=self.env._("Age"),
            heading=self.env._("People served by age band (age on the day of the service)"),
            notes=[self.env._("A person served before and after a birthday counts in both bands.")],
            tables=[
                self._migrant_table(
                    self.env._("By age band"), "age_band", self.env._("Age band"), keys=keys
                )
            ],
        )

    def _migrant_sheet_services(self):
        return report_book.Sheet(
            title=self.env._("Areas and services"),
            tables=[
                self._migrant_table(self.env._("By area"), "area_id", self.env._("Area")),
                self._migrant_table(
                    self.env._("By type of intervention"), "intervention_type", self.env._("Type")
                ),
                self._migrant_table(self.env._("By channel"), "channel", self.env._("Channel")),
            ],
        )

    def _migrant_state_table(self, model_name, title, row_field, date_field, office_field):
        """A table of ``model_name`` records of the year: one row per ``row_field``
        value, one column per state, and the total."""
        Model = self.env[model_name]
        states = Model._fields["state"]._description_selection(self.env)
        groups = Model._read_group(
            self._migrant_year_domain(date_field, office_field=office_field),
            [row_field, "state"],
            ["__count"],
        )
        table = {}
        for key, state, count in groups:
            label = key.display_name if key else self.env._("Not recorded")
            table.setdefault(label, {})[state] = count
        rows = [
            [label, *(counts.get(code, 0) for code, _name in states), sum(counts.values())]
            for label, counts in sorted(table.items())
        ]
        return report_book.Table(
            title=title,
            headers=[Model._fields[row_field]._description_string(self.env)]
            + [name for _code, name in states]
            + [self.env._("Total")],
            rows=rows,
            total_label=self.env._("Total"),
        )

    def _migrant_sheet_referrals(self):
        if not self.env["migrant.referral"].has_access("read"):
            return None
        return report_book.Sheet(
            title=self.env._("Referrals"),
            heading=self.env._("Referrals dated in %(year)s", year=self.year),
            tables=[
                self._migrant_state_table(
                    "migrant.referral",
                    self.env._("To and from other entities"),
                    "entity_id",
                    "date",
                    "owner_office_id",
                ),
                self._migrant_state_table(
                    "migrant.referral",
                    self.env._("Between offices"),
                    "office_id",
                    "date",
                    "owner_office_id",
                ),
            ],
        )

    def _migrant_sheet_permits(self):
        if not self.env["migrant.permit"].has_access("read"):
            return None
        return report_book.Sheet(
            title=self.env._("Legal procedures"),
            heading=self.env._("Legal procedures submitted in %(year)s", year=self.year),
            tables=[
                self._migrant_state_table(
                    "migrant.permit",
                    self.env._("By type and state"),
                    "permit_type_id",
                    "submission_date",
                    "office_id",
                )
            ],
        )

    def _migrant_esf_rows(self):
        """ESF+ common output indicators of participants, one row per gender:
        ``[gender, participants, under 18, 18-29, 30-54, 55+, unknown age,
        foreign background, disability, homeless or housing exclusion]``.

        A participant is a person served in the year; their age band is that of
        their first service of the year."""
        Stats = self.env["migrant.statistics"]
        query = Stats._search(self._migrant_year_domain("date"))
        disability = self._migrant_vulnerability_ids(DISABILITY_XMLIDS)
        homeless = self._migrant_vulnerability_ids(HOMELESS_XMLIDS)
        spain = self.env.ref("base.es").id
        # read below straight from the tables (the view's own are flushed by its search)
        self.env["res.partner"].flush_model(
            ["nationality_id", "arrival_date", "vulnerability_ids", "household_id"]
        )
        self.env["migrant.household"].flush_model(["housing_situation"])
        relation = self.env["res.partner"]._fields["vulnerability_ids"]
        band_columns = SQL(", ").join(
            SQL("count(*) FILTER (WHERE first.age_band = %s)", code)
            for code, _label in age.SELECTION
        )
        self.env.cr.execute(
            SQL(
                """
                WITH rows AS (%(rows)s),
                first AS (
                    SELECT DISTINCT ON (s.partner_id) s.partner_id, s.age_band, s.gender
                      FROM migrant_statistics s
                     WHERE s.id IN (SELECT id FROM rows)
                  ORDER BY s.partner_id, s.date
                )
                SELECT first.gender, count(*), %(bands)s,
                       count(*) FILTER (WHERE (person.nationality_id IS NOT NULL
                                               AND person.nationality_id != %(spain)s)
                                           OR person.arrival_date IS NOT NULL),
                       count(*) FILTER (WHERE EXISTS (
                           SELECT 1 FROM %(rel)s rel
                            WHERE rel.%(person_col)s = person.id
                              AND rel.%(vulnerability_col)s = ANY(%(disability)s))),
                       count(*) FILTER (WHERE EXISTS (
                           SELECT 1 FROM %(rel)s rel
                            WHERE rel.%(person_col)s = person.id
                              AND rel.%(vulnerability_col)s = ANY(%(homeless)s))
                           OR household.housing_situation = ANY(%(exclusion)s))
                  FROM first
                  JOIN res_partner person ON person.id = first.partner_id
             LEFT JOIN migrant_household household ON household.id = person.household_id
              GROUP BY first.gender
                """,
                rows=query.select(SQL.identifier(Stats._table, "id")),
                rel=SQL.identifier(relation.relation),
                person_col=SQL.identifier(relation.column1),
                vulnerability_col=SQL.identifier(relation.column2),
                bands=band_columns,
                spain=spain,
                disability=disability,
                homeless=homeless,
                exclusion=list(HOUSING_EXCLUSION),
            )
        )
        by_gender = {gender: values for gender, *values in self.env.cr.fetchall()}
        labels = Stats._fields["gender"]._description_selection(self.env)
        rows = []
        for code, label in [*labels, (None, self.env._("Not recorded"))]:
            values = by_gender.get(code)
            if values:
                rows.append([label, *values])
        return rows

    def _migrant_vulnerability_ids(self, xmlids):
        return [
            record.id
            for record in (self.env.ref(x, raise_if_not_found=False) for x in xmlids)
            if record
        ]

    def _migrant_sheet_esf(self):
        bands = [label for _code, label in age.SELECTION]
        return report_book.Sheet(
            title=self.env._("ESF+ indicators"),
            heading=self.env._(
                "ESF+ common output indicators of participants, %(year)s", year=self.year
            ),
            notes=[
                self.env._(
                    "Participants: people served in the year, counted once; age on the day "
                    "of their first service of the year."
                ),
                self.env._(
                    "Foreign background: a nationality other than Spanish, or an arrival "
                    "date in Spain recorded."
                ),
                self.env._(
                    "Disability: the vulnerabilities Disability, Hearing difficulty or "
                    "Visual difficulty. Homeless or housing exclusion: Street situation, or "
                    "a household living in the street, in a shelter or in precarious housing."
                ),
                self.env._(
                    "Not recorded by the program, hence not reported: employment situation "
                    "(unemployed, long-term unemployed, inactive, employed), level of "
                    "education (ISCED), third-country nationals as such, rural residence. "
                    "Anonymised people count as participants but no longer carry their "
                    "vulnerabilities."
                ),
            ],
            tables=[
                report_book.Table(
                    title=self.env._("Participants by gender"),
                    headers=[
                        self.env._("Gender"),
                        self.env._("Participants"),
                        *bands,
                        self.env._("Foreign background"),
                        self.env._("With a disability"),
                        self.env._("Homeless or housing exclusion"),
                    ],
                    rows=self._migrant_esf_rows(),
                    total_label=self.env._("Total"),
                )
            ],
        )

    def _migrant_sheet_subsidies(self):
        """Subsidies whose execution overlaps the year (company-wide: they are not
        bound to an office), for those who may read them."""
        Subsidy = self.env["migrant.subsidy"]
        if not Subsidy.has_access("read"):
            return None
        subsidies = Subsidy.search(
            [
                ("state", "in", ("awarded", "in_execution", "justified", "closed")),
                "|",
                ("date_start", "=", False),
                ("date_start", "<=", datetime.date(self.year, 12, 31)),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", datetime.date(self.year, 1, 1)),
            ]
        )
        directions = dict(Subsidy._fields["direction"]._description_selection(self.env))
        rows = [
            [
                s.reference,
                s.name,
                directions[s.direction],
                s.partner_id.display_name,
                s.amount_awarded,
                s.amount_executed,
                s.amount_paid,
                s.amount_to_justify,
                s.amount_to_reimburse,
            ]
            for s in subsidies
        ]
        return report_book.Sheet(
            title=self.env._("Subsidies"),
            heading=self.env._("Subsidies in execution in %(year)s", year=self.year),
            tables=[
                report_book.Table(
                    title=self.env._("Subsidies granted and received"),
                    headers=[
                        self.env._("Reference"),
                        self.env._("Project"),
                        self.env._("Direction"),
                        self.env._("Counterparty"),
                        self.env._("Awarded"),
                        self.env._("Executed"),
                        self.env._("Paid"),
                        self.env._("To justify"),
                        self.env._("To reimburse"),
                    ],
                    rows=rows,
                    total_label=self.env._("Total"),
                )
            ],
        )

    def _migrant_report_sheets(self):
        """The report's sheets, in order. Addons add theirs::

            def _migrant_report_sheets(self):
                return super()._migrant_report_sheets() + [self._my_sheet()]

        A method may return ``None`` (nothing to show to this user): it is left out.
        """
        return [
            self._migrant_sheet_people(),
            self._migrant_sheet_nationality(),
            self._migrant_sheet_age(),
            self._migrant_sheet_services(),
            self._migrant_sheet_esf(),
            self._migrant_sheet_referrals(),
            self._migrant_sheet_permits(),
            self._migrant_sheet_subsidies(),
        ]

    # ---------------------------------------------------------------- actions
    def _migrant_build(self):
        self._migrant_check()
        if self.env.context.get("migrant_report_memo") is None:
            return self.with_context(migrant_report_memo={})._migrant_build()
        people, services = self._migrant_totals()
        cover = [
            (self.env._("Year"), self.year),
            (self.env._("Offices"), ", ".join(self._migrant_offices().mapped("name"))),
            (self.env._("People served"), people),
            (self.env._("Interventions"), services),
            (self.env._("Made by"), self.env.user.name),
            (self.env._("Made on"), fields.Date.context_today(self)),
        ]
        if not people:
            cover.append(
                (
                    self.env._("Note"),
                    self.env._(
                        "No interventions were recorded in %(year)s for these offices.",
                        year=self.year,
                    ),
                )
            )
        sheets = [sheet for sheet in self._migrant_report_sheets() if sheet]
        return report_book.write_report(
            self.env._("Annual report %(year)s", year=self.year), cover, sheets
        )

    def action_export(self):
        """Write the workbook and download it."""
        self.ensure_one()
        content = self._migrant_build()
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": self.env._("annual-report-%(year)s.xlsx", year=self.year),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
            "target": "self",
        }

    def action_print(self):
        """The summary of the same figures as a PDF, for a council meeting."""
        self.ensure_one()
        self._migrant_check()
        return self.env.ref("migrant_integration.action_report_migrant_annual").report_action(self)

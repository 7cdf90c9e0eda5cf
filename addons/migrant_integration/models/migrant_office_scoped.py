from odoo import api, models
from odoo.exceptions import AccessError, UserError

USER_GROUP = "migrant_integration.group_migrant_user"
MANAGER_GROUP = "migrant_integration.group_migrant_manager"


class MigrantOfficeScoped(models.AbstractModel):
    """A record that belongs to offices: who sees it, and who may move it.

    A model inheriting this mixin declares where its offices come from; one function,
    ``_migrant_install_office_rules``, called from the addon's security file, writes
    its record rules from that declaration (one pattern for every model):

    - technicians see and edit the records whose ``_migrant_office_paths`` lead to one
      of their offices (and those of people no office follows yet, through
      ``_migrant_unfollowed_path``); ``_migrant_office_read_paths`` only let them read;
    - coordinators see every office;
    - a multi-company rule on ``company_id``.

    Plain writes cannot move a record out of its office or into another's: only
    coordinators change the office (the change is tracked where the model tracks
    it), persons and cases written on the record must be visible to the user, and
    the fields of ``_migrant_action_fields`` (states, who recorded what) are written
    only by the record's own actions (which write them with ``sudo()`` after their
    checks).
    """

    _name = "migrant.office.scoped"
    _inherit = ["migrant.input.mixin"]
    _description = "Office-Bound Record"

    #: the stored field placing the record in an office (many2one or many2many)
    _migrant_office_field = "office_id"
    #: paths (from the record) to offices that see and edit the record
    _migrant_office_paths = ("office_id",)
    #: paths to offices that may only read the record
    _migrant_office_read_paths = ()
    #: path to a boolean that is false while no office follows the record's person
    _migrant_unfollowed_path = None
    #: fields written only by the record's actions
    _migrant_action_fields = ()

    # ------------------------------------------------------------------ rules
    @api.model
    def _migrant_office_rule_domains(self):
        """``(edit domain, read-only domain)`` of technicians, as rule source code."""

        def any_of(terms):
            return "[" + ", ".join(["'|'"] * (len(terms) - 1) + terms) + "]" if terms else ""

        offices = "user.migrant_office_ids.ids"
        edit = [f"('{path}', 'in', {offices})" for path in self._migrant_office_paths]
        if self._migrant_unfollowed_path:
            edit.append(f"('{self._migrant_unfollowed_path}', '=', False)")
        read = [f"('{path}', 'in', {offices})" for path in self._migrant_office_read_paths]
        return any_of(edit), any_of(read)

    @api.model
    def _migrant_install_office_rules(self, module, model_names):
        """Create or update the record rules of these office-bound models.

        Called from each addon's security XML after its groups exist; the rules get
        XML ids of ``module`` (``<model>_rule_office``, ``_rule_office_read``,
        ``_rule_all``, ``_rule_company``), so they go with it when it is uninstalled.
        """
        Rule = self.env["ir.rule"].sudo()
        user_group = self.env.ref(USER_GROUP)
        manager_group = self.env.ref(MANAGER_GROUP)
        scoped = self.env.registry.descendants([self._name], "_inherit")
        for model_name in model_names:
            Model = self.env[model_name]
            if model_name not in scoped:
                raise TypeError(f"{model_name} does not inherit {self._name}")
            model = self.env["ir.model"]._get(model_name)
            prefix = model_name.replace(".", "_")
            description = model.name
            edit, read = Model._migrant_office_rule_domains()
            rules = {
                f"{prefix}_rule_office": {
                    "name": f"{description}: own offices",
                    "domain_force": edit,
                    "groups": [user_group.id],
                },
                f"{prefix}_rule_all": {
                    "name": f"{description}: coordinators see all",
                    "domain_force": "[(1, '=', 1)]",
                    "groups": [manager_group.id],
                },
            }
            if read:
                rules[f"{prefix}_rule_office_read"] = {
                    "name": f"{description}: offices it is shared with (read)",
                    "domain_force": read,
                    "groups": [user_group.id],
                    "perm_write": False,
                    "perm_create": False,
                    "perm_unlink": False,
                }
            if "company_id" in Model._fields:
                company_domain = (
                    "[('company_id', 'in', company_ids)]"
                    if Model._fields["company_id"].required
                    else "[('company_id', 'in', company_ids + [False])]"
                )
                rules[f"{prefix}_rule_company"] = {
                    "name": f"{description}: multi-company",
                    "domain_force": company_domain,
                    "groups": [],
                }
            for name, values in rules.items():
                xml_id = f"{module}.{name}"
                values = dict(
                    values,
                    model_id=model.id,
                    groups=[(6, 0, values["groups"])],
                )
                rule = self.env["ir.model.data"]._load_xmlid(xml_id)
                if rule:
                    rule.write(values)
                else:
                    rule = Rule.create(values)
                    self.env["ir.model.data"]._update_xmlids(
                        [{"xml_id": xml_id, "record": rule, "noupdate": False}]
                    )

    # ------------------------------------------------------------------ checks
    @api.model
    def _migrant_is_coordinator(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    def _migrant_check_action_fields(self, vals):
        """States and the like move only through the record's actions: a plain create
        gives them their default, a plain write leaves them as they are."""
        if self.env.su:
            return
        fnames = set(self._migrant_action_fields) & set(vals)
        if not fnames:
            return

        def same(fname, value, record, given):
            field = self._fields[fname]
            cache = field.convert_to_cache
            return cache(value, record) == cache(given, record)

        if self:
            forbidden = {
                fname
                for fname in fnames
                for record in self
                if not same(fname, record[fname], record, vals[fname])
            }
        else:
            defaults = self.default_get(list(fnames))
            forbidden = {
                fname
                for fname in fnames
                if not same(fname, defaults.get(fname, False), self, vals[fname])
            }
        if forbidden:
            labels = ", ".join(
                self._fields[fname]._description_string(self.env) for fname in sorted(forbidden)
            )
            raise UserError(
                self.env._(
                    "%(fields)s of a %(record)s change only through its buttons.",
                    fields=labels,
                    record=self._description,
                )
            )

    @api.model
    def _migrant_check_people(self, vals):
        """Persons and case files written on the record must be visible to the user."""
        if self.env.su:
            return
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if not (field and field.type == "many2one" and value):
                continue
            if field.comodel_name == "res.partner":
                self.env["res.partner"].browse(value)._migrant_check_person_access()
            elif field.comodel_name == "migrant.case":
                self.env["migrant.case"].browse(value).check_access("read")

    def _migrant_action_write(self, vals):
        """What an action writes, after the user's own right to change the records."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _migrant_check_state(self, allowed, action):
        """Refuse an action on records that are not in one of the ``allowed`` states."""
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(records)s cannot be %(action)s while %(state)s.",
                    records=", ".join(wrong.mapped("display_name")),
                    action=action,
                    state=", ".join(sorted({labels[r.state].lower() for r in wrong})),
                )
            )

    def _migrant_offices(self):
        """``{record id: offices}`` of the office field, read as superuser."""
        fname = self._migrant_office_field
        return {record.id: record[fname] for record in self.sudo()}

    def _migrant_office_triggers(self):
        """The fields whose writing may move the record to another office."""
        if not self._migrant_office_field:
            return set()
        field = self._fields[self._migrant_office_field]
        return {field.name} | {path.split(".")[0] for path in self.pool.field_depends[field]}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._migrant_check_action_fields(vals)
            self._migrant_check_people(vals)
        return super().create(vals_list)

    def write(self, vals):
        if self.env.su or not self:
            return super().write(vals)
        self._migrant_check_action_fields(vals)
        self._migrant_check_people(vals)
        watched = self._migrant_office_triggers() & set(vals)
        before = self._migrant_offices() if watched else None
        result = super().write(vals)
        if watched and not self._migrant_is_coordinator():
            moved = self.filtered(lambda r: before[r.id] != r.sudo()[self._migrant_office_field])
            if moved:
                raise AccessError(
                    self.env._(
                        "Only a coordinator moves a %(record)s to another office " "(%(names)s).",
                        record=self._description,
                        names=", ".join(moved.sudo().mapped("display_name")),
                    )
                )
        return result

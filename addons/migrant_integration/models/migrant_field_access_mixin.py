from odoo import api, models


class MigrantFieldAccessMixin(models.AbstractModel):
    """Searching, grouping or sorting on a field is reading it.

    Odoo refuses to read a field restricted to groups (``groups=``) to users outside
    them, and checks the stored columns it puts in SQL, but not the relational or
    computed fields of a search domain nor the fields a ``read_group`` groups by:
    this mixin refuses those too, so that nobody finds people by a field they may
    not read (``vulnerability_ids != False``, ``permit_ids != False``...).
    """

    _name = "migrant.field.access.mixin"
    _description = "Field Access in Searches"

    @api.model
    def _migrant_check_fields_access(self, fnames):
        """Searching, grouping or sorting on a field is reading it: refuse the fields
        the user may not read (Odoo checks only the stored columns it puts in SQL)."""
        if self.env.su:
            return
        hidden = [
            fname
            for fname in fnames
            if fname in self._fields and not self._fields[fname].is_accessible(self.env)
        ]
        if hidden:
            self.check_field_access_rights("read", hidden)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            self._migrant_check_fields_access(
                [
                    leaf[0].split(".")[0]
                    for leaf in domain
                    if isinstance(leaf, list | tuple) and leaf and isinstance(leaf[0], str)
                ]
            )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        if not self.env.su:
            self._migrant_check_fields_access(
                [
                    spec.split(":")[0].split(".")[0]
                    for spec in (*groupby, *aggregates)
                    if spec != "__count"
                ]
            )
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )

"""Plain Python rules of the addon: no Odoo import, tested by pytest alone."""

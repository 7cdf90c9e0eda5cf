from . import rural_municipality

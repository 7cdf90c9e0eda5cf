from . import rural_matching_wizard
from . import rural_itinerary_new
from . import migrant_annual_report

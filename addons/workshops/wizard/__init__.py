from . import workshop_session_generate
from . import migrant_annual_report

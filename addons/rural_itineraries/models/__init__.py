from . import rural_municipality
from . import rural_job_offer
from . import rural_sector
from . import project_project
from . import rural_placement
from . import rural_followup_visit
from . import rural_feedback
from . import rural_indicator

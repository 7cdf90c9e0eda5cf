from . import event_event
from . import workshop_session
from . import workshop_attendance
from . import workshop_headcount
from . import event_registration
from . import workshop_weekday
from . import event_type
from . import workshop_statistics

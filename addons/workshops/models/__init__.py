from . import event_event
from . import event_registration
from . import workshop_session

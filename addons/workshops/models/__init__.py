from . import event_event
from . import workshop_session
from . import res_partner

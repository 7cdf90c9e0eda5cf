from . import test_workshop_session
from . import test_personal_data

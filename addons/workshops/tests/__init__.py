from . import test_workshop_session

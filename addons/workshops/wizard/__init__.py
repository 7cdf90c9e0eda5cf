from . import workshop_session_generate

from . import test_workshop_session
from . import test_personal_data
from . import test_attendance
from . import test_security_matrix

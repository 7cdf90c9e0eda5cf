from . import test_office
from . import test_identity_document
from . import test_partner
from . import test_household
from . import test_case
from . import test_security
from . import test_performance
from . import test_permit

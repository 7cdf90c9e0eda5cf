from . import test_rural_municipality
from . import test_rural_itinerary
from . import test_rural_indicator
from . import test_rural_matching
from . import test_security_matrix
from . import test_rural_statistics
from . import test_rural_personal_data

from . import test_rural_municipality

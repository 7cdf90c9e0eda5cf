from . import test_office

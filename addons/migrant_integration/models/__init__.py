from . import migrant_office
from . import res_users

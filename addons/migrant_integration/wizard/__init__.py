from . import res_partner_anonymize
from . import migrant_subject_access_export
from . import migrant_settings
from . import migrant_annual_report
from . import migrant_subsidy_workbook

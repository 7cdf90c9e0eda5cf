from . import migrant_anonymize_wizard
from . import migrant_subject_access_export

from . import migrant_referral_report

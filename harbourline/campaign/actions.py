from harbourline.audit.actions import AuditAction


class CampaignAction(AuditAction):
    CAMPAIGN_CREATED = "campaign.created"
    CAMPAIGN_UPDATED = "campaign.updated"
    PHASE_SAVED = "campaign.phase_saved"
    ACTIVITY_RECORDED = "campaign.activity_recorded"
    ACTIVITY_UPDATED = "campaign.activity_updated"
    ACTIVITIES_IMPORTED = "campaign.activities_imported"
    INSTRUMENT_SAVED = "campaign.instrument_saved"
    ROUND_SAVED = "campaign.round_saved"
    RESPONSE_RECORDED = "campaign.response_recorded"
    RESPONSES_IMPORTED = "campaign.responses_imported"
    REPORT_EXPORTED = "campaign.report_exported"

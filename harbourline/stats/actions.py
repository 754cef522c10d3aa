from harbourline.audit.actions import AuditAction


class StatsAction(AuditAction):
    FIGURES_VIEWED = "stats.figures_viewed"
    FIGURES_DOWNLOADED = "stats.figures_downloaded"
    ANNUAL_DOWNLOADED = "stats.annual_downloaded"
    ANNUAL_EXACT_DOWNLOADED = "stats.annual_exact_downloaded"

from harbourline.audit.actions import AuditAction


class PublicAction(AuditAction):
    PAGE_CREATED = "public.page_created"
    PAGE_VERSION_SAVED = "public.page_version_saved"
    PAGE_VERSION_PUBLISHED = "public.page_version_published"
    PAGE_VERSION_APPROVED = "public.page_version_approved"
    PAGE_VERSION_RESTORED = "public.page_version_restored"
    MATERIAL_ADDED = "public.material_added"
    MATERIAL_PUBLISHED = "public.material_published"
    MATERIAL_WITHDRAWN = "public.material_withdrawn"

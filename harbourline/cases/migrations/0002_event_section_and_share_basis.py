"""Shares say what they rest on (consent, a supervisor's override, a joint intake), so withdrawing consent
ends the shares resting on it. Existing shares with an override reason rest on the override; the joint
intakes made from tips are recognised by their reason.

Case history events carry the section they belong to, and are shown only to readers of that section.

Existing events are given their section from their kind (the same table as services.common.EVENT_SECTION,
copied here so the migration does not change when the code does). A file event does not say which kind of
file it was, so it goes to the identity section, the narrower one.
"""

from django.db import migrations, models

EVENT_SECTION = {
    "person_updated": "identity",
    "dependant_added": "identity",
    "consent": "identity",
    "consent_withdrawn": "identity",
    "shared": "identity",
    "share_revoked": "identity",
    "share_kept": "identity",
    "attachment": "identity",
    "health_updated": "health",
    "plan_item": "plan",
    "task": "plan",
    "task_done": "plan",
    "note": "notes",
}


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    CaseEvent = apps.get_model("cases", "CaseEvent")
    for kind, section in EVENT_SECTION.items():
        CaseEvent.objects.filter(kind=kind).update(section=section)
    CaseShare = apps.get_model("cases", "CaseShare")
    for share in CaseShare.objects.all().iterator():  # reasons are encrypted: compared after decryption
        if share.consent_override_reason:
            basis = "override"
        elif share.reason == "Joint intake from a tip":
            basis = "joint_intake"
        else:
            continue
        CaseShare.objects.filter(pk=share.pk).update(basis=basis)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_cases_persons_and_protection")]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="section",
            field=models.CharField(
                default="case",
                help_text="The case section the event belongs to; shown only to those who may read that section.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="caseshare",
            name="basis",
            field=models.CharField(
                choices=[
                    ("consent", "The person's consent"),
                    ("override", "A supervisor's override, with a reason"),
                    ("joint_intake", "Joint intake from a tip (case section only)"),
                ],
                default="consent",
                help_text="What the share rests on; a share resting on consent ends when the consent is withdrawn.",
                max_length=20,
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

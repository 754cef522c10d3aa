from django.db import models


class FloorTip(models.Model):
    reference = models.CharField(max_length=14, unique=True)
    idempotency_key = models.UUIDField(unique=True)
    language = models.CharField(max_length=5)
    what_happened = models.BinaryField()
    danger_now = models.CharField(max_length=10)
    child_involved = models.CharField(max_length=10)
    district = models.CharField(max_length=10, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.reference


class FloorAudit(models.Model):
    occurred_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)

    def __str__(self) -> str:
        return f"{self.action} {self.object_id}"

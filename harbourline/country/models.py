from django.db import models


class Country(models.Model):
    code = models.CharField(max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2")
    name = models.CharField(max_length=100)
    profile = models.JSONField(default=dict, help_text="The profile as loaded, for reference.")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    code = models.CharField(max_length=6, primary_key=True, help_text="ISO 3166-2")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(max_length=100)
    population_2010 = models.PositiveIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

"""Travel for the international work and its climate cost (issue 17, point 4).

A trip belongs to an activity (a visit, a network meeting, an exchange): how many
travelled, from where to where, how. Its distance is stated, or the great-circle
distance between the two places from the offline gazetteer. Its footprint is read,
never stored: distance × the municipality's emission factor for the mode
(``travel.selectors``), so a corrected factor corrects every figure.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import ArchivableModel


class Mode(models.TextChoices):
    FLIGHT = "flight", _("Flyg")
    TRAIN = "train", _("Tåg")
    BUS = "bus", _("Buss")
    CAR = "car", _("Bil")
    BOAT = "boat", _("Båt eller färja")


class Trip(ArchivableModel):
    """One journey of one or more travellers by one mode, out and (usually) back."""

    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="trips",
        verbose_name=_("aktivitet"),
    )
    travellers = models.PositiveIntegerField(
        _("antal resenärer"),
        default=1,
        validators=[
            MinValueValidator(1, _("Minst en resenär.")),
            MaxValueValidator(1000, _("Högst 1 000 resenärer per resa.")),
        ],
    )
    mode = models.CharField(_("färdsätt"), max_length=10, choices=Mode.choices)
    origin = models.CharField(_("från ort"), max_length=120, blank=True)
    origin_country = models.CharField(_("från land"), max_length=2, blank=True)
    destination = models.CharField(_("till ort"), max_length=120, blank=True)
    destination_country = models.CharField(_("till land"), max_length=2, blank=True)
    distance_km = models.DecimalField(
        _("sträcka i km (enkel resa)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.1"), _("Sträckan måste vara större än noll.")),
            MaxValueValidator(Decimal(25000), _("Högst 25 000 km.")),
        ],
        help_text=_("Lämna tomt för att räkna fågelvägen mellan orterna."),
    )
    #: Between the two places as the gazetteer has them, set when saved (None: not found).
    great_circle_km = models.DecimalField(
        _("fågelvägen i km"), max_digits=7, decimal_places=1, null=True, blank=True, editable=False
    )
    round_trip = models.BooleanField(_("tur och retur"), default=True)
    travelled_on = models.DateField(
        _("resdag"),
        null=True,
        blank=True,
        help_text=_("Avgör vilket år resan räknas till; utan den aktivitetens startår."),
    )

    class Meta:
        verbose_name = _("resa")
        verbose_name_plural = _("resor")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(travellers__gte=1), name="trip_travellers"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.origin} – {self.destination}".strip()


class EmissionFactor(ArchivableModel):
    """A municipality's own factor for a mode, replacing the shipped one while current."""

    mode = models.CharField(_("färdsätt"), max_length=10, choices=Mode.choices)
    grams = models.DecimalField(
        _("gram CO₂e per personkilometer"),
        max_digits=7,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal(0), _("Faktorn kan inte vara negativ.")),
            MaxValueValidator(Decimal(10000), _("Högst 10 000 gram per kilometer.")),
        ],
        help_text=_("För bil: per fordonskilometer."),
    )
    source = models.CharField(_("källa"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("år"),
        validators=[
            MinValueValidator(1990, _("Ange ett år från 1990.")),
            MaxValueValidator(2100, _("Ange ett år före 2100.")),
        ],
    )

    class Meta:
        verbose_name = _("utsläppsfaktor")
        verbose_name_plural = _("utsläppsfaktorer")
        ordering = ["mode"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "mode"],
                condition=models.Q(archived_at__isnull=True),
                name="one_current_factor_per_mode",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.grams} g"

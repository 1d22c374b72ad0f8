"""The municipality's registry of partner organisations (A7), one row per organisation."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.countries import country_name
from utblick.core.models import (
    ArchivableModel,
    ArchivableQuerySet,
    CoordinateSource,
    coordinate_field,
)
from utblick.core.text import fold
from utblick.core.validators import validate_organisation_number, validate_pic, validate_vat_number


class PartnerKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommun/stad")
    REGION = "region", _("Region")
    UNIVERSITY = "university", _("Universitet/högskola")
    COMPANY = "company", _("Företag")
    ASSOCIATION = "association", _("Förening/organisation")
    NETWORK = "network", _("Nätverksorganisation")
    AUTHORITY = "authority", _("Nationell myndighet")
    EU_BODY = "eu_body", _("EU-organ")


class PartnerQuerySet(ArchivableQuerySet):
    def matching(self, name: str, country: str) -> PartnerQuerySet:
        """The same organisation: name equal ignoring case and diacritics, same country."""
        return self.filter(name_key=fold(" ".join(name.split())), country=country)


class Partner(ArchivableModel):
    """An organisation the municipality works with: a city, a university, a network…"""

    name = models.CharField(_("namn"), max_length=200)
    name_key = models.CharField(_("namn för jämförelse"), max_length=200, editable=False)
    kind = models.CharField(_("typ"), max_length=20, choices=PartnerKind.choices)
    country = models.CharField(_("land"), max_length=2, help_text=_("ISO 3166-1, t.ex. FI."))
    place = models.CharField(_("ort"), max_length=120, blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    latitude = coordinate_field(
        _("latitud"),
        90,
        _(
            "För kartan, t.ex. 58.38069. Utan egna koordinater hämtas ortens från ortregistret "
            "(GeoNames); finns inte orten där placeras partnern mitt i landet."
        ),
    )
    longitude = coordinate_field(_("longitud"), 180)
    coordinates_source = models.CharField(
        _("koordinaternas källa"),
        max_length=10,
        choices=CoordinateSource.choices,
        blank=True,
        editable=False,
    )
    # Identifiers that other registers know the organisation by (the EU's, the country's).
    pic = models.CharField(
        _("PIC-nummer"),
        max_length=9,
        blank=True,
        validators=[validate_pic],
        help_text=_("EU:s deltagarkod (Participant Identification Code), nio siffror."),
    )
    vat_number = models.CharField(
        _("momsregistreringsnummer"),
        max_length=15,
        blank=True,
        validators=[validate_vat_number],
        help_text=_("Med landskod, t.ex. SE212000262701 eller DE811115368."),
    )
    organisation_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Svenskt organisationsnummer, NNNNNN-NNNN."),
    )
    national_id = models.CharField(
        _("annat nationellt id"),
        max_length=60,
        blank=True,
        help_text=_("Registrets id i partnerns land, t.ex. HRB 12345 eller FI 0201256-6."),
    )
    example = models.BooleanField(_("exempel"), default=False)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name_key", "country"],
                name="partner_unique_per_municipality",
                violation_error_message=_("Partnern finns redan i registret."),
            ),
            models.UniqueConstraint(
                fields=["municipality", "pic"],
                condition=~models.Q(pic=""),
                name="partner_pic_unique",
                violation_error_message=_("En annan partner har redan det PIC-numret."),
            ),
        ]
        indexes = [models.Index(fields=["municipality", "country"], name="partner_country_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_name})" if self.country else self.name

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.municipality.slug, self.pk])

    def save(self, *args: object, **kwargs: object) -> None:
        # Derived, not business logic: the comparison key always follows the name.
        self.name = " ".join(self.name.split())
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

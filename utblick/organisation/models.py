"""The municipality's organisation (O1) and the people in its international work (O3, O4)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import ArchivableModel, ArchivableQuerySet


class UnitKind(models.TextChoices):
    COUNCIL = "council", _("Kommunfullmäktige")
    EXECUTIVE_BOARD = "executive_board", _("Kommunstyrelse")
    COMMITTEE = "committee", _("Nämnd")
    COMPANY = "company", _("Bolag")
    DEPARTMENT = "department", _("Förvaltning/kontor")
    DRAFTING_COMMITTEE = "drafting_committee", _("Beredning")
    INTERNATIONAL_UNIT = "international_unit", _("Internationell enhet")


class UnitQuerySet(ArchivableQuerySet):
    def descendant_ids(self, root_ids: Iterable[int]) -> frozenset[int]:
        """The given units and every unit below them (one query per level)."""
        found = set(root_ids)
        frontier = set(found)
        while frontier:
            frontier = (
                set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
                - found
            )
            found |= frontier
        return frozenset(found)


class Unit(ArchivableModel):
    """A body or part of the municipal organisation: council, board, committee, office…"""

    key = models.SlugField(
        _("nyckel"), max_length=60, help_text=_("Kort och stabil, används i policyfilen.")
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad enhet"),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    example = models.BooleanField(
        _("exempel"), default=False, help_text=_("Påhittad demopost, inte ur källtexten.")
    )
    source = models.CharField(_("källa"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"],
                name="unit_key_unique_per_municipality",
                violation_error_message=_("Det finns redan en enhet med den nyckeln."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:unit_detail", args=[self.municipality.slug, self.pk])


class ContactQuerySet(ArchivableQuerySet):
    def publishable(self) -> Self:
        """Contacts whose details may be shown publicly (O4)."""
        return self.current().filter(consent_to_publish=True)


class Contact(ArchivableModel):
    """A person in the international work: a contact person of a unit (O3)."""

    key = models.SlugField(_("nyckel"), max_length=60)
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("enhet")
    )
    appointed_by = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointed_contacts",
        verbose_name=_("utsedd av"),
        help_text=_("Nämnden eller styrelsen som utsett kontaktpersonen."),
    )
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    role = models.CharField(_("roll i det internationella arbetet"), max_length=200, blank=True)
    consent_to_publish = models.BooleanField(
        _("samtycker till publicering"),
        default=False,
        help_text=_("Kontaktuppgifterna får visas publikt bara med personens samtycke."),
    )
    consent_recorded_on = models.DateField(_("samtycke registrerat"), null=True, blank=True)
    example = models.BooleanField(
        _("exempel"), default=False, help_text=_("Påhittad demoperson, inte ur källtexten.")
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"],
                name="contact_key_unique_per_municipality",
                violation_error_message=_("Det finns redan en kontaktperson med den nyckeln."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:contact_detail", args=[self.municipality.slug, self.pk])


class CompetenceKind(models.TextChoices):
    JOINT = "joint", _("Gemensam")
    INDIVIDUAL = "individual", _("Individuell")


class CompetenceEntry(ArchivableModel):
    """Competence development a contact person has had (O3)."""

    contact = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        related_name="competence",
        verbose_name=_("kontaktperson"),
    )
    date = models.DateField(_("datum"))
    title = models.CharField(_("insats"), max_length=200)
    kind = models.CharField(_("form"), max_length=20, choices=CompetenceKind.choices)
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("kompetensutveckling")
        verbose_name_plural = _("kompetensutveckling")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

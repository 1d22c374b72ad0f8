"""A municipality's sign-in through its own identity provider (OpenID Connect)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from utblick.core.models import TenantModel


def split_values(text: str) -> list[str]:
    """Values written one a line or separated by commas or spaces, without blanks."""
    return [v for v in text.replace(",", " ").split() if v]


class SsoSettings(TenantModel):
    """How a municipality's members sign in with their organisation's account (one row each).

    The client secret is kept either as the name of an environment variable or
    encrypted (``client_secret_encrypted``, see ``sso.crypto``; the history keeps only
    the encrypted form); it is never shown.
    """

    SHOW_IN_RECENT_CHANGES = False

    enabled = models.BooleanField(_("använd inloggning via organisationens konto"), default=False)
    issuer = models.URLField(
        _("utfärdare (issuer)"),
        max_length=300,
        blank=True,
        help_text=_(
            "Entra ID: https://login.microsoftonline.com/<katalog-id>/v2.0, där katalog-id är "
            "Directory (tenant) ID. "
            "ADFS: https://<adfs-servern>/adfs. Utblick läser resten från "
            "/.well-known/openid-configuration under adressen."
        ),
    )
    client_id = models.CharField(
        _("klient-id (client id)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Entra ID: programmets Application (client) ID. ADFS: klientidentifieraren "
            "för programgruppen."
        ),
    )
    client_secret_env = models.CharField(
        _("miljövariabel med klienthemligheten"),
        max_length=100,
        blank=True,
        help_text=_(
            "Namnet på en miljövariabel på servern som innehåller hemligheten, till exempel "
            "UTBLICK_SSO_SECRET_KUNGALV. Lämna tomt om du i stället skriver in hemligheten nedan."
        ),
    )
    client_secret_encrypted = models.TextField(
        _("krypterad klienthemlighet"), blank=True, editable=False
    )
    extra_scopes = models.CharField(
        _("extra omfång (scopes)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Utöver openid, email och profile. ADFS: allatclaims, så att anspråken från "
            "utfärdandereglerna (e-post, grupper) kommer med i ID-token. Entra ID: lämna tomt."
        ),
    )
    allowed_domains = models.TextField(
        _("tillåtna e-postdomäner"),
        blank=True,
        help_text=_(
            "En eller flera domäner, till exempel kungalv.se. Bara konton med e-post i "
            "dessa domäner kan logga in. Lämnas fältet tomt krävs att leverantören "
            "intygar att adressen är verifierad (email_verified)."
        ),
    )
    group_claim = models.CharField(
        _("anspråk med grupper (claim)"),
        max_length=100,
        blank=True,
        help_text=_(
            "Entra ID: groups (grupper läggs till under Token configuration; värdena är "
            "gruppernas objekt-id). ADFS: det anspråk ni har konfigurerat, till exempel "
            "groups eller role. Lämna tomt så behåller medlemmar sin roll och nya blir läsare."
        ),
    )
    coordinator_groups = models.TextField(
        _("grupper som blir samordnare"),
        blank=True,
        help_text=_("Ett gruppvärde per rad, till exempel utblick-samordnare."),
    )
    editor_groups = models.TextField(
        _("grupper som blir redaktörer"),
        blank=True,
        help_text=_("Ett gruppvärde per rad. Alla andra blir läsare."),
    )
    editor_units = models.ManyToManyField(
        "organisation.Unit",
        blank=True,
        related_name="+",
        verbose_name=_("enheter för redaktörer från gruppen"),
        help_text=_("Redaktörer som får rollen via gruppen ändrar uppgifter för dessa enheter."),
    )
    require_sso = models.BooleanField(
        _("Kräv inloggning via organisationens konto"),
        default=False,
        help_text=_(
            "Kommunens medlemmar kan då inte logga in med lösenord i Utblick. "
            "Plattformsadministratörer undantas."
        ),
    )

    class Meta:
        verbose_name = _("inloggning via organisationens konto")
        verbose_name_plural = _("inloggning via organisationens konto")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], name="one_sso_settings_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.issuer}"

    @property
    def domains(self) -> list[str]:
        return [d.lower().lstrip("@") for d in split_values(self.allowed_domains)]

    @property
    def scope(self) -> str:
        return " ".join(
            dict.fromkeys(["openid", "email", "profile", *split_values(self.extra_scopes)])
        )

    @property
    def has_secret(self) -> bool:
        return bool(self.client_secret_env or self.client_secret_encrypted)

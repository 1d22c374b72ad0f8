"""Writes a person makes to their own account: a new e-mail address, a new password.

Both are recorded as :class:`AccountEvent` rows (who, when, before and after);
the address changes only when the new address has answered a signed link, so
a mistyped address never locks anyone out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from utblick.accounts.models import AccountEvent
from utblick.core import clock

EMAIL_SALT = "utblick.accounts.email-change"
EMAIL_LINK_DAYS = 2


class ClockedTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset links, timed by the product's clock (tests can move it)."""

    def _now(self) -> Any:
        return clock.now().replace(tzinfo=None)


password_reset_tokens = ClockedTokenGenerator()


def password_set(*, user: Any, password: str, by: Any, kind: str) -> None:
    """The one door for a new password (changed while signed in, or reset by e-mail)."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        AccountEvent.objects.create(user=user, kind=kind, at=clock.now(), by=by)


@dataclass(frozen=True)
class EmailChange:
    user_id: int
    old: str
    new: str


def _email_link(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:email_confirm", args=[token])


def email_change_request(*, user: Any, new_email: str, password: str) -> None:
    """Send a confirmation link to ``new_email``; the address itself is not changed yet."""
    new_email = get_user_model().objects.normalize_email(new_email.strip())
    if not user.check_password(password):
        raise ValidationError({"password": _("Lösenordet stämmer inte.")})
    if new_email.lower() == (user.email or "").lower():
        raise ValidationError({"email": _("Det är redan din e-postadress.")})
    token = signing.dumps(
        {"u": user.pk, "old": user.email, "new": new_email, "t": clock.now().timestamp()},
        salt=EMAIL_SALT,
    )
    with translation.override("sv"):
        subject = _("Bekräfta din nya e-postadress i Utblick")
        body = _(
            "Hej %(name)s!\n\n"
            "Någon – förhoppningsvis du – vill byta e-postadressen för ditt konto i Utblick "
            "till den här adressen. Bekräfta bytet här:\n%(link)s\n\n"
            "Länken gäller i %(days)s dygn. Bad du inte om bytet kan du bortse från meddelandet; "
            "ingenting ändras då.\n"
        ) % {
            "name": user.get_full_name() or user.get_username(),
            "link": _email_link(token),
            "days": EMAIL_LINK_DAYS,
        }
        notice = _(
            "Hej %(name)s!\n\n"
            "Någon har bett om att byta e-postadressen för ditt konto i Utblick till %(new)s. "
            "Adressen ändras först när länken som skickats dit har öppnats. Var det inte du, "
            "byt lösenord och kontakta din samordnare.\n"
        ) % {"name": user.get_full_name() or user.get_username(), "new": new_email}
    send_mail(subject, body, None, [new_email])
    if user.email:
        send_mail(_("Byte av e-postadress i Utblick"), notice, None, [user.email])


def email_change_read(token: str) -> EmailChange | None:
    """The change a link asks for, or None when it is forged, altered or too old."""
    try:
        data = signing.loads(token, salt=EMAIL_SALT)
    except signing.BadSignature:
        return None
    issued = clock.now().timestamp() - float(data.get("t", 0))
    if issued < 0 or issued > timedelta(days=EMAIL_LINK_DAYS).total_seconds():
        return None
    return EmailChange(int(data["u"]), str(data["old"] or ""), str(data["new"]))


def email_change_confirm(*, user: Any, token: str) -> str:
    """Apply the change a link asks for, to the signed-in ``user``; returns the new address."""
    change = email_change_read(token)
    if change is None or change.user_id != user.pk:
        raise ValidationError(
            _("Länken är ogiltig eller för gammal. Be om en ny länk från sidan Mitt konto.")
        )
    User = get_user_model()
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        if (current.email or "") != change.old:
            raise ValidationError(
                _("E-postadressen har ändrats sedan länken skickades. Be om en ny länk.")
            )
        taken = User.objects.filter(email__iexact=change.new, is_active=True).exclude(pk=user.pk)
        if taken.exists():
            raise ValidationError(_("Adressen används redan av ett annat konto i Utblick."))
        current.email = change.new
        current.save(update_fields=["email"])
        AccountEvent.objects.create(
            user=current,
            kind=AccountEvent.Kind.EMAIL_CHANGED,
            old_value=change.old,
            new_value=change.new,
            at=clock.now(),
            by=user,
        )
    user.email = change.new
    return change.new

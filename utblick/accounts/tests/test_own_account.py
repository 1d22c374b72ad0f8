"""A person's own account: forgotten password by e-mail, a new e-mail address, the record of both."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from utblick.accounts.models import AccountEvent
from utblick.core import clock as product_clock
from utblick.testing.fixtures import PASSWORD, client_for

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ett-nytt-langt-losen-42"


def _link(message: Any) -> str:
    [link] = re.findall(r"https?://\S+", message.body)
    return urlsplit(link).path


def _signs_in(username: str, password: str) -> bool:
    response = client_for(None).post(
        reverse("accounts:login"), {"username": username, "password": password}
    )
    return response.status_code == 302


def _ask_for_reset(email: str) -> Any:
    return client_for(None).post(reverse("accounts:password_reset"), {"email": email})


def _reset_with(link: str, password: str = NEW_PASSWORD) -> Any:
    client = client_for(None)
    form_page = client.get(link, follow=True)
    return client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
    )


def test_a_forgotten_password_is_reset_through_a_swedish_e_mail(personas: dict[str, Any]) -> None:
    response = _ask_for_reset("uppsala-lasare@example.se")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["uppsala-lasare@example.se"]
    assert message.subject == "Nytt lösenord till Utblick"
    assert "Välj ett nytt lösenord här" in message.body
    assert "uppsala-lasare" in message.body
    done = _reset_with(_link(message))
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert _signs_in("uppsala-lasare", NEW_PASSWORD)
    assert not _signs_in("uppsala-lasare", PASSWORD)
    event = AccountEvent.objects.get(user=personas["reader"])
    assert event.kind == AccountEvent.Kind.PASSWORD_RESET


def test_a_reset_link_works_once(personas: dict[str, Any]) -> None:
    _ask_for_reset("uppsala-lasare@example.se")
    link = _link(mail.outbox[0])
    assert _reset_with(link).status_code == 302
    again = client_for(None).get(link, follow=True)
    assert "Länken är ogiltig" in again.content.decode()
    assert _reset_with(link, "ett-tredje-langt-losen-7").status_code == 200
    assert _signs_in("uppsala-lasare", NEW_PASSWORD)


def test_a_reset_link_expires_after_three_days(personas: dict[str, Any], clock: Any) -> None:
    clock.set(product_clock.now())
    _ask_for_reset("uppsala-lasare@example.se")
    link = _link(mail.outbox[0])
    clock.set(product_clock.now() + timedelta(days=3, hours=1))
    page = client_for(None).get(link, follow=True)
    assert "Länken är ogiltig" in page.content.decode()
    assert _signs_in("uppsala-lasare", PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(personas: dict[str, Any]) -> None:
    known = _ask_for_reset("uppsala-lasare@example.se")
    unknown = _ask_for_reset("ingen-alls@example.se")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_a_malformed_address_is_refused_in_swedish(db: Any) -> None:
    response = _ask_for_reset("inte en adress")
    assert response.status_code == 400
    assert "Fyll i en giltig e-postadress" in response.content.decode()


def test_many_reset_requests_from_one_connection_are_slowed(
    personas: dict[str, Any], settings: Any
) -> None:
    settings.UTBLICK_ANONYMOUS_FORM_LIMIT = 2
    statuses = [_ask_for_reset("uppsala-lasare@example.se").status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_the_login_page_links_to_the_forgotten_password_page(db: Any) -> None:
    page = client_for(None).get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in page


def test_a_new_e_mail_address_is_confirmed_from_that_address(personas: dict[str, Any]) -> None:
    reader = personas["reader"]
    client = client_for(reader)
    response = client.post(
        reverse("accounts:account"), {"email": "ny.adress@uppsala.se", "password": PASSWORD}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.email == "uppsala-lasare@example.se"  # not before the link is opened
    confirm, notice = mail.outbox
    assert confirm.to == ["ny.adress@uppsala.se"]
    assert notice.to == ["uppsala-lasare@example.se"]
    assert "ny.adress@uppsala.se" in notice.body
    link = _link(confirm)
    page = client.get(link)
    assert "Bekräfta bytet" in page.content.decode()
    reader.refresh_from_db()
    assert reader.email == "uppsala-lasare@example.se"  # a GET (a mail scanner) changes nothing
    assert client.post(link).status_code == 302
    reader.refresh_from_db()
    assert reader.email == "ny.adress@uppsala.se"
    event = AccountEvent.objects.get(user=reader)
    assert (event.kind, event.old_value, event.new_value, event.by) == (
        AccountEvent.Kind.EMAIL_CHANGED,
        "uppsala-lasare@example.se",
        "ny.adress@uppsala.se",
        reader,
    )
    assert "ny.adress@uppsala.se" in client.get(reverse("accounts:account")).content.decode()
    assert client.post(link).status_code == 400  # used: the address is no longer the old one


def test_a_wrong_password_sends_no_link(personas: dict[str, Any]) -> None:
    response = client_for(personas["reader"]).post(
        reverse("accounts:account"), {"email": "ny@uppsala.se", "password": "fel"}
    )
    assert response.status_code == 400
    assert "Lösenordet stämmer inte" in response.content.decode()
    assert mail.outbox == []


def test_another_persons_or_an_altered_or_old_link_changes_nothing(
    personas: dict[str, Any], clock: Any
) -> None:
    clock.set(product_clock.now())
    reader, editor = personas["reader"], personas["editor"]
    client_for(reader).post(
        reverse("accounts:account"), {"email": "ny@uppsala.se", "password": PASSWORD}
    )
    link = _link(mail.outbox[0])
    assert client_for(editor).post(link).status_code == 400
    assert client_for(reader).post(link[:-3] + "abc/").status_code == 400
    clock.set(product_clock.now() + timedelta(days=2, hours=1))
    old = client_for(reader).post(link)
    assert old.status_code == 400
    assert "för gammal" in old.content.decode()
    reader.refresh_from_db()
    editor.refresh_from_db()
    assert reader.email == "uppsala-lasare@example.se"
    assert editor.email == "uppsala-redaktor@example.se"
    assert not AccountEvent.objects.exists()


def test_an_address_another_account_has_is_refused_at_confirmation(
    personas: dict[str, Any],
) -> None:
    client = client_for(personas["reader"])
    client.post(
        reverse("accounts:account"),
        {"email": "uppsala-redaktor@example.se", "password": PASSWORD},
    )
    response = client.post(_link(mail.outbox[0]))
    assert response.status_code == 400
    assert "används redan" in response.content.decode()


def test_a_password_change_is_recorded(personas: dict[str, Any]) -> None:
    client = client_for(personas["reader"])
    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    event = AccountEvent.objects.get(user=personas["reader"])
    assert event.kind == AccountEvent.Kind.PASSWORD_CHANGED
    assert "Lösenordet byttes" in client.get(reverse("accounts:account")).content.decode()

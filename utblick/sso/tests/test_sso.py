"""Sign-in through a municipality's own OpenID provider, against a real provider on loopback."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from utblick.accounts.models import Invitation, Membership
from utblick.accounts.services import invitation_create
from utblick.core.tenancy import Role, system_access
from utblick.organisation.models import Unit
from utblick.sso.models import SsoSettings
from utblick.sso.selectors import client_secret
from utblick.sso.tests.conftest import (
    Provider,
    configure_sso,
    sign_in_via_provider,
    start_and_authorize,
)
from utblick.testing.fixtures import PASSWORD, client_for, make_member

pytestmark = [
    pytest.mark.django_db,
    # The provider (Authlib's server inside oidc-provider-mock) uses an API Authlib deprecates.
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
]

User = get_user_model()


def text(response: Any) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def role_in(user: Any, municipality: Any) -> str | None:
    found = Membership.objects.filter(
        user=user, municipality=municipality, archived_at__isnull=True
    ).first()
    return found.role if found else None


@pytest.fixture
def sso(uppsala: Any, oidc_provider: Provider) -> SsoSettings:
    return configure_sso(uppsala, oidc_provider)


def test_first_sign_in_creates_the_account_with_the_groups_role(
    sso: SsoSettings, oidc_provider: Provider, uppsala: Any, umea: Any
) -> None:
    oidc_provider.add_user(
        "anna-1", email="anna@uppsala.se", given_name="Anna", groups=["utblick-samordnare"]
    )
    client = Client()
    response = sign_in_via_provider(client, oidc_provider, "anna-1", email="anna@uppsala.se")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:start", args=[uppsala.slug])
    anna = User.objects.get(email="anna@uppsala.se")
    assert not anna.has_usable_password()
    assert anna.first_name == "Anna"
    assert role_in(anna, uppsala) == Role.COORDINATOR
    assert list(Membership.objects.filter(user=anna).values_list("municipality", flat=True)) == [
        uppsala.pk
    ]
    assert client.get(reverse("dashboard:start", args=[uppsala.slug])).status_code == 200
    # Coordinator of Uppsala through Uppsala's provider: nothing at all in Umeå.
    assert client.get(reverse("dashboard:start", args=[umea.slug])).status_code == 404
    assert client.get(reverse("sso:settings", args=[umea.slug])).status_code == 404


def test_without_a_matching_group_the_new_member_is_a_reader(
    sso: SsoSettings, oidc_provider: Provider, uppsala: Any
) -> None:
    oidc_provider.add_user("bo-1", email="bo@uppsala.se", groups=["alla-anstallda"])
    sign_in_via_provider(Client(), oidc_provider, "bo-1", email="bo@uppsala.se")
    assert role_in(User.objects.get(email="bo@uppsala.se"), uppsala) == Role.READER


def test_the_group_mapping_applies_on_every_sign_in(
    oidc_provider: Provider, uppsala: Any, personas: Any
) -> None:
    unit = Unit.objects.get(municipality=uppsala, key="utbildningsnamnden")
    configure_sso(uppsala, oidc_provider, editor_units=[unit])
    member = make_member(uppsala, "cecilia", Role.READER)
    member.email = "cecilia@uppsala.se"
    member.save()
    oidc_provider.add_user("cecilia-1", email="cecilia@uppsala.se", groups="utblick-redaktorer")
    sign_in_via_provider(Client(), oidc_provider, "cecilia-1", email="cecilia@uppsala.se")
    membership = Membership.objects.get(user=member, municipality=uppsala)
    assert membership.role == Role.EDITOR
    assert list(membership.units.all()) == [unit]
    # Taken out of the group at the provider: a reader again at the next sign-in.
    oidc_provider.add_user("cecilia-1", email="cecilia@uppsala.se", groups=[])
    sign_in_via_provider(Client(), oidc_provider, "cecilia-1", email="cecilia@uppsala.se")
    assert role_in(member, uppsala) == Role.READER
    assert User.objects.filter(email__iexact="cecilia@uppsala.se").count() == 1


def test_an_address_outside_the_allowed_domains_is_refused(
    sso: SsoSettings, oidc_provider: Provider, uppsala: Any
) -> None:
    oidc_provider.add_user(
        "eve-1", email="eve@example.com", email_verified=True, groups=["utblick-samordnare"]
    )
    # She claims an Uppsala address at the start; the provider vouches for another.
    response = sign_in_via_provider(Client(), oidc_provider, "eve-1", email="eve@uppsala.se")
    assert response.status_code == 403
    assert "hör inte till de domäner som Uppsala kommun tillåter" in text(response)
    assert not User.objects.filter(email="eve@example.com").exists()
    assert "_auth_user_id" not in Client().session


def test_an_unverified_address_is_refused_when_no_domains_are_set(
    oidc_provider: Provider, uppsala: Any
) -> None:
    configure_sso(uppsala, oidc_provider, allowed_domains="")
    oidc_provider.add_user("frida-1", email="frida@uppsala.se", email_verified=False)
    response = sign_in_via_provider(
        Client(), oidc_provider, "frida-1", municipality=uppsala.pk, email="frida@uppsala.se"
    )
    assert response.status_code == 403
    assert "har inte bekräftat adressen" in text(response)
    oidc_provider.add_user("frida-1", email="frida@uppsala.se", email_verified=True)
    response = sign_in_via_provider(
        Client(), oidc_provider, "frida-1", municipality=uppsala.pk, email="frida@uppsala.se"
    )
    assert response.status_code == 302


def test_an_unknown_domain_at_the_start_gets_a_swedish_error(sso: SsoSettings) -> None:
    response = Client().post(reverse("sso:start"), {"email": "x@annanstans.se"})
    assert response.status_code == 200
    assert "Ingen kommun i Utblick loggar in med konton i den domänen" in text(response)
    assert BeautifulSoup(response.content, "html.parser").select_one(".error-summary")


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda q: q | {"state": ["forfalskad"]}, id="forged-state"),
        pytest.param(lambda q: {k: v for k, v in q.items() if k != "state"}, id="no-state"),
    ],
)
def test_a_forged_or_missing_state_is_refused(
    sso: SsoSettings, oidc_provider: Provider, tamper: Any
) -> None:
    oidc_provider.add_user("gustav-1", email="gustav@uppsala.se")
    client = Client()
    callback, _url = start_and_authorize(
        client, oidc_provider, "gustav-1", email="gustav@uppsala.se"
    )
    path, _sep, query = callback.partition("?")
    changed = tamper(parse_qs(query))
    response = client.get(path, {k: v[0] for k, v in changed.items()})
    assert response.status_code == 400
    assert "hör inte till någon inloggning som påbörjats här" in text(response)
    assert not User.objects.filter(email="gustav@uppsala.se").exists()


def test_an_answer_for_another_browser_is_refused(
    sso: SsoSettings, oidc_provider: Provider
) -> None:
    """The state is bound to the session that started: a stolen callback link does nothing."""
    oidc_provider.add_user("hanna-1", email="hanna@uppsala.se")
    callback, _url = start_and_authorize(
        Client(), oidc_provider, "hanna-1", email="hanna@uppsala.se"
    )
    response = Client().get(callback)
    assert response.status_code == 400
    assert not User.objects.filter(email="hanna@uppsala.se").exists()


def test_the_answer_is_used_once(sso: SsoSettings, oidc_provider: Provider) -> None:
    oidc_provider.add_user("ivar-1", email="ivar@uppsala.se")
    client = Client()
    callback, _url = start_and_authorize(client, oidc_provider, "ivar-1", email="ivar@uppsala.se")
    assert client.get(callback).status_code == 302
    client.logout()
    assert client.get(callback).status_code == 400


def test_a_wrong_nonce_in_the_id_token_is_refused(
    sso: SsoSettings, oidc_provider: Provider
) -> None:
    oidc_provider.add_user("jon-1", email="jon@uppsala.se")
    client = Client()
    callback, _url = start_and_authorize(client, oidc_provider, "jon-1", email="jon@uppsala.se")
    session = client.session
    session["utblick_sso"]["nonce"] = "inte-den-som-skickades"
    session.save()
    response = client.get(callback)
    assert response.status_code == 400
    assert "ID-token kunde inte verifieras" in text(response)
    assert not User.objects.filter(email="jon@uppsala.se").exists()


def test_state_nonce_and_pkce_are_sent_to_the_provider(
    sso: SsoSettings, oidc_provider: Provider
) -> None:
    client = Client()
    response = client.post(reverse("sso:start"), {"email": "kim@uppsala.se"})
    query = parse_qs(urlsplit(response["Location"]).query)
    flow = client.session["utblick_sso"]
    assert query["state"] == [flow["state"]]
    assert query["nonce"] == [flow["nonce"]]
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0] and query["code_challenge"][0] != flow["code_verifier"]
    assert query["login_hint"] == ["kim@uppsala.se"]


def test_a_provider_that_refuses_is_a_clear_message(
    sso: SsoSettings, oidc_provider: Provider
) -> None:
    client = Client()
    client.post(reverse("sso:start"), {"email": "lo@uppsala.se"})
    state = client.session["utblick_sso"]["state"]
    response = client.get(reverse("sso:callback"), {"state": state, "error": "access_denied"})
    assert response.status_code == 403
    assert "avbröts eller nekades" in text(response)


def test_a_member_of_another_municipality_gains_nothing_through_this_ones_provider(
    sso: SsoSettings, oidc_provider: Provider, uppsala: Any, umea: Any
) -> None:
    """An Umeå account whose address is in Uppsala's domain is not made an Uppsala member."""
    outsider = make_member(umea, "umea-person", Role.COORDINATOR)
    outsider.email = "mats@uppsala.se"
    outsider.save()
    oidc_provider.add_user("mats-1", email="mats@uppsala.se", groups=["utblick-samordnare"])
    client = Client()
    response = sign_in_via_provider(client, oidc_provider, "mats-1", email="mats@uppsala.se")
    assert response.status_code == 403
    assert "hör till en annan kommun" in text(response)
    assert role_in(outsider, uppsala) is None
    assert client.get(reverse("dashboard:start", args=[uppsala.slug])).status_code == 302


def test_an_umea_address_cannot_enter_umea_through_uppsalas_provider(
    sso: SsoSettings, oidc_provider: Provider, uppsala: Any, umea: Any
) -> None:
    configure_sso(umea, oidc_provider, client_id="utblick-umea")
    oidc_provider.add_user("nils-1", email="nils@umea.se", groups=["utblick-samordnare"])
    # Starts with Uppsala chosen: Uppsala's rules apply and Umeå's address is refused.
    response = sign_in_via_provider(
        Client(), oidc_provider, "nils-1", municipality=uppsala.pk, email="nils@umea.se"
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="nils@umea.se").exists()


def test_an_archived_member_is_not_let_back_in(
    sso: SsoSettings, oidc_provider: Provider, uppsala: Any
) -> None:
    member = make_member(uppsala, "olle", Role.READER)
    member.email = "olle@uppsala.se"
    member.save()
    Membership.objects.filter(user=member).update(archived_at="2026-01-01T00:00:00Z")
    oidc_provider.add_user("olle-1", email="olle@uppsala.se")
    response = sign_in_via_provider(Client(), oidc_provider, "olle-1", email="olle@uppsala.se")
    assert response.status_code == 403
    assert "behörighet i Uppsala kommun är borttagen" in text(response)


def test_a_platform_administrator_cannot_be_taken_over_through_a_provider(
    sso: SsoSettings, oidc_provider: Provider
) -> None:
    User.objects.create_superuser("admin", "admin@uppsala.se", PASSWORD)
    oidc_provider.add_user("admin-1", email="admin@uppsala.se")
    response = sign_in_via_provider(Client(), oidc_provider, "admin-1", email="admin@uppsala.se")
    assert response.status_code == 403


def invite(municipality: Any, email: str, capture: Any) -> tuple[Invitation, str]:
    """An invitation as a coordinator sends it; the link's key read from the e-mail."""
    with capture(execute=True):
        invitation = invitation_create(
            access=system_access(municipality),
            user=None,
            email=email,
            first_name="Inbjuden",
            last_name="",
            role=Role.READER,
            units=[],
        )
    token = mail.outbox[-1].body.split("/konto/inbjudan/")[1].split("/")[0]
    return invitation, token


def test_an_invitation_is_taken_up_through_the_provider(
    sso: SsoSettings,
    oidc_provider: Provider,
    uppsala: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    invitation, token = invite(uppsala, "petra@uppsala.se", django_capture_on_commit_callbacks)
    oidc_provider.add_user("petra-1", email="petra@uppsala.se", groups=["utblick-samordnare"])
    page = Client().get(reverse("accounts:invitation_accept", args=[token]))
    form = BeautifulSoup(page.content, "html.parser").select_one(
        f"form[action='{reverse('sso:invitation', args=[token])}']"
    )
    assert form is not None
    client = Client()
    response = client.post(reverse("sso:invitation", args=[token]))
    assert response.status_code == 302
    back = urlsplit(oidc_provider.authorize(response["Location"], "petra-1"))
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 302
    invitation.refresh_from_db()
    petra = User.objects.get(email="petra@uppsala.se")
    assert invitation.accepted_by == petra
    assert not petra.has_usable_password()
    assert role_in(petra, uppsala) == Role.COORDINATOR  # the groups decide, as at every sign-in


def test_an_invitation_for_another_address_is_refused(
    sso: SsoSettings,
    oidc_provider: Provider,
    uppsala: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    invitation, token = invite(uppsala, "rut@uppsala.se", django_capture_on_commit_callbacks)
    oidc_provider.add_user("sven-1", email="sven@uppsala.se")
    client = Client()
    response = client.post(reverse("sso:invitation", args=[token]))
    back = urlsplit(oidc_provider.authorize(response["Location"], "sven-1"))
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 403
    assert "Inbjudan gäller rut@uppsala.se" in text(response)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.filter(email="sven@uppsala.se").exists()


# --- Require SSO: no local password for the municipality's members ---------------------------


def password_login(username: str) -> Any:
    return Client().post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def test_require_sso_refuses_the_local_password(
    oidc_provider: Provider, uppsala: Any, personas: Any
) -> None:
    assert password_login("uppsala-lasare").status_code == 302
    configure_sso(uppsala, oidc_provider, require_sso=True)
    response = password_login("uppsala-lasare")
    assert response.status_code == 200
    summary = BeautifulSoup(response.content, "html.parser").select_one(".error-summary")
    assert "kräver inloggning via organisationens konto" in summary.get_text()
    assert "_auth_user_id" not in response.wsgi_request.session
    # Umeå does not require it, a platform administrator is exempt.
    assert password_login("umea-samordnare").status_code == 302
    User.objects.create_superuser("plattform", "p@example.se", PASSWORD)
    Membership.objects.create(
        municipality=uppsala, user=User.objects.get(username="plattform"), role=Role.READER
    )
    assert password_login("plattform").status_code == 302


def test_require_sso_sends_no_password_reset_link(
    oidc_provider: Provider, uppsala: Any, personas: Any
) -> None:
    """A password would not work for them; the answer is the same as for an unknown address."""
    configure_sso(uppsala, oidc_provider, require_sso=True)
    for email in ("uppsala-lasare@example.se", "umea-samordnare@example.se"):
        response = Client().post(reverse("accounts:password_reset"), {"email": email})
        assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["umea-samordnare@example.se"]]


def test_require_sso_needs_sso_turned_on(uppsala: Any, oidc_provider: Provider) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        configure_sso(uppsala, oidc_provider, enabled=False, require_sso=True)
    assert "require_sso" in error.value.message_dict


# --- The coordinator's settings page ------------------------------------------------------------


def settings_url(municipality: Any) -> str:
    return reverse("sso:settings", args=[municipality.slug])


def test_the_settings_page_is_for_the_coordinator_only(uppsala: Any, personas: Any) -> None:
    url = settings_url(uppsala)
    assert client_for(personas["coordinator"]).get(url).status_code == 200
    assert client_for(personas["editor"]).get(url).status_code == 403
    assert client_for(personas["reader"]).get(url).status_code == 403
    assert client_for(personas["outsider"]).get(url).status_code == 404
    assert client_for(personas["outsider"]).post(url, {"enabled": "on"}).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/konto/logga-in/" in anonymous["Location"]
    assert not SsoSettings.objects.exists()


def form_data(provider: Provider, **values: Any) -> dict[str, Any]:
    return {
        "enabled": "on",
        "issuer": provider.issuer,
        "client_id": "utblick-uppsala",
        "client_secret_env": "",
        "new_secret": "superhemligt-värde-123",
        "allowed_domains": "uppsala.se",
        "group_claim": "groups",
        "coordinator_groups": "utblick-samordnare",
        "editor_groups": "",
        "row_version": "",
    } | values


def test_the_coordinator_saves_the_settings_and_the_secret_is_never_shown(
    oidc_provider: Provider, uppsala: Any, personas: Any
) -> None:
    client = client_for(personas["coordinator"])
    response = client.post(settings_url(uppsala), form_data(oidc_provider))
    assert response.status_code == 302, text(response)
    saved = SsoSettings.objects.get(municipality=uppsala)
    assert saved.client_secret_encrypted
    assert "superhemligt" not in saved.client_secret_encrypted
    assert client_secret(saved) == "superhemligt-värde-123"
    page = client.get(settings_url(uppsala))
    assert "superhemligt" not in page.content.decode()
    assert "En hemlighet är sparad" in text(page)
    # Saving again without a secret keeps it.
    response = client.post(
        settings_url(uppsala), form_data(oidc_provider, new_secret="", row_version="1")
    )
    assert response.status_code == 302
    assert client_secret(SsoSettings.objects.get(municipality=uppsala)) == "superhemligt-värde-123"
    assert saved.history.count() == 2


def test_the_secret_may_come_from_the_environment(
    oidc_provider: Provider, uppsala: Any, personas: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("UTBLICK_SSO_SECRET_UPPSALA", "från-miljön")
    client = client_for(personas["coordinator"])
    response = client.post(
        settings_url(uppsala),
        form_data(oidc_provider, new_secret="", client_secret_env="UTBLICK_SSO_SECRET_UPPSALA"),
    )
    assert response.status_code == 302, text(response)
    saved = SsoSettings.objects.get(municipality=uppsala)
    assert saved.client_secret_encrypted == ""
    assert client_secret(saved) == "från-miljön"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"issuer": "http://idp.uppsala.se/adfs"}, "issuer", "https://"),
        ({"issuer": "https://127.0.0.2:1/adfs"}, "issuer", "Det gick inte att hämta"),
        ({"client_id": ""}, "client_id", "Ange klient-id"),
        ({"new_secret": ""}, "client_secret_env", "Ange en miljövariabel"),
        ({"client_secret_env": "INTE OK"}, "client_secret_env", "bara namnet"),
        ({"allowed_domains": "uppsala .se, x"}, "allowed_domains", "Skriv domäner"),
        ({"group_claim": ""}, "group_claim", "anspråk"),
        ({"enabled": "", "require_sso": "on"}, "require_sso", "måste vara påslagen"),
    ],
)
def test_bad_settings_are_clear_swedish_errors(
    oidc_provider: Provider,
    uppsala: Any,
    personas: Any,
    values: dict[str, str],
    field: str,
    message: str,
) -> None:
    data = {k: v for k, v in form_data(oidc_provider, **values).items() if v != ""}
    response = client_for(personas["coordinator"]).post(settings_url(uppsala), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".error-summary")
    errors = soup.select_one(f"#id_{field}_error")
    assert errors is not None and message in errors.get_text(), soup.select_one(
        ".error-summary"
    ).get_text()
    assert not SsoSettings.objects.exists()


def test_extra_scopes_reach_the_provider(uppsala: Any, oidc_provider: Provider) -> None:
    """ADFS puts its issuance rules' claims in the ID token only when asked with allatclaims."""
    configure_sso(uppsala, oidc_provider, extra_scopes="allatclaims")
    response = Client().post(reverse("sso:start"), {"municipality": uppsala.pk})
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["scope"] == ["openid email profile allatclaims"]


def test_a_secret_saved_under_another_secret_key_is_a_clear_message(
    sso: SsoSettings, settings: Any
) -> None:
    settings.SECRET_KEY = "en-helt-annan-nyckel-efter-byte"
    assert client_secret(SsoSettings.objects.get(pk=sso.pk)) is None
    response = Client().post(reverse("sso:start"), {"email": "ulla@uppsala.se"})
    assert response.status_code == 503
    assert "inte färdigställd" in text(response)


def test_the_email_may_come_from_entras_preferred_username(
    sso: SsoSettings, oidc_provider: Provider, uppsala: Any
) -> None:
    oidc_provider.add_user("entra-oid-1", preferred_username="vera@uppsala.se")
    response = sign_in_via_provider(Client(), oidc_provider, "entra-oid-1", email="vera@uppsala.se")
    assert response.status_code == 302
    assert role_in(User.objects.get(email="vera@uppsala.se"), uppsala) == Role.READER

"""The headers a council's assurance team asks for: HTTPS with HSTS behind a proxy, secure
cookies, the Content-Security-Policy and the other policies; and that no page needs an inline
script or style, which the policy forbids (the council's colour comes from its brand.css)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.groups import DEMOCRATIC_SERVICES
from decisions.models import Authority, Decision
from decisions.reports.services import drafting
from tests import factories

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HTTPS = {"X-Forwarded-Proto": "https"}
PUBLIC_PAGES = ["/", "/decisions/", "/forward-plan/", "/contracts/", "/accounts/login/"]


def policy(header: str) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(directives)


@pytest.fixture
def https_on(settings):
    """The production defaults (DEBUG off): the suite itself runs with SECURE_SSL_REDIRECT=0."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


# HTTPS ------------------------------------------------------------------------------------------


def test_plain_http_is_redirected_permanently_to_https(client, db, https_on):
    response = client.get("/decisions/?q=budget")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/decisions/?q=budget"


def test_https_from_the_proxy_is_served_with_hsts(client, db, https_on):
    response = client.get("/", headers=HTTPS)
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")
    assert "includeSubDomains" in hsts


def test_cookies_are_secure_over_https(client, django_user_model, https_on):
    django_user_model.objects.create_user("clerk", password="a-long-password-1")
    page = client.get(reverse("login"), headers=HTTPS)
    assert page.cookies["csrftoken"]["secure"] is True
    response = client.post(
        reverse("login"),
        {"username": "clerk", "password": "a-long-password-1"},
        headers=HTTPS,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
    ],
)
def test_https_answer_carries_the_policy_header(client, db, https_on, header, expected):
    assert client.get("/", headers=HTTPS)[header] == expected


def test_permissions_policy_turns_off_camera_microphone_and_location(client, db, https_on):
    header = client.get("/", headers=HTTPS)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in header


# Content-Security-Policy ------------------------------------------------------------------------


@pytest.fixture
def workspace_pages(client, doncaster, author) -> list[str]:
    """The report author's workspace, report list and a section page with its autosave script."""
    report = drafting.report_start(
        authority=doncaster, title="Day centres", by=author, at=timezone.now()
    )
    client.force_login(author)
    return [
        reverse("officers:home"),
        reverse("officers:reports"),
        reverse("officers:report-section", args=[report.pk, "background"]),
    ]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_sends_the_content_security_policy(client, db, https_on, path):
    response = client.get(path, headers=HTTPS)
    assert response.status_code == 200
    assert policy(response["Content-Security-Policy"]) == CSP


def test_workspace_pages_send_the_content_security_policy(client, https_on, workspace_pages):
    for path in workspace_pages:
        response = client.get(path, headers=HTTPS)
        assert response.status_code == 200, path
        assert policy(response["Content-Security-Policy"]) == CSP, path


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.I)


def assert_nothing_inline(content: str, path: str) -> None:
    for name, pattern in [
        ("inline <script>", INLINE_SCRIPT),
        ("<style>", re.compile(r"<style", re.I)),
        ("style attribute", STYLE_ATTRIBUTE),
        ("event handler attribute", EVENT_HANDLER),
    ]:
        found = pattern.search(content)
        assert found is None, f"{path} has an {name}: {found and found.group(0)}"


def test_public_pages_have_no_inline_script_or_style(client, seeded):
    authority = Authority.objects.exclude(brand_colour="").first()
    pages = [*PUBLIC_PAGES, Decision.objects.filter(authority=authority).first().get_absolute_url()]
    for path in pages:
        assert_nothing_inline(client.get(path).content.decode(), path)


def test_workspace_pages_have_no_inline_script_or_style(client, workspace_pages):
    for path in workspace_pages:
        assert_nothing_inline(client.get(path).content.decode(), path)


# The council's colour, as a stylesheet ----------------------------------------------------------


def test_council_page_links_its_brand_stylesheet(client, db):
    council = factories.authority(slug="riverside", brand_colour="#004489")
    decision = factories.decision(authority=council)
    content = client.get(decision.get_absolute_url()).content.decode()
    assert '<link rel="stylesheet" href="/councils/riverside/brand.css?colour=004489">' in content


def test_brand_stylesheet_sets_the_header_colour(client, db):
    factories.authority(slug="riverside", brand_colour="#004489")
    response = client.get(reverse("authority-brand", args=["riverside"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.content.decode().strip() == ".govuk-header { --govuk-brand-colour: #004489; }"
    assert "max-age=86400" in response["Cache-Control"]


def test_brand_stylesheet_writes_only_a_hex_colour(client, db):
    council = factories.authority(slug="riverside")
    # Past the model's validator, as a raw update or an old row could be.
    Authority.objects.filter(pk=council.pk).update(brand_colour="red}a{")
    content = client.get(reverse("authority-brand", args=["riverside"])).content.decode()
    assert "red" not in content
    assert "#1d70b8" in content


def test_brand_stylesheet_of_an_unknown_council_is_not_found(client, db):
    assert client.get(reverse("authority-brand", args=["nowhere"])).status_code == 404


def test_page_of_a_council_without_a_colour_links_no_brand_stylesheet(client, db):
    decision = factories.decision(authority=factories.authority(brand_colour=""))
    assert "brand.css" not in client.get(decision.get_absolute_url()).content.decode()


def test_report_section_page_loads_the_autosave_script(client, workspace_pages):
    content = client.get(workspace_pages[-1]).content.decode()
    assert re.search(r'<script src="/static/js/report-autosave\.js" defer></script>', content)


def test_workspace_clerk_pages_send_the_policy(client, django_user_model, db, https_on):
    clerk = factories.officer(django_user_model, "democratic.services", DEMOCRATIC_SERVICES)
    client.force_login(clerk)
    response = client.get(reverse("officers:home"), headers=HTTPS)
    assert policy(response["Content-Security-Policy"]) == CSP

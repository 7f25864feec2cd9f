"""What the browser tests ask of a page: axe-core's verdict, focus, and where screenshots go."""

from collections.abc import Callable, Sequence
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

# The WCAG 2.2 AA success criteria the register is built to (those axe-core can test).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 320, "height": 640}


def axe_violations(page: Page, exclude: Sequence[str] = ()) -> list[dict]:
    """axe-core's violations of the WCAG A and AA rules on the page as it stands, outside the
    elements matching `exclude` (markup the register does not write, such as Swagger UI's)."""
    # Evaluated through the browser's DevTools protocol: the page's Content-Security-Policy
    # refuses an added <script> tag, as it refuses any script not served by the register.
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        """([tags, exclude]) => axe.run(
          {exclude: exclude.map(selector => [selector])},
          {runOnly: {type: 'tag', values: tags}},
        )""",
        [WCAG_TAGS, list(exclude)],
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "helpUrl": violation["helpUrl"],
            "nodes": [
                {"target": node["target"], "summary": node["failureSummary"]}
                for node in violation["nodes"]
            ],
        }
        for violation in result["violations"]
    ]


def describe_violations(violations: list[dict]) -> str:
    """One paragraph per broken rule, naming the elements, for whoever fixes the template."""
    paragraphs = []
    for violation in violations:
        lines = [f"{violation['id']} ({violation['impact']}): {violation['help']}"]
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
            lines.extend(f"      {line}" for line in node["summary"].splitlines())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def signed_in_as(page: Page, user: object, base_url: str) -> Page:
    """The page's visitor signed in as the user, by a session made as the sign-in form makes
    one (for tests whose subject is not signing in)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
    )
    return page


def save_screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


FOCUSED_ELEMENT = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    text: (element.innerText || element.value || '').replace(/\\s+/g, ' ').trim(),
    href: element.getAttribute('href'),
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    outlineVisible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && style.outlineColor !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(style.outlineColor),
    boxShadow: style.boxShadow,
    // False when focus is on a part the browser draws inside the element (such as the
    // calendar button of <input type="date">), which the page's :focus styles do not reach.
    matchesFocus: element.matches(':focus'),
  };
}"""


def focused(page: Page) -> dict | None:
    """The element with keyboard focus (None when it is the page itself), and its focus style."""
    return page.evaluate(FOCUSED_ELEMENT)


def tab_until(page: Page, wanted: Callable[[dict], bool], *, most: int = 80) -> dict:
    """Press Tab until `wanted(focused element)` holds; fail after `most` presses."""
    for _ in range(most):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is not None and wanted(element):
            return element
    raise AssertionError(f"{most} presses of Tab never reached the element wanted")


# The password of the logins the journeys make.
PASSWORD = "a-long-test-password-1"


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in afresh through the login page, as `username`, and wait until it is done."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)

"""The Content-Security-Policy holds on every kind of page a reader or an editor opens: the
browser reports no violation (a blocked script would be a broken map, typeahead or editor)."""

import pytest

from tests.demo_server import ADMIN_PASSWORD

pytestmark = pytest.mark.browser

# Installed by the browser before any page script; CSP does not apply to it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile + ":" + event.lineNumber);
});
"""
READER_PAGES = [
    "/",
    "/en/",
    "/events/",
    "/events/weekly-reading-club/",
    "/events/weekly-reading-club/register/",
    "/events/calendar/",
    "/branches/",
    "/branches/FG02/",
    "/catalogue/search/?q=三体",
    "/catalogue/R00001/",
    "/books/",
    "/reading-month/",
    "/reading-month/survey/",
    "/catalogue/purchase-suggestions/",
    "/news/reading-month-opens/",
    "/events/my-registration/",
]
EDITOR_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/registrations/",
    "/admin/registrations/check-in/",
    "/admin/snippets/portal/branch/",
    "/admin/images/",
    "/admin/settings/portal/librarysettings/",
]


def violations(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    if not url.split("/", 3)[-1].startswith("admin/"):
        assert "unsafe-inline" not in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__violations")


def test_reader_pages_break_no_rule(phone, server_url):
    phone.add_init_script(RECORD_VIOLATIONS)
    found = {path: violations(phone, server_url + path) for path in READER_PAGES}
    assert {path: seen for path, seen in found.items() if seen} == {}
    # The typeahead (a script of the site's own, fetching JSON from the site) still works.
    phone.goto(server_url + "/catalogue/search/")
    phone.locator("input[name=q]").first.fill("三体")
    phone.wait_for_selector("[role=option], .typeahead li", timeout=5000)


def test_editor_pages_break_no_rule(phone, server_url):
    phone.add_init_script(RECORD_VIOLATIONS)
    phone.goto(server_url + "/admin/login/")
    phone.locator("input[name=username]").fill("admin")
    phone.locator("input[name=password]").fill(ADMIN_PASSWORD)
    phone.locator("button[type=submit]").click()
    phone.wait_for_url("**/admin/")
    pages = list(EDITOR_PAGES)
    # The page editor, the heaviest screen: StreamField, Draftail, choosers, the preview panel.
    event_id = phone.evaluate(
        "fetch('/api/v2/pages/?type=events.EventPage&slug=weekly-reading-club')"
        ".then(r => r.json()).then(d => d.items[0].id)"
    )
    pages.append(f"/admin/pages/{event_id}/edit/")
    found = {path: violations(phone, server_url + path) for path in pages}
    assert {path: seen for path, seen in found.items() if seen} == {}

import re, html
from outgoing_site import outgoing_site_fixture, PASSWORD  # noqa


def test_peek(http, outgoing_site):
    c = http("cv_huyen", PASSWORD)
    page = c.get(
        "van-ban/++add++OutgoingDocument",
        headers={"Accept": "text/html", "Accept-Language": "vi"},
    )
    print(page.status_code)
    t = page.text
    i = t.find('<form class="rowlike enableUnloadProtection')
    i = i if i >= 0 else t.find('id="form"')
    j = t.find("</form>", i)
    open("/tmp/outgoing/addform.html", "w").write(t[i:j])
    print(sorted(set(re.findall(r'name="(form\.[^"]*)"', t))))

"""Our Vietnamese catalogues of Plone's domains, and how zope.i18n merges
them with plone.app.locales': the first catalogue holding a message answers,
and ours are put first."""

from dienbien.policy import catalogues
from pythongettext.msgfmt import Msgfmt
from zope.component import getGlobalSiteManager
from zope.component import getUtility
from zope.i18n import translate
from zope.i18n.gettextmessagecatalog import GettextMessageCatalog
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.translationdomain import TranslationDomain

import dienbien.policy
import html
import json
import pathlib
import pytest
import re


LOCALES = pathlib.Path(dienbien.policy.__file__).parent / "locales"


def vi(msgid, domain="plone", **mapping):
    return translate(msgid, domain=domain, target_language="vi", mapping=mapping)


def _catalogue(directory: pathlib.Path, domain: str, msgstr: str) -> str:
    """A compiled one-message Vietnamese catalogue; returns its path."""
    folder = directory / "vi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / f"{domain}.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f'msgid "Save"\nmsgstr "{msgstr}"\n',
        "utf-8",
    )
    mo = po.with_suffix(".mo")
    mo.write_bytes(Msgfmt(po.open("rb"), name=str(po)).get())
    return str(mo)


@pytest.fixture
def merged_domain(tmp_path):
    """A domain holding Plone's catalogue first and ours second, as
    ``i18n:registerTranslations`` leaves them (it appends)."""
    theirs = _catalogue(tmp_path / "plone-app-locales", "demo.domain", "Cất")
    ours = _catalogue(tmp_path / "ours", "demo.domain", "Lưu")
    domain = TranslationDomain("demo.domain")
    for path in (theirs, ours):
        domain.addCatalog(GettextMessageCatalog("vi", "demo.domain", path))
    registry = getGlobalSiteManager()
    registry.registerUtility(domain, ITranslationDomain, name="demo.domain")
    yield tmp_path / "ours"
    registry.unregisterUtility(domain, ITranslationDomain, name="demo.domain")


def test_zope_i18n_answers_from_the_first_catalogue(merged_domain):
    assert vi("Save", "demo.domain") == "Cất"


def test_put_first_makes_ours_answer(merged_domain):
    catalogues.put_first(str(merged_domain))
    assert vi("Save", "demo.domain") == "Lưu"


def test_our_catalogues_come_first_on_the_site(integration):
    for domain in ("plone", "plonelocales", "z3c.form", "zope", "widgets"):
        first = getUtility(ITranslationDomain, domain).getCatalogsInfo()["vi"][0]
        assert first.startswith(str(LOCALES)), (domain, first)


def test_ours_win_over_a_message_plone_translates(integration):
    # plone.app.locales says "${d}/${m}/${Y} ${H}:${M}"; the house style
    # puts the time first.
    assert vi("date_format_long", "plonelocales") == "${H}:${M} ${d}/${m}/${Y}"


def test_messages_plone_leaves_empty(integration):
    assert vi("Save") == "Lưu"
    assert vi("Add ${name}", name="Hồ sơ một cửa") == "Thêm Hồ sơ một cửa"
    assert vi("Edit ${name}", name="Hồ sơ một cửa") == "Sửa Hồ sơ một cửa"
    assert vi("Item created") == "Đã tạo mục mới"
    assert vi("Changes saved") == "Đã lưu thay đổi"
    # The sitemap page and the footer's link to it: one name.
    assert vi("Site Map") == vi("label_site_map") == "Sơ đồ trang"
    # The item's alternative addresses (@@manage-aliases).
    assert vi("label_alias") == "Đường dẫn địa chỉ phụ"
    assert vi("statusmessage_mtype_info") == "Thông tin:"
    assert vi("There were some errors.", "z3c.form") == (
        "Có lỗi trong dữ liệu nhập, xin kiểm tra lại."
    )
    assert vi("Required input is missing.", "zope") == "Chưa nhập thông tin bắt buộc."
    assert (
        vi(
            "label_datagridwidget_manipulators_addrow",
            "collective.z3cform.datagridfield",
        )
        == "Thêm dòng"
    )
    for fieldset, name in [
        ("Settings", "Thiết lập"),
        ("Categorization", "Phân loại"),
        ("Dates", "Thời gian"),
        ("Ownership", "Quyền sở hữu"),
        ("label_schema_default", "Mặc định"),
    ]:
        assert vi(fieldset) == name


def test_plone_translations_we_do_not_ship_still_answer(integration):
    assert vi("Log in") == "Đăng nhập"


def test_the_patterns_strings_reach_the_browser_in_vietnamese(functional_portal, http):
    """Folder contents, the link and upload dialogs: Plone's JavaScript asks
    ``@@plonejsi18n`` for the ``widgets`` domain; plone.app.locales leaves
    these empty in Vietnamese, ours fill them, its own stay."""
    answer = http().get("@@plonejsi18n", params={"domain": "widgets", "language": "vi"})
    assert answer.status_code == 200
    strings = answer.json()
    assert strings["Select all items on this page"] == "Chọn mọi mục trên trang này"
    assert [strings[word] for word in ("Page:", "of", "shown")] == [
        "Trang:",
        "trên tổng số",
        "trang",
    ]
    assert strings["review_state"] == "Trạng thái"
    assert strings["State"] == "Trạng thái"  # plone.app.locales' own


def test_folder_contents_names_every_state_of_our_workflows(integration):
    """Folder contents shows a row's state id through the ``plone``
    domain: each state of our workflows has a name there in both languages
    (the Vietnamese one its title gives, where no other workflow uses the
    id)."""
    workflows = integration["portal"].portal_workflow
    states = {
        state
        for name in workflows.objectIds()
        if name.startswith("dienbien_")
        for state in workflows[name].states.objectIds()
    }
    for state in sorted(states):
        assert vi(state) != state, state
        english = translate(state, domain="plone", target_language="en")
        assert english == state.replace("_", " "), state
    assert [
        vi(state)
        for state in ("supplement_requested", "received", "published", "draft")
    ] == ["Yêu cầu bổ sung", "Chờ vào sổ", "Đã đăng", "Nháp"]


def test_folder_contents_gets_the_states_names(functional_portal, http):
    """Plone's JavaScript asks ``@@plonejsi18n`` for the ``plone`` domain,
    and folder contents shows the states by these names."""
    answer = http().get("@@plonejsi18n", params={"domain": "plone", "language": "vi"})
    assert answer.status_code == 200
    strings = answer.json()
    assert [
        strings[state] for state in ("published", "pending", "awaiting_payment")
    ] == [
        "Đã đăng",
        "Chờ duyệt",
        "Chờ nghĩa vụ tài chính",
    ]
    assert strings["Log in"] == "Đăng nhập"


def _structure_options(client) -> dict:
    """The options folder contents hands its pattern (``data-pat-structure``)."""
    page = client.get("folder_contents", headers={"Accept": "text/html"})
    assert page.status_code == 200, page.status_code
    found = re.search(r'data-pat-structure="([^"]*)"', page.text)
    assert found, "no structure pattern on the page"
    return json.loads(html.unescape(found.group(1)))


def test_folder_contents_sorting_hints_in_the_users_language(manager):
    """DataTables' own English hints for sorting a column (": Activate to
    sort") are replaced, in the user's language; the rest of Plone's
    options stay."""
    options = _structure_options(manager)
    assert options["datatables_options"] == {
        "language": {
            "aria": {
                "orderable": ": bấm để sắp xếp",
                "orderableReverse": ": bấm để đảo thứ tự",
                "orderableRemove": ": bấm để bỏ sắp xếp",
            }
        }
    }
    assert options["searchParam"] == "Title"
    assert "review_state" in options["availableColumns"]
    manager.cookies.set("I18N_LANGUAGE", "en")
    english = _structure_options(manager)
    assert english["datatables_options"]["language"]["aria"]["orderable"] == (
        ": Activate to sort"
    )

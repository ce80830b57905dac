"""Site search ignores Vietnamese diacritics and case (domain.md §5).

``plone_lexicon`` folds words at index and query time, so the stock
SearchableText, Title and Description indexes (and through them ``@search``,
``@querystring-search`` and the classic ``@@search`` page) find "Đăng ký khai
sinh" for "dang ky khai sinh".

Prefixes: the classic search page and ``plone.app.querystring`` (collections,
``@querystring-search``) pass the query through
``plone.base.utils.munge_search_term``, which appends ``*`` to *every*
unquoted word and joins them with AND ("chung thu" -> "chung* AND thu*").
``@search`` (plone.restapi) does not munge: ``SearchableText`` goes to the
catalog as typed, so there a prefix needs its own ``*``.
"""

from dienbien.policy.search.lexicon import FoldingNormalizer
from dienbien.policy.search.setuphandlers import _pipeline_with
from dienbien.policy.search.setuphandlers import install_vietnamese_folding
from dienbien.policy.search.setuphandlers import uninstall_vietnamese_folding
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import munge_search_term
from Products.CMFCore.indexing import processQueue
from Products.CMFPlone.UnicodeSplitter.splitter import CaseNormalizer
from Products.CMFPlone.UnicodeSplitter.splitter import I18NNormalizer
from Products.CMFPlone.UnicodeSplitter.splitter import Splitter
from Products.ZCTextIndex.Lexicon import StopWordRemover

import io
import pytest
import re
import tarfile
import transaction


#: id -> (title, description). The ids share no word with the titles:
#: SearchableText indexes the id too.
DOCUMENTS = {
    "doc-1": ("Đăng ký khai sinh", "Thủ tục hộ tịch cấp xã."),
    "doc-2": ("Chứng thực bản sao", "Bản sao từ bản chính."),
    "doc-3": ("Ủy ban nhân dân xã Thanh Xương", "Trụ sở ở trung tâm xã."),
    "doc-4": ("Dang ky ket hon", "Nhap khong dau."),
}
BIRTH, COPY, COMMITTEE, PLAIN = DOCUMENTS


def create_documents(portal, publish=False):
    if publish:
        # The test fixture has no default workflow; a site has this one.
        api.portal.get_tool("portal_workflow").setChainForPortalTypes(
            ["Document"], "simple_publication_workflow"
        )
    with api.env.adopt_roles(["Manager"]):
        for doc_id, (title, description) in DOCUMENTS.items():
            doc = api.content.create(
                container=portal,
                type="Document",
                id=doc_id,
                title=title,
                description=description,
            )
            if publish:
                api.content.transition(obj=doc, transition="publish")
    processQueue()


@pytest.fixture
def documents(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_documents(portal)
    return portal


def found(query, index="SearchableText"):
    """Ids of the documents a catalog query on ``index`` finds."""
    brains = api.content.find(portal_type="Document", **{index: query})
    return {brain.getId for brain in brains}


def searched(text):
    """Ids found for ``text`` typed into Plone's search box."""
    return found(munge_search_term(text))


def lexicon(portal):
    return portal.portal_catalog.plone_lexicon


class TestNormalizer:
    """The pipeline element alone, fed as Plone's splitter feeds it."""

    def process(self, text, glob=False):
        splitter = Splitter()
        split = splitter.processGlob([text]) if glob else splitter.process([text])
        return FoldingNormalizer().process(split)

    def test_index_words(self):
        assert self.process("Ủy ban: Đăng ký khai sinh!") == [
            "uy",
            "ban",
            "dang",
            "ky",
            "khai",
            "sinh",
        ]

    def test_query_globs(self):
        assert self.process("Ủy* th?c", glob=True) == ["uy*", "th?c"]

    def test_bigram_scripts_only_lower_cased(self):
        assert self.process("日本人 Ủy") == ["日本", "本人", "人", "uy"]

    def test_pipeline_with(self):
        assert [type(e) for e in _pipeline_with((Splitter(),), FoldingNormalizer)] == [
            Splitter,
            FoldingNormalizer,
        ]
        pipeline = (Splitter(), CaseNormalizer(), I18NNormalizer(), StopWordRemover())
        assert [type(e) for e in _pipeline_with(pipeline, FoldingNormalizer)] == [
            Splitter,
            FoldingNormalizer,
            StopWordRemover,
        ]


class TestLexicon:
    def test_pipeline(self, portal):
        pipeline = lexicon(portal)._pipeline
        assert [type(element) for element in pipeline] == [Splitter, FoldingNormalizer]

    def test_install_again_changes_nothing(self, portal):
        assert install_vietnamese_folding(portal) is False
        setup = portal.portal_setup
        setup.runImportStepFromProfile(
            "profile-dienbien.policy:default", "dienbien-search-folding"
        )
        setup.runAllImportStepsFromProfile("profile-dienbien.policy:default")
        assert [type(e) for e in lexicon(portal)._pipeline] == [
            Splitter,
            FoldingNormalizer,
        ]

    def test_step_needs_the_marker(self, portal):
        uninstall_vietnamese_folding(portal)
        # Plone's own profile has no marker file: its run leaves the lexicon.
        portal.portal_setup.runImportStepFromProfile(
            "profile-Products.CMFPlone:plone", "dienbien-search-folding"
        )
        assert type(lexicon(portal)._pipeline[-1]) is I18NNormalizer
        # Ours has it.
        portal.portal_setup.runImportStepFromProfile(
            "profile-dienbien.policy:default", "dienbien-search-folding"
        )
        assert type(lexicon(portal)._pipeline[-1]) is FoldingNormalizer

    def test_export(self, portal):
        # GenericSetup can name the element: catalog.xml exports.
        result = portal.portal_setup.runExportStep("catalog")
        with tarfile.open(fileobj=io.BytesIO(result["tarball"])) as tar:
            xml = tar.extractfile("catalog.xml").read().decode()
        assert 'name="Vietnamese Folding Normalizer"' in xml

    def test_lexicon_holds_folded_words(self, documents):
        words = set(lexicon(documents).words())
        assert {"dang", "ky", "khai", "sinh", "uy", "chung", "thuc"} <= words
        assert not {"đăng", "ký", "ủy", "chứng"} & words


class TestSearch:
    @pytest.mark.parametrize(
        "query",
        [
            "dang ky khai sinh",
            "Đăng ký khai sinh",
            "khai sinh",
            "DANG KY KHAI SINH",
            "ĐĂNG KÝ",
            "đăng ký khai sinh",
            "dăng ky khai sính",  # marks in the wrong places still fold
            '"dang ky khai sinh"',  # phrase
        ],
    )
    def test_birth_registration(self, documents, query):
        assert BIRTH in found(query)
        assert BIRTH in searched(query)

    def test_only_matching(self, documents):
        assert found("khai sinh") == {BIRTH}
        assert found("dang ky") == {BIRTH, PLAIN}

    @pytest.mark.parametrize(
        "query",
        ["uy ban", "Ủy ban", "ủy ban nhân dân", "UY BAN NHAN DAN", "o trung tam"],
    )
    def test_words_starting_with_a_toned_vowel(self, documents, query):
        # Stock Plone fails these (see TestStockPlone).
        assert found(query) == {COMMITTEE}

    def test_stored_without_diacritics(self, documents):
        assert PLAIN in found("Đăng ký kết hôn")

    def test_title_and_description_indexes(self, documents):
        assert found("chung thuc", index="Title") == {COPY}
        assert found("ban chinh", index="Description") == {COPY}

    @pytest.mark.parametrize(
        "text", ["chung thu", "chứng thự", "Chung Th", "chu thu ban sa"]
    )
    def test_every_word_a_prefix_in_the_search_box(self, documents, text):
        assert munge_search_term(text).count("*") == len(text.split())
        assert searched(text) == {COPY}

    def test_globs(self, documents):
        assert found("chứng* thự*") == {COPY}
        assert found("ủy*") == {COMMITTEE}
        assert found("th?c") == {COPY}

    def test_without_glob_whole_words_only(self, documents):
        # What @search gets when a client sends the text as typed.
        assert found("chung thu") == set()

    def test_edit_reindexes_folded(self, documents):
        doc = documents[COPY]
        doc.title = "Chứng thực chữ ký"
        doc.reindexObject()
        assert found("chu ky") == {COPY}
        assert found("ban sao", index="Title") == set()


class TestStockPlone:
    """What Plone 6.2's "Unicode Ignoring Accents Case Normalizer" does."""

    @pytest.fixture
    def stock(self, documents):
        assert uninstall_vietnamese_folding(documents) is True
        assert type(lexicon(documents)._pipeline[-1]) is I18NNormalizer
        return documents

    def test_folds_words_starting_below_u0250(self, stock):
        assert found("dang ky khai sinh") == {BIRTH}
        assert found("chung thuc") == {COPY}

    def test_keeps_marks_of_words_starting_in_latin_extended_additional(self, stock):
        assert found("uy ban") == set()
        assert found("o trung tam") == set()
        assert found("Ủy ban") == {COMMITTEE}  # only as typed with marks
        assert I18NNormalizer().process(["Ủy", "ở", "Ấp", "ứng", "Đăng"]) == [
            "ủy",
            "ở",
            "ấp",
            "ứng",
            "dang",
        ]

    def test_install_fixes_it(self, stock):
        assert install_vietnamese_folding(stock) is True
        assert found("uy ban") == {COMMITTEE}


# Over HTTP, as a citizen uses it.


@pytest.fixture
def published(functional_portal):
    create_documents(functional_portal, publish=True)
    transaction.commit()
    return functional_portal


def search_titles(response):
    assert response.status_code == 200, response.text
    return {item["title"] for item in response.json()["items"]}


def test_rest_search(anonymous, published):
    response = anonymous.get("@search?SearchableText=dang%20ky%20khai%20sinh")
    assert search_titles(response) == {"Đăng ký khai sinh"}
    response = anonymous.get("@search", params={"SearchableText": "uy ban nhan"})
    assert search_titles(response) == {"Ủy ban nhân dân xã Thanh Xương"}


def test_rest_search_prefix_needs_its_glob(anonymous, published):
    typed = anonymous.get("@search", params={"SearchableText": "chung thu"})
    assert search_titles(typed) == set()
    globbed = anonymous.get("@search", params={"SearchableText": "chung* thu*"})
    assert search_titles(globbed) == {"Chứng thực bản sao"}


def test_rest_querystring_search_prefixes_every_word(anonymous, published):
    response = anonymous.post(
        "@querystring-search",
        json={
            "query": [
                {
                    "i": "SearchableText",
                    "o": "plone.app.querystring.operation.string.contains",
                    "v": "chung thu",
                }
            ]
        },
    )
    assert search_titles(response) == {"Chứng thực bản sao"}


def result_titles(page):
    """The titles the classic search page lists as results."""
    assert page.status_code == 200, page.text
    return set(RESULT_TITLE.findall(page.text))


RESULT_TITLE = re.compile(r'class="result-title">\s*<a[^>]*>\s*(.*?)\s*</a>', re.S)


def test_classic_search_page(http, published):
    browser = http()
    browser.headers["Accept"] = "text/html"
    page = browser.get("@@search", params={"SearchableText": "khai sinh"})
    assert result_titles(page) == {"Đăng ký khai sinh"}
    page = browser.get("@@search?SearchableText=dang%20ky%20khai%20sinh")
    assert result_titles(page) == {"Đăng ký khai sinh"}
    page = browser.get("@@search", params={"SearchableText": "chung thu"})
    assert result_titles(page) == {"Chứng thực bản sao"}

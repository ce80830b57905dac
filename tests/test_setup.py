"""The add-on installs, uninstalls, and the site speaks Vietnamese."""

from conftest import profile_version
from dienbien.policy.interfaces import IDienbienPolicyLayer
from plone import api

import pytest


class TestInstall:
    def test_installed(self, installer, package_name):
        assert installer.is_product_installed(package_name)

    def test_browserlayer(self, browser_layers):
        assert IDienbienPolicyLayer in browser_layers

    def test_profile_version(self, setup_tool):
        assert setup_tool.getLastVersionForProfile("dienbien.policy:default") == (
            profile_version(),
        )

    def test_organisation_container(self, portal):
        folder = portal["to-chuc"]
        assert folder.portal_type == "Organisation"
        assert folder.title == "Tổ chức"

    def test_roles(self, portal):
        roles = set(portal.valid_roles())
        assert {"Clerical", "DeskClerk", "Officer", "Leader"} <= roles

    def test_controlpanel(self, controlpanel_actions):
        assert "dienbien-settings" in controlpanel_actions

    def test_organisation_is_a_navigation_section(self, portal):
        assert "Organisation" in api.portal.get_registry_record("plone.displayed_types")

    def test_default_language(self, portal):
        assert api.portal.get_default_language() == "vi"
        assert api.portal.get_registry_record("plone.available_languages") == [
            "vi",
            "en",
        ]


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, installer, package_name):
        installer.uninstall_product(package_name)

    def test_product_uninstalled(self, installer, package_name):
        assert not installer.is_product_installed(package_name)

    def test_browserlayer_removed(self, browser_layers):
        assert IDienbienPolicyLayer not in browser_layers

    def test_controlpanel_removed(self, controlpanel_actions):
        assert "dienbien-settings" not in controlpanel_actions

    def test_stock_lexicon_restored(self, portal):
        pipeline = portal.portal_catalog.plone_lexicon._pipeline
        names = [type(element).__name__ for element in pipeline]
        assert "FoldingNormalizer" not in names

    def test_facts_column_removed(self, portal):
        assert "dossier_facts" not in portal.portal_catalog.schema()

    def test_no_index_of_ours_is_left(self, portal):
        """Without the package, an index of its classes could not be loaded:
        the compact and validity indexes are stock ones again, whatever
        they held still found."""
        catalog = portal.portal_catalog
        classes = {
            name: type(index).__module__.split(".")[0]
            for name, index in catalog._catalog.indexes.items()
        }
        assert {name for name, top in classes.items() if top == "dienbien"} == set()
        assert catalog._catalog.getIndex("getId").meta_type == "FieldIndex"
        assert catalog._catalog.getIndex("legal_in_force").meta_type == (
            "DateRangeIndex"
        )
        table = catalog._catalog
        paths = list(table.paths.values())
        assert paths
        for path in paths:
            found = table.searchResults({"getId": path.rsplit("/", 1)[-1]})
            assert path in [brain.getPath() for brain in found]

    def test_settings_removed(self, portal):
        assert (
            api.portal.get_registry_record(
                "dienbien.settings.morning_start", default=None
            )
            is None
        )

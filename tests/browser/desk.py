"""What a desk clerk does in the add form, shared by the journeys."""

from playwright.sync_api import expect


def choose_procedure(page, typed: str, title: str) -> None:
    """Type a few words of the procedure's name and pick it from the list."""
    search = page.locator("#s2id_form-widgets-procedure input.select2-input")
    search.click()
    search.press_sequentially(typed)
    choice = page.locator("#select2-drop .select2-result-label", has_text=title)
    choice.click()
    # The chosen procedure's terms are shown before saving.
    expect(page.locator("#dossier-prefill [data-prefill=title]")).to_have_text(title)

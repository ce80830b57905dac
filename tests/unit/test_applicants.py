"""Search terms for a dossier's applicant (no Plone)."""

from dienbien.policy.core import applicants
from dienbien.policy.core.applicants import applicant_terms
from dienbien.policy.core.applicants import hashed
from dienbien.policy.core.applicants import number_term
from dienbien.policy.core.applicants import query_terms
from hypothesis import given
from hypothesis import strategies as st

import doctest


def test_doctests():
    assert doctest.testmod(applicants).failed == 0


def test_name_without_diacritics():
    terms = applicant_terms("Đặng Thị Hường")
    assert terms == ["n:dang", "n:thi", "n:huong"]
    assert set(query_terms("dang thi huong")) <= set(terms)
    assert set(query_terms("ĐẶNG Hường")) <= set(terms)


def test_phone_as_typed():
    assert applicant_terms("A", phone="0987 654 321")[-1] == "d:0987654321"
    for typed in (
        "0987654321",
        "0987 654 321",
        "0987.654.321",
        "+84987654321",
        "84987654321",
    ):
        assert query_terms(typed) == ["d:0987654321"], typed


def test_id_number_exact_or_normalised():
    terms = applicant_terms("A", id_number="001203004005")
    assert query_terms("001 203 004 005") == ["d:001203004005"]
    assert "d:001203004005" in terms
    passport = applicant_terms("A", id_number="C1234567")
    assert query_terms("c1234567") == ["d:c1234567"]
    assert "d:c1234567" in passport


def test_a_few_digits_are_no_number():
    # The last four digits are the public lookup's secret, not a search key.
    assert query_terms("4321") == ["d:4321"]
    assert "d:4321" not in applicant_terms("A", phone="0987654321")


def test_number_term():
    assert number_term("+84 987-654-321") == "0987654321"
    assert number_term("84987654321") == "0987654321"
    # Twelve digits starting with 84: an ID number, left alone.
    assert number_term("084203004005") == "084203004005"


@given(st.text(max_size=30), st.binary(min_size=16, max_size=32))
def test_hashes_hide_the_terms(text, key):
    terms = query_terms(text)
    digests = hashed(terms, key)
    assert len(digests) == len(terms)
    assert all(len(d) == 20 and d not in text for d in digests)
    assert hashed(terms, key) == digests


def test_another_key_other_hashes():
    assert hashed(["d:0987654321"], b"a" * 16) != hashed(["d:0987654321"], b"b" * 16)


LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ"
names = st.lists(
    st.text(alphabet=LETTERS, min_size=1, max_size=7), min_size=1, max_size=5
)


@given(names, st.data())
def test_any_words_of_a_name_find_it(words_of_name, data):
    name = " ".join(words_of_name)
    typed = data.draw(st.lists(st.sampled_from(words_of_name), min_size=1))
    assert set(query_terms(" ".join(typed).upper())) <= set(applicant_terms(name))


@given(
    st.from_regex(r"0[1-9][0-9]{8}", fullmatch=True),
    st.sampled_from([" ", ".", "-", ""]),
)
def test_a_phone_however_separated(phone, separator):
    typed = separator.join([phone[:4], phone[4:7], phone[7:]])
    assert query_terms(typed) == [f"d:{phone}"]
    assert query_terms("+84" + typed[1:]) == [f"d:{phone}"]
    assert f"d:{phone}" in applicant_terms("A", phone=typed)

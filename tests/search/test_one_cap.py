"""One cap on the page number, for the search page and the API alike (issue 20): at 30 per
page, Meilisearch serves page 34 (hits 991-1000 of maxTotalHits 1000), and so do both."""

import pytest

from meedoen.opportunities.params import parse_search
from meedoen.search.index_definitions import max_total_hits
from meedoen.search.query import last_page
from meedoen.web.errors import UserFacingHTTPException


def test_the_last_page_holds_the_last_of_max_total_hits():
    assert max_total_hits() == 1000
    assert last_page(30) == 34
    assert last_page(20) == 50
    assert last_page(50) == 20


@pytest.mark.parametrize("strict", [False, True], ids=["page", "api"])
def test_page_and_api_accept_the_same_last_page(strict):
    parsed = parse_search({"page": ["34"], "per_page": ["30"]}, strict=strict)

    assert parsed.search.page == 34 and not parsed.notices


def test_past_the_last_page_the_page_shows_the_last_and_the_api_refuses():
    page = parse_search({"page": ["35"], "per_page": ["30"]})
    assert page.search.page == 34

    with pytest.raises(UserFacingHTTPException):
        parse_search({"page": ["35"], "per_page": ["30"]}, strict=True)

"""One cap on the page number, for the search page and the API alike (issue 20): at 30 per
page, Meilisearch serves page 34 (hits 991-1000 of maxTotalHits 1000), and so do both."""

import pytest

from meedoen.opportunities.params import api_search, parse_search
from meedoen.search.index_definitions import max_total_hits
from meedoen.search.query import OpportunitySearch, last_page
from meedoen.web.errors import UserFacingHTTPException


def test_the_last_page_holds_the_last_of_max_total_hits():
    assert max_total_hits() == 1000
    assert last_page(30) == 34
    assert last_page(20) == 50
    assert last_page(50) == 20


def api(page: int, per_page: int) -> OpportunitySearch:
    return api_search(q="", facets={}, paid=None, sort="relevance", page=page, per_page=per_page)


def test_page_and_api_accept_the_same_last_page():
    parsed = parse_search({"page": ["34"], "per_page": ["30"]})

    assert parsed.search.page == 34 and not parsed.notices
    assert api(34, 30).page == 34


def test_past_the_last_page_the_page_shows_the_last_and_the_api_refuses():
    page = parse_search({"page": ["35"], "per_page": ["30"]})
    assert page.search.page == 34

    with pytest.raises(UserFacingHTTPException):
        api(35, 30)


def test_the_search_request_itself_holds_the_cap():
    """Whoever builds one (a saved alert, a test), the index and the database fallback
    never see a page size or page outside the cap."""
    assert OpportunitySearch(page=35, per_page=30).page == 34
    assert OpportunitySearch(per_page=500).per_page == 50
    assert OpportunitySearch(page=0, per_page=0) == OpportunitySearch(page=1, per_page=20)

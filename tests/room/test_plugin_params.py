"""Every parameter the plugin reads answers a bad value with 400 and a sentence, never 500
(portscraper/room/params.py), and a fuzz of all of them, through Datasette's in-process
client on the archive of hostile rows."""

from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..hostile_archive import DB_NAME, RAW_PAGE, Client, config_dir


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    directory, _ = config_dir(tmp_path_factory.mktemp("params"))
    client = Client(directory)
    yield client
    client.close()


def error_of(answer) -> str:
    """The message of an error answer, JSON or HTML."""
    if answer.headers["content-type"].startswith("application/json"):
        return answer.json()["error"]
    return html.unescape(answer.text)


@pytest.mark.parametrize("query, words", [
    ("_search=码头&_size=²", ["_size", "whole number"]),
    ("_search=码头&_size=٣", ["_size"]),
    ("_search=码头&_size=0", ["_size"]),
    ("_search=码头&_size=100000", ["_size"]),
    ("_search=码头&_next=²", ["_next", "whole number"]),
    ("_search=码头&_next=" + "9" * 20, ["_next"]),
    ("_search=码头&_next=-1", ["_next"]),
    ("_search=码头&_next=40&_next=80", ["_next", "2 times"]),
    ("_search=码头&_size=5&_size=10", ["_size", "2 times"]),
    ("_search=码头&_search=港", ["_search", "2 times"]),
    ("_search=码头 OR 港&_searchmode=raw", ["_searchmode=raw", "not accepted"]),
    ("_search=码头&_searchmode=raw&_sort_desc=published", ["_searchmode=raw"]),
    ("_search_title=码头", ["_search_<column>"]),
    ("_search=码头&_sort=nosuch", ["_sort", "no such column"]),
    ("_search=码头&published__gt=²", ["published__gt", "digits"]),
    ("id__gt=99999999999999999999", ["id__gt", "too large"]),
    ("_facet={title body}: 码头", ["_facet", "JSON object"]),
    ("_search=码头&published__lte=-99999999999999999999", ["published__lte", "too large"]),
    ("_search=码头&_facet_year=%00", ["_facet_year", "NUL"]),
    ("_col=%00", ["_col", "NUL"]),
])
@pytest.mark.parametrize("extension", ["", ".json"])
def test_bad_parameters_of_a_search_are_400_with_a_message(client, query, words, extension):
    answer = client.get(f"/{DB_NAME}/articles{extension}?{query}")
    assert answer.status_code == 400, (query, answer.status_code)
    message = error_of(answer)
    assert all(word in message for word in words), message


@pytest.mark.parametrize("query", ["q=码头&_size=²", "q=码头&_next=²", "q=码头&_next=" + "9" * 20,
                                   "q=码头&q=港", "q=码头&_next=0&_next=5"])
def test_bad_parameters_of_the_search_query_are_400(client, query):
    answer = client.get(f"/{DB_NAME}/search.json?{query}")
    assert answer.status_code == 400 and error_of(answer)


def test_a_repeated_next_never_gives_a_page_and_a_link_that_disagree(client):
    """Datasette reads the first of repeated keys, a next-page link built from the last would
    point elsewhere: refused, not answered with page one and a Link to page three."""
    answer = client.get(f"/{DB_NAME}/articles.json?_search=码头&_size=1&_next=0&_next=2"
                        "&_shape=array")
    assert answer.status_code == 400 and "link" not in answer.headers


def test_good_parameters_still_page_the_search(client):
    """The checks refuse only what is bad: a ranked search pages by _size and _next."""
    first = client.get(f"/{DB_NAME}/articles.json?_search=码头&_size=2&_shape=array")
    assert first.status_code == 200 and len(first.json()) == 2
    assert "_next=2" in first.headers["link"]
    second = client.get(f"/{DB_NAME}/articles.json?_search=码头&_size=2&_next=2&_shape=array")
    assert second.status_code == 200 and second.json() and \
        {r["id"] for r in second.json()}.isdisjoint({r["id"] for r in first.json()})
    assert client.get(f"/{DB_NAME}/articles.json?_search=码头&_size=max").status_code == 200
    assert client.get(f"/{DB_NAME}/articles?_search=码头&_searchmode=escaped").status_code == 200


@pytest.mark.parametrize("path", ["/-/snapshot/{db}/²", "/-/snapshot/{db}/٣",
                                  "/-/snapshot/{db}/" + "9" * 20, "/-/snapshot/{db}/99999",
                                  "/-/snapshot/nosuch/1", "/-/snapshot/{db}/1/nosuch"])
def test_snapshot_addresses_that_are_no_snapshot_are_404(client, path):
    answer = client.get(path.format(db=DB_NAME), follow_redirects=True)
    assert answer.status_code == 404


# --- the fuzz ----------------------------------------------------------------------------------

ODD_NUMBERS = ["²", "٣", "１２", "-1", "0", "1e3", " 5", "5 ", "0x10", "", "max", "MAX", "1.5",
               "9" * 20, "9" * 400, str(2**63), str(2**63 - 1), "NaN", "∞"]
SYNTAX = ['"', '""', "NEAR(码头 港)", "码头 OR 港", "*", "港*", "^港", "title:码头",
          "{title body}: 码头", "-码头", "NOT", "AND", "(", ")", "'; DROP TABLE articles; --",
          "1 OR 1=1", "码头' --", "\\", "%", "_", "\x00", "\ue000", "<script>x</script>",
          "码头" * 200, "rowid", "id", "published"]
VALUES = st.sampled_from(ODD_NUMBERS + SYNTAX) | st.text(max_size=12)
KEYS = ["_search", "q", "_size", "_next", "_shape", "_searchmode", "_sort", "_sort_desc",
        "_facet", "_facet_year", "_col", "_nocol", "_search_title", "_search_body", "id",
        "_fts_table", "_fts_pk", "_labels", "_json", "_nocount", "_trace", "published__gt",
        "id__gt", "id__lte", "status__gte", "_facet_array", "sql",
        "title__contains", "_where", "_stream", "_dl",
        # the results page's facets and order, the articles table's columns
        "section", "byline", "published__startswith", "_columns"]
PATHS = ["/{db}/articles", "/{db}/articles.json", "/{db}/articles.csv", "/{db}/search",
         "/{db}/search.json", "/{db}/revisions", "/{db}/revisions.json", "/{db}/latest.atom",
         "/{db}/article_history.json", "/{db}/snapshots", "/{db}/articles/1", "/{db}",
         "/-/search", "/-/search.json"]


@settings(max_examples=250, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS),
       params=st.lists(st.tuples(st.sampled_from(KEYS), VALUES), min_size=1, max_size=5))
def test_fuzz_no_parameter_gives_500(client, path, params):
    """Odd digits, huge numbers, repeated keys, FTS5 and SQL syntax, on every path and
    parameter the plugin reads (and Datasette's own beside them): never a 500; a 400 says
    why."""
    if not any(key in ("_search", "q") for key, _ in params):
        params = [("_search", "码头"), *params]
    answer = client.get(path.format(db=DB_NAME), params=params)
    assert answer.status_code < 500, (path, params, answer.text[:500])
    assert "Traceback" not in answer.text, (path, params)
    if answer.status_code == 400:
        assert error_of(answer).strip()
    elif answer.status_code == 200 and path.endswith(".json"):
        # An answer of 200 is data, never an error dressed as data (whatever the _shape).
        data = answer.json()
        assert isinstance(data, (dict, list)), data
        if isinstance(data, dict):
            assert data.get("ok", True) is not False and not data.get("error"), data
    elif answer.status_code == 200 and path.endswith(".csv"):
        assert answer.headers["content-type"].startswith("text/"), answer.headers


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(snapshot=st.sampled_from(ODD_NUMBERS + ["1", "2", "3", "１", "٢", "¹"]),
       form=st.sampled_from(["", "/raw", "/text"]))
def test_fuzz_snapshot_addresses_give_no_500(client, snapshot, form):
    """Only the ids the archive holds, in ASCII digits, are snapshots: 1 (a page, every form)
    and 2 (a compression nobody knows: its page says so, its raw and text forms are 404);
    every other address is 404. The raw form is the stored bytes themselves."""
    answer = client.get(f"/-/snapshot/{DB_NAME}/{snapshot.strip() or '0'}{form}",
                        follow_redirects=True)
    expected = {("1", ""): 200, ("1", "/raw"): 200, ("1", "/text"): 200, ("2", ""): 200}
    assert answer.status_code == expected.get((snapshot.strip(), form), 404), \
        (snapshot, form, answer.status_code)
    if answer.status_code == 200 and form == "/raw":
        assert answer.content == RAW_PAGE


# --- the checks themselves (datasette_params), without a server ---------------------------------

def test_page_sizes_and_offsets():
    from portscraper.room.params import MAX_OFFSET, next_problem, size_problem

    for good in (None, "", "max", "1", "50", "1000"):
        assert size_problem(good, 1000) is None, good
    for bad in ("0", "1001", "²", "-1", "1.5", "max2", " 5"):
        assert "1 to 1000, or max" in size_problem(bad, 1000), bad
    for good in (None, "", "0", "40", str(MAX_OFFSET)):
        assert next_problem(good) is None, good
    for bad in (str(MAX_OFFSET + 1), "²", "-1", "4O", "1e3"):
        assert "_next must be a whole number" in next_problem(bad), bad


def test_what_a_path_names():
    from portscraper.room.params import table_and_database

    assert table_and_database("/portnews/articles.json") == ("portnews", "articles")
    assert table_and_database("/portnews/search") == ("portnews", "search")
    for other in ("/", "/portnews", "/portnews/", "//articles", "/a/b/c", "portnews/articles"):
        assert table_and_database(other) is None, other


def test_which_requests_are_refused():
    from portscraper.room.params import problem

    def check(path, query, ranked=False):
        from urllib.parse import parse_qsl

        return problem(path, parse_qsl(query, keep_blank_values=True), 1000, ranked)

    assert check("/db/articles", "_search=码头&_size=5&_next=5", ranked=True) is None
    assert check("/db/articles", "_search=码头&_next=5&_next=5", ranked=True) == \
        "_next is given 2 times: give it once"
    assert check("/db/search", "q=a&q=b") == "q is given 2 times: give it once"
    assert "_size" in check("/db/search.json", "q=a&_size=0")
    # Not a ranked search and not the query: _next belongs to Datasette (a keyset token).
    assert check("/db/articles", "_search=a&_sort=id&_next=2024-01-01,5") is None
    assert check("/db/revisions", "_search=a&_next=x&_next=y") is None
    assert "_searchmode=raw" in check("/db/revisions", "_search=a&_searchmode=raw")
    assert check("/db/articles", "_search=a&_searchmode=escaped", ranked=True) is None
    assert "_search_<column>" in check("/db/articles", "_search_title=a")
    assert check("/db/revisions", "_search_title=a") is None
    assert check("/db/articles", "published__gt=٣") == \
        "published__gt='٣': numbers are written with the digits 0-9"
    assert check("/db/articles", "_search=²") is None and check("/db/search", "q=²") is None
    assert check("/db/articles", "published__gt=3") is None
    assert check("/db/articles", f"id__lt={2**63 - 1}&id__gt=-{2**63 - 1}") is None
    assert "too large" in check("/db/articles", f"id__lt={2**63}")
    assert check("/db/articles", f"_search={10**30}") is None
    assert "digits 0-9" in check("/db/articles", "quota__gt=²")
    assert check("/", "_searchmode=raw") is None
    assert check("/db/articles", "title__contains={x") is None  # only _facet reads JSON
    assert "too large" in check("/db/articles", "id__gt=-10000000000000000000")


def test_a_refusal_is_in_datasettes_own_error_forms(client):
    """JSON for .json (Datasette's error object), its error page otherwise."""
    answer = client.get(f"/{DB_NAME}/articles.json?_search=码头&_searchmode=raw")
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == {
        "ok": False, "status": 400, "title": "Invalid parameter",
        "error": "_searchmode=raw is not accepted: searches are words and \"quoted phrases\" "
                 "(no FTS5 syntax); leave _searchmode out"}
    page = client.get(f"/{DB_NAME}/articles?_search_title=码头")
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "<title>Invalid parameter</title>" in page.text
    assert ("search the articles with _search (it looks in the title and body); "
            "_search_&lt;column&gt; is not supported on articles") in page.text


def test_sorts_by_a_column_pass_and_others_are_refused(client):
    """rowid only where Datasette sorts by it: tables without a primary key."""
    assert client.get(f"/{DB_NAME}/articles?_sort=rowid").status_code == 400
    assert client.get(f"/{DB_NAME}/articles_fts?_sort=rowid").status_code == 200
    assert client.get(f"/{DB_NAME}/articles?_sort_desc=published").status_code == 200
    refused = client.get(f"/{DB_NAME}/articles.json?_sort_desc=nosuch")
    assert refused.status_code == 400
    assert refused.json()["error"] == \
        "_sort_desc='nosuch': this table has no such column to sort by"
    # No such database or table: Datasette's own 404, not a refusal of the sort.
    assert client.get("/nosuchdb/articles?_sort=nosuch").status_code == 404
    assert client.get(f"/{DB_NAME}/nosuchtable?_sort=nosuch").status_code == 404
    assert client.get("/?_sort=nosuch").status_code == 200  # no table to sort


@pytest.mark.parametrize("query, words", [
    ("_search=" + " ".join("港" for _ in range(300)), ["_search", "300 words", "at most 32"]),
    ("_search=" + "码" * 5000, ["_search", "5000 characters"]),
])
@pytest.mark.parametrize("extension", ["", ".json"])
def test_a_search_longer_than_a_reader_types_is_400(client, query, words, extension):
    answer = client.get(f"/{DB_NAME}/articles{extension}?{query}")
    assert answer.status_code == 400, (query, answer.status_code)
    message = error_of(answer)
    assert all(word in message for word in words), message


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_plugins_sql_functions_refuse_a_huge_argument(client):
    """Python runs outside the query time limit: a function handed 40 million characters
    would hold the worker for seconds; it is refused at once instead (an SQL error)."""
    sql = "select portscraper_fts_query(zeroblob(1000000) || 'x') as q"
    answer = client.get(f"/{DB_NAME}.json?sql={sql}")
    assert answer.status_code == 400
    assert "function raised exception" in answer.json()["error"]
    small = client.get(f"/{DB_NAME}.json?sql=select portscraper_fts_query('码头') as q"
                       "&_shape=array")
    assert small.json() == [{"q": '"码头"'}]

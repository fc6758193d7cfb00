"""``service.api.direct``: a domain answer written in front of Flask is the view's answer, byte for byte; any
other request, and a request Flask would treat differently, goes to Flask."""

import copy
import json
from pathlib import Path

import pytest
from flask import signals

from service import jsonvalues
from service.api.direct import DirectAnswers
from service.app import create_app
from service.cases import case_files, load_cases

DECISIONS = Path(__file__).resolve().parent.parent / "decisions"
PATHS = {"inami-benefit.dmn": "/benefits/inami", "ossom-allowance.dmn": "/benefits/ossom"}

INAMI = {"status": "employee", "incapacityStartDate": "2026-01-15", "referenceDate": "2026-03-20",
         "grossDailyWage": 150, "workedDaysLast12Months": 200, "household": {"livesAlone": True}}
OSSOM = {"incapacityStartDate": "2025-01-10", "referenceDate": "2026-02-15",
         "monthlyContributions": ["500", 550, "600.25"], "residenceCountry": "be"}

CASES = [
    pytest.param(PATHS[case.model], jsonvalues.dumps(case.inputs).encode(), id=case.id)
    for file in case_files(None, str(DECISIONS))
    for case in load_cases(file)
    if case.model in PATHS
]


def _body(base, **changes):
    body = copy.deepcopy(base)
    body.update(changes)
    return json.dumps(body).encode()


OTHER_BODIES = [
    ("/benefits/inami", _body(INAMI)),
    ("/benefits/inami", _body(INAMI, referenceDate="1990-01-01", incapacityStartDate="1989-01-01")),  # no rule
    ("/benefits/inami", _body(INAMI, status="retired")),
    ("/benefits/inami", _body(INAMI, unknown=1)),
    ("/benefits/inami", b""),
    ("/benefits/inami", b"  "),
    ("/benefits/inami", b'{"status": '),
    ("/benefits/inami", b"\xff{}"),
    ("/benefits/inami", b"[1]"),
    ("/benefits/ossom", _body(OSSOM)),
    ("/benefits/ossom", _body(OSSOM, monthlyContributions=[])),
    ("/benefits/ossom", b"null"),
]


@pytest.fixture(scope="module")
def apps():
    """The app as created, and the same app answering everything through Flask."""
    direct = create_app()
    flask_only = create_app(models=direct.extensions["decisions"].models)
    assert isinstance(flask_only.wsgi_app, DirectAnswers)
    flask_only.wsgi_app = flask_only.wsgi_app.wsgi_app
    return direct, flask_only


def _answer(app, path, body, **kwargs):
    response = app.test_client().open(path, method=kwargs.pop("method", "POST"), data=body,
                                      content_type=kwargs.pop("content_type", "application/json"), **kwargs)
    return response.status, sorted(response.headers.items()), response.get_data()


def _through_flask(app, monkeypatch) -> list:
    """Record each request that reaches Flask."""
    seen = []
    inner = app.wsgi_app.wsgi_app

    def recording(environ, start_response):
        seen.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    monkeypatch.setattr(app.wsgi_app, "wsgi_app", recording)
    return seen


@pytest.mark.parametrize(("path", "body"), CASES)
def test_every_regression_case_is_answered_as_the_view_answers_it(apps, path, body):
    direct, flask_only = apps
    assert _answer(direct, path, body) == _answer(flask_only, path, body)


@pytest.mark.parametrize(("path", "body"), OTHER_BODIES)
def test_other_bodies(apps, path, body):
    direct, flask_only = apps
    assert _answer(direct, path, body) == _answer(flask_only, path, body)


@pytest.mark.parametrize("kwargs", [
    {"content_type": "application/json; charset=utf-8"}, {"content_type": "text/plain"},
    {"content_type": None}, {"method": "PUT"}, {"query_string": "x=1"},
    {"headers": {"Transfer-Encoding": "chunked"}}, {"headers": {"Content-Length": "+171"}},
])
def test_other_requests(apps, kwargs):
    direct, flask_only = apps
    assert _answer(direct, "/benefits/inami", _body(INAMI), **copy.deepcopy(kwargs)) == _answer(
        flask_only, "/benefits/inami", _body(INAMI), **copy.deepcopy(kwargs))


def test_a_decided_case_is_answered_in_front_of_flask_and_noted_for_the_log(monkeypatch):
    app = create_app()
    seen = _through_flask(app, monkeypatch)
    direct = app.wsgi_app
    notes = []

    def noting(environ, start_response):
        answer = direct(environ, start_response)
        notes.append(environ.get("decisions.log"))
        return answer

    monkeypatch.setattr(app, "wsgi_app", noting)
    response = app.test_client().post("/benefits/inami", data=_body(INAMI), content_type="application/json")
    assert response.status_code == 200 and seen == []
    model = app.extensions["decisions"].by_file["inami-benefit.dmn"]
    assert response.json["model"] == {"name": model.name, "sha256": model.sha256}
    assert notes == [{"decision": "inamiBenefit", "model": model.sha256}]


def test_a_refused_body_reaches_flask_as_it_came(monkeypatch):
    app = create_app()
    seen = _through_flask(app, monkeypatch)
    response = app.test_client().post("/benefits/inami", data=_body(INAMI, status="retired"),
                                      content_type="application/json")
    assert response.status_code == 422 and seen == ["/benefits/inami"]
    assert response.json["errors"][0]["path"] == "status"


def test_a_body_past_the_limit_is_left_to_flask(monkeypatch):
    app = create_app(config={"MAX_CONTENT_LENGTH": 50})
    seen = _through_flask(app, monkeypatch)
    assert app.test_client().post("/benefits/inami", data=_body(INAMI),
                                  content_type="application/json").status_code == 413
    assert seen == ["/benefits/inami"]


def test_without_the_model_the_503_is_flasks(monkeypatch):
    app = create_app(config={"INAMI_MODEL": ("absent.dmn", "inamiBenefit")})
    seen = _through_flask(app, monkeypatch)
    assert app.test_client().post("/benefits/inami", data=_body(INAMI),
                                  content_type="application/json").status_code == 503
    assert seen == ["/benefits/inami"]


def test_hooks_signals_and_debug_send_every_request_to_flask(monkeypatch):
    app = create_app()
    seen = _through_flask(app, monkeypatch)
    client = app.test_client()

    def post():
        return client.post("/benefits/inami", data=_body(INAMI), content_type="application/json")

    calls = []
    app.after_request(lambda response: calls.append("after") or response)
    assert post().status_code == 200 and calls == ["after"] and len(seen) == 1
    app.after_request_funcs.clear()

    def started(sender, **extra):
        calls.append("started")

    signals.request_started.connect(started)
    try:
        assert post().status_code == 200 and calls[-1] == "started" and len(seen) == 2
    finally:
        signals.request_started.disconnect(started)

    app.debug = True
    assert post().get_data().startswith(b'{\n  "covered"') and len(seen) == 3
    app.debug = False
    assert post().status_code == 200 and len(seen) == 3


class _Trickle:
    """An input stream giving at most ``step`` bytes a read, as a socket may."""

    def __init__(self, data: bytes, step: int = 7):
        self.data, self.step = data, step

    def read(self, size=-1):
        if size is None or size < 0:
            size = len(self.data)
        chunk, self.data = self.data[:min(size, self.step)], self.data[min(size, self.step):]
        return chunk


def _wsgi(app, body: bytes, length: int, *, terminated: bool, step: int = 7):
    """Call the WSGI app as a server would, with the input stream of such a server."""
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": "/benefits/inami", "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8080", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "x",
        "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(length), "wsgi.input": _Trickle(body, step),
        "wsgi.url_scheme": "http", "wsgi.errors": None, "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if terminated:
        environ["wsgi.input_terminated"] = True
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen.update(status=status, headers=headers)

    body_out = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body_out


@pytest.mark.parametrize(("extra", "length_change"), [(b"", 0), (b"  ", 0), (b'{"x": 1}', 0), (b"", -5),
                                                      (b"", 10)])
@pytest.mark.parametrize("terminated", [True, False])
@pytest.mark.parametrize("step", [1, 7, 4096])
def test_input_streams_of_servers(apps, extra, length_change, terminated, step):
    """Werkzeug reads Content-Length bytes, or all of a stream the server ends itself (as gunicorn does); the
    direct answer is given for exactly the body Flask would read, and Flask gets the stream as it came."""
    direct, flask_only = apps
    body = _body(INAMI)
    length = len(body) + length_change
    assert _wsgi(direct, body + extra, length, terminated=terminated, step=step) == _wsgi(
        flask_only, body + extra, length, terminated=terminated, step=step)


def test_under_a_server_that_ends_the_stream_a_decided_case_is_answered_directly(monkeypatch):
    app = create_app()
    seen = _through_flask(app, monkeypatch)
    status, headers, _ = _wsgi(app, _body(INAMI), len(_body(INAMI)), terminated=True)
    assert status == "200 OK" and seen == []


def test_an_unexpected_error_is_flasks_problem_document(monkeypatch):
    app = create_app()
    seen = _through_flask(app, monkeypatch)
    scheme = app.wsgi_app.schemes["/benefits/inami"]

    def failing(value):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(scheme, "write", failing)
    response = app.test_client().post("/benefits/inami", data=_body(INAMI), content_type="application/json")
    assert response.status_code == 500 and response.mimetype == "application/problem+json"
    assert b"internal detail" not in response.get_data() and seen == ["/benefits/inami"]

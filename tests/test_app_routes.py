"""No route serves files from the disk: Flask's default ``/static/<path>`` is not there."""

from service.app import create_app


def test_no_static_route():
    app = create_app()
    assert not [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint == "static"]
    response = app.test_client().get("/static/README.md")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"

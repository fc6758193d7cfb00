"""The page's routes: ``/``, its static files under ``/ui/static`` and its two JSON helpers."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request

from service.api.registry import current_registry

from .findings import table_findings
from .forms import form_schema

__all__ = ["blp"]


class _Blueprint(Blueprint):
    def send_static_file(self, filename):
        """The file as bytes in the answer, not as a file for the server to send (``sendfile``): the files are
        small, and every server and middleware in front of the app then handles them as any other answer."""
        response = super().send_static_file(filename)
        response.direct_passthrough = False
        response.make_sequence()
        return response


blp = _Blueprint("web", __name__, static_folder="static", static_url_path="/ui/static",
                 template_folder="templates")


@blp.get("/")
def page():
    """The page: models, diagrams and tables, a case to try, its answer, findings and the reload state."""
    return render_template("web/index.html")


@blp.get("/ui/decisions/<string:decision_id>/form")
def decision_form(decision_id):
    """The JSON Schema of a decision's inputs (``?model=`` picks the model when several hold it)."""
    return jsonify(form_schema(current_registry().decision(decision_id, request.args.get("model"))))


@blp.get("/ui/findings")
def findings():
    """The findings on the loaded tables: the linter's, or the load diagnostics without it; worked out once
    per set of loaded models."""
    registry = current_registry()
    cached = current_app.extensions.get("web.findings")
    if cached is None or cached[0] is not registry:
        cached = (registry, table_findings(registry.models))
        current_app.extensions["web.findings"] = cached
    return jsonify(cached[1])

"""The rule authors' and case workers' page, served at ``/`` by ``decisions serve``.

A Flask blueprint: the page itself, its own scripts and styles and the dmn-js viewer (from npm, committed under
``static/vendor/dmn-js`` by ``npm run build``; see ``package.json``) under ``/ui/static``, and two JSON helpers
for the page: the input form of a decision (``/ui/decisions/<id>/form``) and the findings on the loaded tables
(``/ui/findings``). Everything else the page reads is the service's public API.
"""

from .views import blp

__all__ = ["blp"]

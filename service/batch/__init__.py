"""Whole populations: ``decisions batch`` (one answer per case, in process or on Spark), ``decisions impact``
(the same cases under two versions of the rules) and ``decisions sample`` (a synthetic population).

A domain case is answered by ``service.api.domain.evaluate_document``, a decision by
``service.api.generic.answer_decision``: the code of ``POST /benefits/<scheme>`` and
``POST /decisions/{id}/evaluate``, never a copy.
"""

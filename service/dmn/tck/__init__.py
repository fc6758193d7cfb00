"""The DMN TCK over this engine: a conformance tool, not part of evaluation.

``runner`` walks a TCK folder, runs every test case and reports counts and the TCK results CSV (``decisions tck``
or ``python -m service.dmn.tck``); ``values`` reads the test files and compares values.
"""

from .runner import (
    ERROR,
    IGNORED,
    SUCCESS,
    CaseOutcome,
    iter_outcomes,
    main,
    report,
    run_tck,
    summarize,
)
from .values import ResultNode, TckFileError, TestCase, TestFile, compare, parse_test_file, parse_value

__all__ = [
    "ERROR", "IGNORED", "SUCCESS", "CaseOutcome", "ResultNode", "TckFileError", "TestCase", "TestFile", "compare",
    "iter_outcomes", "main", "parse_test_file", "parse_value", "report", "run_tck", "summarize",
]

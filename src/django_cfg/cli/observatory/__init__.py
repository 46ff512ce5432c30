"""Grading of HTTP responses with the scoring of the MDN HTTP Observatory.

Source of the tests, their score modifiers and the grading chart: "HTTP
Observatory Scoring Methodology" on MDN,
https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring. The
conditions of each result follow the Observatory's own scanner
(https://github.com/mdn/mdn-http-observatory, src/analyzer/tests/ and
src/grader/charts.js).

The ten tests read the headers (and, for Subresource Integrity, the HTML) of
responses that the caller obtained. Unlike the Observatory, the grading here
checks no HSTS preload list and no Public Suffix List and reads no
<meta http-equiv> policies.
"""

from django_cfg.cli.observatory.grading import GRADES, Report, grade_is_below, grade_scan
from django_cfg.cli.observatory.headers import AUDIT_ORIGIN
from django_cfg.cli.observatory.responses import Response, Scan
from django_cfg.cli.observatory.results import Result

__all__ = [
    "AUDIT_ORIGIN",
    "GRADES",
    "Report",
    "Response",
    "Result",
    "Scan",
    "grade_is_below",
    "grade_scan",
]

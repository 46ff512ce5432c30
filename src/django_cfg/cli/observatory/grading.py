"""The score and grade of a scan, as the MDN HTTP Observatory computes them.

Every site starts at 100. The negative modifiers are subtracted first, and the
positive ones are added only when the result is still 90 or more. The score is
never below 0 and has no maximum; the grading chart maps it to a letter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django_cfg.cli.observatory.cookies import grade_cookies
from django_cfg.cli.observatory.csp import grade_csp
from django_cfg.cli.observatory.headers import (
    grade_content_type_options,
    grade_cors,
    grade_frame_options,
    grade_hsts,
    grade_redirection,
    grade_referrer_policy,
    grade_resource_policy,
    hsts_passes,
)
from django_cfg.cli.observatory.responses import Scan
from django_cfg.cli.observatory.results import RESULTS, TESTS, Result, redirection_not_graded
from django_cfg.cli.observatory.scripts import grade_subresource_integrity

BASELINE_SCORE = 100
#: Positive modifiers count only when the score after the negative ones reaches this.
MINIMUM_SCORE_FOR_BONUS = 90

#: The lowest score of each grade, best grade first.
GRADE_CHART = (
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
)
GRADES = tuple(grade for _, grade in GRADE_CHART)


@dataclass(frozen=True)
class Report:
    """The findings of one scan, in TESTS order, with the resulting score and grade."""

    findings: tuple[Result, ...]
    score: int
    grade: str


def grade_scan(scan: Scan) -> Report:
    """Run every test on ``scan`` and score the results."""
    hsts = grade_hsts(scan.https_response)
    names = {
        "content-security-policy": grade_csp(scan.final),
        "cookies": grade_cookies(scan.responses, hsts=hsts_passes(hsts)),
        "cross-origin-resource-sharing": grade_cors(scan.final),
        "referrer-policy": grade_referrer_policy(scan.final),
        "strict-transport-security": hsts,
        "subresource-integrity": grade_subresource_integrity(scan.final),
        "x-content-type-options": grade_content_type_options(scan.final),
        "x-frame-options": grade_frame_options(scan.final),
        "cross-origin-resource-policy": grade_resource_policy(scan.final),
    }
    findings = {test: RESULTS[name] for test, name in names.items()}
    findings["redirection"] = _redirection(scan)

    ordered = tuple(findings[test] for test in TESTS)
    score = compute_score(result.modifier for result in ordered)
    return Report(findings=ordered, score=score, grade=grade_for_score(score))


def _redirection(scan: Scan) -> Result:
    if scan.http_route is None:
        return redirection_not_graded(scan.redirection_not_graded or "no http URL was requested")
    return RESULTS[grade_redirection(scan.http_route)]


def compute_score(modifiers: Iterable[int]) -> int:
    values = list(modifiers)
    score = BASELINE_SCORE + sum(modifier for modifier in values if modifier < 0)
    if score >= MINIMUM_SCORE_FOR_BONUS:
        score += sum(modifier for modifier in values if modifier > 0)
    return max(score, 0)


def grade_for_score(score: int) -> str:
    return next(grade for minimum, grade in GRADE_CHART if score >= minimum)


def grade_is_below(grade: str, minimum: str) -> bool:
    """Return whether ``grade`` is worse than ``minimum``; both are letters of GRADES."""
    return GRADES.index(grade) > GRADES.index(minimum)

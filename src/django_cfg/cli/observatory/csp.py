"""The Content-Security-Policy test: parse the enforced policy and find its weakest part."""

from __future__ import annotations

from collections.abc import Iterable

from django_cfg.cli.observatory.responses import Response

#: Sources that allow nearly any origin.
BROAD_SOURCES = frozenset(
    {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
)
INLINE_SOURCES = frozenset({"'unsafe-inline'", "data:"})
NONCE_OR_HASH_PREFIXES = ("'nonce-", "'sha256-", "'sha384-", "'sha512-")
PASSIVE_DIRECTIVES = ("img-src", "media-src")
#: Directives a policy may repeat without being invalid.
REPEATABLE_DIRECTIVES = frozenset({"report-uri", "report-to"})
#: The shortest text a policy can have, one less than the length of "img-src".
MIN_POLICY_LENGTH = 6

Policy = dict[str, set[str]]


class InvalidPolicy(ValueError):
    """A Content-Security-Policy that cannot be parsed."""


#: Results that count as a working policy, which a repeated report directive replaces.
PASSING_RESULTS = frozenset(
    {
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    }
)


def grade_csp(response: Response) -> str:
    """Return the CSP result name for the enforced policy of ``response``."""
    policies = enforced_policies(response)
    if not policies:
        if response.header_values("content-security-policy-report-only"):
            return "csp-not-implemented-but-reporting-enabled"
        return "csp-not-implemented"

    try:
        policy, repeated_reporting = parse_policies(policies)
        weakness = find_weakness(policy, https=response.scheme == "https")
    except InvalidPolicy:
        return "csp-header-invalid"
    if repeated_reporting and weakness in PASSING_RESULTS:
        return "csp-implemented-but-duplicate-directives"
    return weakness


def enforced_policies(response: Response) -> list[str]:
    """Return the policies of every Content-Security-Policy header of ``response``.

    A comma separates policies, since no directive value may contain one.
    """
    values = response.header_values("content-security-policy")
    return [policy.strip() for value in values for policy in value.split(",")]


def parse_policies(policies: list[str]) -> tuple[Policy, bool]:
    """Combine the enforced policies into one; return it and whether a report directive repeats.

    A browser enforces every policy, so a source counts only when each policy
    that restricts the directive, itself or through its default-src, lists it.
    NOTE: sources are compared as exact text, so a path source that one policy
    narrows in another (https://x.com/ and https://x.com/app/) is dropped.
    """
    parsed = [parse_policy(text) for text in policies]
    repeated_reporting = any(repeated for _, repeated in parsed)
    if len(parsed) == 1:
        return parsed[0][0], repeated_reporting

    names = {directive for policy, _ in parsed for directive in policy}
    combined: Policy = {}
    for name in names:
        restrictions = [
            sources for policy, _ in parsed if (sources := _restriction(policy, name)) is not None
        ]
        combined[name] = set.intersection(*restrictions) or {"'none'"}
    return combined, repeated_reporting


def _restriction(policy: Policy, directive: str) -> set[str] | None:
    """Return the sources ``policy`` allows for ``directive``, or None when it sets no limit."""
    if directive in policy:
        return policy[directive]
    if directive.endswith("-src") and "default-src" in policy:
        return policy["default-src"]
    return None


def parse_policy(text: str) -> tuple[Policy, bool]:
    """Parse one policy into lower-cased directives and sources.

    Raise InvalidPolicy for a policy too short to hold a directive, or for a
    repeated directive other than report-uri and report-to, whose repeats are
    reported in the returned flag.
    """
    text = text.replace("\r", "").replace("\n", "").strip()
    if len(text) < MIN_POLICY_LENGTH:
        raise InvalidPolicy(text)

    policy: Policy = {}
    repeated_reporting = False
    for entry in text.split(";"):
        words = entry.split()
        if not words:
            continue
        directive, sources = words[0].lower(), words[1:]
        if directive in policy:
            if directive not in REPEATABLE_DIRECTIVES:
                raise InvalidPolicy(directive)
            repeated_reporting = True
            continue
        values = {source.lower() for source in sources}
        if not values and directive.endswith("-src"):
            values = {"'none'"}
        policy[directive] = values
    return policy, repeated_reporting


def find_weakness(policy: Policy, *, https: bool) -> str:
    """Return the result name of the most serious weakness of ``policy``, checked in order."""
    default = policy.get("default-src")
    script_src = _effective_script_sources(set(policy.get("script-src", default or {"*"})))
    object_src = policy.get("object-src", default or {"*"})
    style_src = _without_inline_when_nonce(set(policy.get("style-src", default or {"*"})))

    if _any_in(script_src, BROAD_SOURCES | INLINE_SOURCES) or _any_in(object_src, BROAD_SOURCES):
        return "csp-implemented-with-unsafe-inline"
    if https and _any_insecure(_active_sources(policy, script_src)):
        return "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in script_src | style_src:
        return "csp-implemented-with-unsafe-eval"
    if https and _any_insecure(_passive_sources(policy)):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only"
    if _any_in(style_src, BROAD_SOURCES | INLINE_SOURCES):
        return "csp-implemented-with-unsafe-inline-in-style-src-only"
    form_action = policy.get("form-action", set())
    if default == {"'none'"} and form_action and form_action <= {"'self'", "'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none"
    return "csp-implemented-with-no-unsafe"


def _effective_script_sources(sources: set[str]) -> set[str]:
    """Drop the sources that a nonce or hash, and 'strict-dynamic', make browsers ignore.

    Raise InvalidPolicy for 'strict-dynamic' without a nonce or hash.
    """
    sources = _without_inline_when_nonce(sources)
    if "'strict-dynamic'" not in sources:
        return sources
    if not _has_nonce_or_hash(sources):
        raise InvalidPolicy("'strict-dynamic' without a nonce or hash")
    return {
        source
        for source in sources
        if source not in ("'self'", "'unsafe-inline'")
        and not source.startswith(tuple(BROAD_SOURCES))
    }


def _without_inline_when_nonce(sources: set[str]) -> set[str]:
    # Browsers ignore 'unsafe-inline' in a source list that has a nonce or hash.
    if _has_nonce_or_hash(sources):
        return sources - {"'unsafe-inline'"}
    return sources


def _has_nonce_or_hash(sources: Iterable[str]) -> bool:
    return any(source.startswith(NONCE_OR_HASH_PREFIXES) for source in sources)


def _active_sources(policy: Policy, script_src: set[str]) -> set[str]:
    skipped = {*PASSIVE_DIRECTIVES, "script-src"}
    active = {
        source for name, sources in policy.items() if name not in skipped for source in sources
    }
    return active | script_src


def _passive_sources(policy: Policy) -> set[str]:
    default = policy.get("default-src", set())
    return {source for name in PASSIVE_DIRECTIVES for source in policy.get(name, default)}


def _any_in(sources: set[str], unsafe: frozenset[str]) -> bool:
    return not sources.isdisjoint(unsafe)


def _any_insecure(sources: Iterable[str]) -> bool:
    return any(source.startswith(("http:", "ftp:")) for source in sources)


def frame_ancestors_set(response: Response) -> bool:
    """Return whether the enforced, parseable policy of ``response`` sets frame-ancestors."""
    policies = enforced_policies(response)
    if not policies:
        return False
    try:
        policy, _ = parse_policies(policies)
    except InvalidPolicy:
        return False
    return "frame-ancestors" in policy

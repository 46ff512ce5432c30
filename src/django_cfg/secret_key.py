"""Strength rules for SECRET_KEY; no function here returns or formats the key itself."""

from __future__ import annotations

#: Django's own minimums (django.core.checks.security.base, security.W009).
MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5
INSECURE_PREFIX = "django-insecure-"

#: Fragments of keys copied from tutorials, templates and documentation.
PLACEHOLDER_FRAGMENTS = (
    "changeme",
    "change-me",
    "change_me",
    "replace-me",
    "replaceme",
    "your-secret",
    "your_secret",
    "your-production-secret",
    "secret-key",
    "secret_key",
    "insecure",
    "placeholder",
    "dummy",
)

GENERATE_HINT = (
    'generate one with: python -c "from django.core.management.utils import '
    'get_random_secret_key; print(get_random_secret_key())"'
)


def secret_key_weaknesses(key: str) -> list[str]:
    """Return why ``key`` is weak, as phrases that never quote the key."""
    if not key:
        return ["an empty key"]
    weaknesses = []
    if len(key) < MIN_LENGTH:
        weaknesses.append(f"a key of {_characters(len(key))}")
    if len(set(key)) < MIN_UNIQUE_CHARACTERS:
        weaknesses.append(f"a key of {_characters(len(set(key)), 'distinct ')}")
    if key.startswith(INSECURE_PREFIX):
        weaknesses.append(f"a key starting with {INSECURE_PREFIX!r}")
    # The prefix is already reported above, so its "insecure" does not also make
    # the key a placeholder.
    rest = key.removeprefix(INSECURE_PREFIX).lower()
    if any(fragment in rest for fragment in PLACEHOLDER_FRAGMENTS):
        weaknesses.append("a placeholder key from an example or template")
    return weaknesses


def _characters(count: int, adjective: str = "") -> str:
    noun = "character" if count == 1 else "characters"
    return f"{count} {adjective}{noun}"


EXPECTED = (
    f"a random key of at least {MIN_LENGTH} characters with at least "
    f"{MIN_UNIQUE_CHARACTERS} distinct characters, not starting with {INSECURE_PREFIX!r}"
)

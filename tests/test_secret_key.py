"""SECRET_KEY strength rules and the phrases that describe a weak key."""

import pytest

from django_cfg import ConfigError, DjangoConfig
from django_cfg.secret_key import secret_key_weaknesses
from tests.conftest import STRONG_KEY

PLACEHOLDER = "a placeholder key from an example or template"
INSECURE = "a key starting with 'django-insecure-'"

# Each row: a weak key and the exact phrases that describe it.
WEAK_KEYS = [
    pytest.param(STRONG_KEY[:49], ["a key of 49 characters"], id="49-characters"),
    pytest.param("ab" * 30, ["a key of 2 distinct characters"], id="2-distinct"),
    pytest.param("abcd" * 13, ["a key of 4 distinct characters"], id="4-distinct"),
    pytest.param("x" * 60, ["a key of 1 distinct character"], id="1-distinct"),
    pytest.param("x", ["a key of 1 character", "a key of 1 distinct character"], id="1-character"),
    pytest.param("django-insecure-" + STRONG_KEY, [INSECURE], id="insecure-prefix"),
    pytest.param(
        "django-insecure-key", ["a key of 19 characters", INSECURE], id="insecure-prefix-short"
    ),
    pytest.param("changeme", ["a key of 8 characters", PLACEHOLDER], id="changeme"),
    pytest.param("your-secret-key", ["a key of 15 characters", PLACEHOLDER], id="your-secret-key"),
    pytest.param(
        "your-production-secret-key-minimum-50-characters",
        ["a key of 48 characters", PLACEHOLDER],
        id="docs-production-example",
    ),
    pytest.param(
        "dev-secret-key-minimum-50-characters-long-string",
        ["a key of 48 characters", PLACEHOLDER],
        id="docs-development-example",
    ),
    pytest.param("CHANGEME-" + STRONG_KEY, [PLACEHOLDER], id="long-placeholder"),
    pytest.param(
        "django-insecure-changeme-" + STRONG_KEY, [INSECURE, PLACEHOLDER], id="prefix-placeholder"
    ),
]


@pytest.mark.parametrize(("key", "weaknesses"), WEAK_KEYS)
def test_weak_key_phrases(key: str, weaknesses: list[str]) -> None:
    assert secret_key_weaknesses(key) == weaknesses


@pytest.mark.parametrize(("key", "weaknesses"), WEAK_KEYS)
def test_phrases_omit_key(key: str, weaknesses: list[str]) -> None:
    for phrase in secret_key_weaknesses(key):
        assert key not in phrase


def test_empty_key() -> None:
    assert secret_key_weaknesses("") == ["an empty key"]


def test_strong_key() -> None:
    assert secret_key_weaknesses(STRONG_KEY) == []


def test_minimum_length_passes() -> None:
    assert secret_key_weaknesses(STRONG_KEY[:50]) == []


def test_five_distinct_passes() -> None:
    assert secret_key_weaknesses("abcde" * 10) == []


def test_config_rejects_docs_key() -> None:
    key = "your-production-secret-key-minimum-50-characters"

    with pytest.raises(ConfigError) as caught:
        DjangoConfig(secret_key=key, debug=False, security_domains=["myapp.com"])

    assert str(caught.value) == (
        "Invalid DjangoConfig (1 problem):\n"
        "- secret_key: found a key of 48 characters, " + PLACEHOLDER + "\n"
        "    expected: a random key of at least 50 characters with at least 5 distinct "
        "characters, not starting with 'django-insecure-'\n"
        "    fix: read it from an environment variable; generate one with: "
        'python -c "from django.core.management.utils import get_random_secret_key; '
        'print(get_random_secret_key())"'
    )
    assert key not in str(caught.value)

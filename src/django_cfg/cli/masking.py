"""Hiding secrets in settings before anything is printed."""

from __future__ import annotations

import re
from typing import Any

#: The text that replaces a secret value.
MASK = "********"

#: A name that contains one of these words, in any case, names a secret.
SECRET_WORDS = ("SECRET", "PASSWORD", "TOKEN", "KEY")

#: Names that contain a secret word but hold no secret: Django's, django-axes'
#: and the cache settings' own names.
NOT_SECRET_NAMES = frozenset(
    {
        "AUTH_PASSWORD_VALIDATORS",
        "PASSWORD_HASHERS",
        "PASSWORD_RESET_TIMEOUT",
        "CACHE_MIDDLEWARE_KEY_PREFIX",
        "KEY_PREFIX",
        "KEY_FUNCTION",
        "AXES_PASSWORD_FORM_FIELD",
        "AXES_SENSITIVE_PARAMETERS",
    }
)

_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_secret_name(name: str) -> bool:
    upper = name.upper()
    return upper not in NOT_SECRET_NAMES and any(word in upper for word in SECRET_WORDS)


def mask_secrets(value: Any, name: str = "") -> Any:
    """Return a copy of ``value`` with every secret replaced by MASK.

    A non-empty value under a secret name (at any depth of dicts, such as
    DATABASES' PASSWORD) is a secret, and so is the user information of a URL
    anywhere (``redis://user:password@host``). Empty values stay visible.
    """
    if name and is_secret_name(name) and value not in (None, "", [], (), {}):
        return MASK
    if isinstance(value, dict):
        return {key: mask_secrets(item, str(key)) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask_secrets(item) for item in value)
    if isinstance(value, str):
        return mask_url_credentials(value)
    return value


def mask_url_credentials(text: str) -> str:
    """Replace the user information of a URL with MASK; other text is returned as it is.

    A password may contain "/" and "@", so the user information ends at the last
    "@" unless the text before it has a "/" and no ":", which makes that "@" part
    of the path. Text that is not a URL is never changed.
    """
    scheme = _URL_SCHEME.match(text)
    if scheme is None:
        return text
    rest = text[scheme.end() :]
    at = rest.rfind("@")
    if at != -1 and "/" in rest[:at] and ":" not in rest[:at]:
        at = rest.split("/", 1)[0].rfind("@")
    if at == -1:
        return text
    return f"{scheme.group()}{MASK}{rest[at:]}"

"""Settings of the login benchmark: cfg_settings with a chosen password hasher.

BENCHMARK_PASSWORD_HASHER, when set, names the only hasher; otherwise Django's
default list applies.
"""

import os

from cfg_settings import *  # noqa: F403

if os.environ.get("BENCHMARK_PASSWORD_HASHER"):
    PASSWORD_HASHERS = [os.environ["BENCHMARK_PASSWORD_HASHER"]]

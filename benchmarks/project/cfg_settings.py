"""Django settings built by django_cfg in production mode, as the example site's are."""

from typing import Any

from bench_config import BenchmarkConfig

config = BenchmarkConfig()
SETTINGS: dict[str, Any] = config.get_all_settings()
globals().update(SETTINGS)

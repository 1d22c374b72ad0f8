"""Test setup shared by every app: environment, personas and the demo municipalities."""

from __future__ import annotations

import os

os.environ.setdefault("UTBLICK_ENV", "test")
os.environ.setdefault("SECRET_KEY", "utblick-tests-only-not-secret")

import pytest

pytest_plugins = ["utblick.testing.fixtures", "utblick.testing.browser", "utblick.testing.clock"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Browser tests last: they are the slowest and need the others' confidence first.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)

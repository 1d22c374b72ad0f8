"""Utblick's settings plus the reference admin, for the benchmark only (never in production)."""

from utblick.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

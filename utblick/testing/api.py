"""A client for the JSON API with a member's personal key, as the tests use it."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from utblick.accounts.tokens import token_create


class Api:
    def __init__(self, user: Any | None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            _token, key = token_create(user=user, name="test")
            self.headers = {"Authorization": f"Bearer {key}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1/{path}", params, headers=self.headers)

    def send(self, method: str, path: str, body: dict[str, Any]) -> Any:
        return getattr(self.client, method)(
            f"/api/v1/{path}",
            json.dumps(body, default=str),
            content_type="application/json",
            headers=self.headers,
        )

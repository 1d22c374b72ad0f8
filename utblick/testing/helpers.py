"""Small helpers the tests share: what a form posts back, and distances on the globe."""

from __future__ import annotations

import math
from typing import Any

from bs4 import BeautifulSoup


def posted_back(response: Any, selector: str = "form.form") -> dict[str, Any]:
    """What pressing *Spara* on the page sends: every named control with its value."""
    form = BeautifulSoup(response.content, "html.parser").select_one(selector)
    data: dict[str, Any] = {}
    for control in form.select("input[name], textarea[name], select[name]"):
        name, kind = control["name"], control.get("type", "")
        if kind in ("checkbox", "radio") and not control.has_attr("checked"):
            continue
        if control.name == "textarea":
            value: Any = control.get_text().removeprefix("\n")  # as a browser reads it
        elif control.name == "select":
            value = [o.get("value", "") for o in control.select("option[selected]")]
        else:
            value = control.get("value", "")
        data.setdefault(name, [])
        data[name] += value if isinstance(value, list) else [value]
    return data


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points, in kilometres."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))

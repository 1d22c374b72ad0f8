"""A report's figures stored between requests: the page reads them instead of recounting.

A snapshot holds everything :class:`~utblick.reports.data.ReportData` carries (figures,
tables, charts' data, traffic lights, places) and the drawn charts and map, as gzipped
JSON with decimals and dates kept as such. It stands for one scope, language and day,
and for the municipality's data as ``core.selectors.data_stamp`` fingerprinted it.
"""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from utblick.reports.data import ReportData, Scope, Table

#: Raised when what a snapshot holds changes shape: older snapshots are then not read.
FORMAT = 1


def scope_key(scope: Scope) -> str:
    period = scope.period.key if scope.period else ""
    unit = scope.unit.pk if scope.unit else ""
    return f"v{FORMAT}:{scope.year}:{period}:{unit}"


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not kept in a report snapshot")


def _typed(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        ((key, value),) = obj.items()
        if key == "$decimal":
            return Decimal(value)
        if key == "$date":
            return date.fromisoformat(value)
        if key == "$datetime":
            return datetime.fromisoformat(value)
    return obj


def encode(data: ReportData) -> bytes:
    content = {
        "figures": data.figures,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "headers": t.headers,
                "rows": t.rows,
                "money": t.money_columns,
                "percent": t.percent_columns,
                "limit": t.document_limit,
            }
            for t in data.tables
        ],
        "charts": data.charts,
        "traffic": data.traffic,
        "places": data.places,
        "visuals": data.visuals,
    }
    text = json.dumps(content, default=_default, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), 5)


def decode(payload: bytes, scope: Scope) -> ReportData:
    content = json.loads(gzip.decompress(payload), object_hook=_typed)
    tables = [
        Table(
            t["key"],
            t["title"],
            t["headers"],
            t["rows"],
            set(t["money"]),
            set(t["percent"]),
            document_limit=t["limit"],
        )
        for t in content["tables"]
    ]
    return ReportData(
        scope,
        [tuple(f) for f in content["figures"]],
        tables,
        {key: [tuple(v) for v in values] for key, values in content["charts"].items()},
        [tuple(t) for t in content["traffic"]],
        content["places"],
        [tuple(v) for v in content["visuals"]] if content["visuals"] is not None else None,
    )

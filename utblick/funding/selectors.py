"""Reads about money: a project's budget, external funding and own contribution (A1, A8, A11)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Financing:
    """A project's money in kronor: budget, external funding, own contribution."""

    budget: Decimal
    external_granted: Decimal
    external_applied: Decimal

    @property
    def own_contribution(self) -> Decimal:
        return max(self.budget - self.external_granted, Decimal(0))

    @property
    def external_share(self) -> Decimal | None:
        """Granted external money as a percentage of the budget."""
        if self.budget <= 0:
            return None
        return (self.external_granted / self.budget * 100).quantize(Decimal("0.1"))

    @property
    def fully_external(self) -> bool:
        return self.budget > 0 and self.external_granted >= self.budget


def financing(budget_lines: list, funding_rows: list) -> Financing:
    """From already fetched rows (no queries), so lists and reports can use it too."""
    budget = sum((line.budget for line in budget_lines), Decimal(0))
    external = [f for f in funding_rows if f.archived_at is None and f.source.external]
    return Financing(
        budget=budget,
        external_granted=sum((f.granted_sek for f in external), Decimal(0)),
        external_applied=sum((f.applied_sek for f in external), Decimal(0)),
    )

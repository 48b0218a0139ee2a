"""Contributing factors of postmortems: one reading of the field for PM008, the postmortem pages and the chart.

A factor is written ``{category: technology, description: ...}``, the category one of the guide's fishbone
categories (``schemas.vocabulary.CONTRIBUTING_FACTOR_CATEGORIES``). A plain sentence, the older form, is read as
a factor without a category: PM008 asks for one, and the chart counts it as "uncategorised" rather than dropping
it, so the totals stay the number of factors written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sre_docs.model.repository import Document
from sre_docs.schemas.vocabulary import CONTRIBUTING_FACTOR_CATEGORIES

#: The chart's bucket for factors written without a category (or with one outside the vocabulary).
UNCATEGORISED = "uncategorised"
#: How a draft marks a value still to be written (``workflows.common.TODO``).
PLACEHOLDER = "TODO:"


@dataclass(frozen=True)
class Factor:
    """One contributing factor: its category as written (None for a plain sentence) and what it says."""

    index: int
    category: str | None
    description: str

    @property
    def placeholder(self) -> bool:
        """Still a draft's prompt: the category or the description starts with ``TODO:``."""
        return (self.category or "").startswith(PLACEHOLDER) or self.description.startswith(PLACEHOLDER)


def factors_of(postmortem: Document) -> tuple[Factor, ...]:
    """The postmortem's contributing factors, in order; items that are neither form are skipped."""
    found = []
    for index, item in enumerate(postmortem.get("contributing_factors", default=[]) or []):
        if isinstance(item, str):
            found.append(Factor(index, None, item.strip()))
        elif isinstance(item, dict):
            category = item.get("category")
            found.append(Factor(index, category.strip() if isinstance(category, str) else None,
                                str(item.get("description") or "").strip()))
    return tuple(found)


def category_counts(postmortems: Iterable[Document], categories: tuple[str, ...] = CONTRIBUTING_FACTOR_CATEGORIES,
                    ) -> tuple[tuple[str, int], ...]:
    """Factors per category across ``postmortems``: every category of the vocabulary in its order (zeros kept, so
    the chart shows what was never named), then "uncategorised" when any factor lacks a known category. Draft
    prompts are not counted.

    Example: two postmortems with [technology, process] and [technology, "a sentence"] -> technology 2,
    process 1, the four others 0, uncategorised 1.
    """
    counts: Counter[str] = Counter()
    for postmortem in postmortems:
        for factor in factors_of(postmortem):
            if factor.placeholder:
                continue
            counts[factor.category if factor.category in categories else UNCATEGORISED] += 1
    rows = [(category, counts[category]) for category in categories]
    if counts[UNCATEGORISED]:
        rows.append((UNCATEGORISED, counts[UNCATEGORISED]))
    return tuple(rows)


def factor_text(factor: Factor) -> str:
    """How a page lists a factor: ``"Technology: the pool was too small"``; a plain sentence as written."""
    return f"{factor.category[:1].upper()}{factor.category[1:]}: {factor.description}" if factor.category else factor.description

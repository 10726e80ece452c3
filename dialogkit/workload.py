"""The workload of a communication plan: hours per responsible person and month.

An activity's hours are shared equally between its responsible people and spread
evenly over the months of its period. Fractions keep the sums exact; rounding
happens only when the figures are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .model import CommunicationPlan
from .words import words

Month = tuple[int, int]


@dataclass
class Workload:
    title: str
    months: list[Month]
    people: list[str]
    hours: dict[tuple[str, Month], Fraction] = field(default_factory=dict)
    without_hours: list[str] = field(default_factory=list)
    """Ids of activities that have no hours."""

    def cell(self, person: str, month: Month) -> Fraction:
        return self.hours.get((person, month), Fraction(0))

    def person_total(self, person: str) -> Fraction:
        return sum((self.cell(person, m) for m in self.months), Fraction(0))

    def month_total(self, month: Month) -> Fraction:
        return sum((self.cell(p, month) for p in self.people), Fraction(0))

    @property
    def total(self) -> Fraction:
        return sum(self.hours.values(), Fraction(0))


def workload(plan: CommunicationPlan) -> Workload:
    """The plan's workload, titled in the plan's language."""
    result = Workload(f"{words(plan.language)['workload.title']}: {plan.project}", [], [])
    months: set[Month] = set()
    for activity in plan.activities:
        if activity.status == "cancelled":
            continue
        if activity.hours is None:
            result.without_hours.append(activity.id)
            continue
        spanned = activity.when.months()
        share = Fraction(activity.hours) / (len(activity.responsible) * len(spanned))
        for person in activity.responsible:
            if person not in result.people:
                result.people.append(person)
            for month in spanned:
                result.hours[(person, month)] = result.cell(person, month) + share
        months.update(spanned)
    result.months = sorted(months)
    return result

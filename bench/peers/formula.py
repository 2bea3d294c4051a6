"""Shared, library-free bits of the two benchmark peers (polars_lsoa.py, pandas_lsoa.py).

Only the formula file and constants live here; all data work is done in each peer's own library.

- BUDGET_PENNIES: the fixed budget, 1.2bn pounds = 120,000,000,000 pennies.
- FORMULAS: the default formula of each vintage (the repo's data/formulas/*.json: the formula, not data).
- load_formula(vintage): the domains as (id, scaled integer weight, [(field, less_need), ...]) and the
  figure scale. As in fairshare's engine (src/engine/fairShare.ts), a figure is kept as the whole number
  Σ (weight × 10^places) × (2 × rank), i.e. figure × 2 × 10^places, so every product with population is
  an exact integer and no ratio changes.
"""
import json
import os
from fractions import Fraction

BUDGET_PENNIES = 120_000_000_000

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FORMULAS = {
    "2019": os.path.join(_REPO, "data", "formulas", "northamptonshire.json"),
    "2025": os.path.join(_REPO, "data", "formulas", "northamptonshire-2025.json"),
}


def _places(f: Fraction) -> int:
    """Decimal places of a terminating decimal fraction (weights come from JSON decimals)."""
    p = 0
    while f.denominator != 1:
        f *= 10
        p += 1
        if p > 10:
            raise ValueError("weight with more than 10 decimal places")
    return p


def load_formula(vintage: str):
    """(domains, places): domains = [(id, int_weight, [(field, less_need), ...])], int_weight = weight
    × 10^places; figure = Σ int_weight × 2 × rank / (2 × 10^places)."""
    with open(FORMULAS[vintage], encoding="utf-8") as f:
        formula = json.load(f)
    weights = [Fraction(str(d["weight"])) for d in formula["domains"]]
    places = max([0] + [_places(w) for w in weights if w != 0])
    domains = [
        (d["id"], int(w * 10**places), [(s["field"], s["higherMeans"] == "less-need") for s in d["sources"]])
        for d, w in zip(formula["domains"], weights)
    ]
    return domains, places

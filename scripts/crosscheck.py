#!/usr/bin/env python3
"""An independent implementation of fairshare's exact rules, in Python with exact fractions.

It shares nothing with the TypeScript engine but the data pack and the formula file, so agreement to the
penny is evidence that both follow the written rules (README, "Exact rules").

Usage: crosscheck.py PACK FORMULA AREA BUDGET_PENNIES [id=weight ...]
  AREA is a county or district code, or "england". Prints district_code,allocation (pounds, 2 decimals).
"""
import gzip
import json
import sys
from fractions import Fraction


def need_ranks(values):
    """RANK.AVG ascending: 1 = least need; ties share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [Fraction(0)] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end < len(order) and values[order[end]] == values[order[start]]:
            end += 1
        for k in range(start, end):
            ranks[order[k]] = Fraction(start + 1 + end, 2)
        start = end
    return ranks


def main(pack_path, formula_path, area, budget_pennies, *weight_args):
    pack = json.load(gzip.open(pack_path))
    formula = json.load(open(formula_path))
    # Version 1 lists every column in "fields"; version 2 lists the text columns apart, first.
    columns = pack["fields"] if pack["version"] == 1 else pack["textFields"] + pack["fields"]
    col = {name: i for i, name in enumerate(columns)}
    rows = [r for r in pack["rows"] if area == "england" or area in (r[col["county_code"]], r[col["district_code"]])]
    rows.sort(key=lambda r: r[col["lsoa_code"]])
    weights = {d["id"]: Fraction(str(d["weight"])) for d in formula["domains"]}
    for arg in weight_args:
        key, value = arg.split("=")
        weights[key] = Fraction(value)

    figures = [Fraction(0)] * len(rows)
    for domain in formula["domains"]:
        source_ranks = []
        for source in domain["sources"]:
            sign = -1 if source["higherMeans"] == "less-need" else 1
            source_ranks.append(need_ranks([sign * r[col[source["field"]]] for r in rows]))
        if len(source_ranks) == 1:
            ranks = source_ranks[0]
        else:
            ranks = need_ranks([sum(parts) / len(parts) for parts in zip(*source_ranks)])
        figures = [f + weights[domain["id"]] * r for f, r in zip(figures, ranks)]

    weighted = [f * r[col["population"]] for f, r in zip(figures, rows)]
    total = sum(weighted)
    budget = int(budget_pennies)
    exact = [budget * w / total for w in weighted]
    pennies = [e.numerator // e.denominator for e in exact]
    leftover = budget - sum(pennies)
    order = sorted(range(len(rows)), key=lambda i: (-(exact[i] - pennies[i]), rows[i][col["lsoa_code"]]))
    for i in order[:leftover]:
        pennies[i] += 1

    districts = {}
    for r, p in zip(rows, pennies):
        districts[r[col["district_code"]]] = districts.get(r[col["district_code"]], 0) + p
    for code in sorted(districts):
        p = districts[code]
        print(f"{code},{p // 100}.{p % 100:02d}")


if __name__ == "__main__":
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""An independent check of `fairshare compare-vintages`, in Python with exact fractions.

The 2019 side is read from the shipped 2019 pack (as crosscheck.py does); the 2025 side from the published
IoD2025, Census 2021 and ONS files (as crosscheck2025.py does); the groups of LSOAs that cover the same
ground are made from the published ONS LSOA 2011 -> 2021 lookup itself. The split of each former
district's change follows the rules written in src/engine/compareVintages.ts:

  population  = B x (s_new - s_old) x n_old for each group on both sides and in one row
                (s = the group's share of the area's people, n = its people-weighted mean figure / the area's)
  boundaries  = the rest of a changed group's exact change, and all the pennies of a group on one side
                only or in two rows
  sources     = the 2025 formula's pennies less the bridge formula's
  data        = the change less the other three
Population and boundaries are rounded half-up to the penny once per row.

Usage: crosscheck_vintages.py SHARED_DATA PACK2019 FORMULA2019 FORMULA2025 BRIDGE AREA2019 DISTRICTS2025 BUDGET_PENNIES [id=weight ...]
  AREA2019 is a 2019 county or district code, or "predecessors" (the 2011 LSOAs the 2025 LSOAs came from);
  DISTRICTS2025 is a comma-separated list of 2024 district codes. BRIDGE may be "-" (no sources split).
  Prints former_district_code,allocation_2019,allocation_2025,population,boundaries,data,sources (pounds).
"""
import csv
import json
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crosscheck import figures, pack_rows, pennies_of, read_weights  # noqa: E402
from crosscheck2025 import published  # noqa: E402


def half_up(value):
    """A fraction of pennies rounded half-up to a whole penny."""
    floor = value.numerator // value.denominator
    return floor + 1 if value - floor >= Fraction(1, 2) else floor


def pounds(p):
    sign = "-" if p < 0 else ""
    p = abs(p)
    return f"{sign}{p // 100}.{p % 100:02d}"


def main(shared, pack_path, formula19_path, formula25_path, bridge_path, area19, districts25, budget_pennies, *weight_args):
    budget = int(budget_pennies)
    # 2025 side, from the published files.
    every, fields, people25, geo = published(shared)
    wanted = set(districts25.split(","))
    codes25 = [c for c in every if geo[c]["lad24_code"] in wanted]

    # The ONS lookup: groups by union-find over the changed rows, and each 2021 LSOA's 2011 LSOAs.
    parent = {}

    def root(node):
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    came_from = {}
    with open(os.path.join(shared, "geography2021/lsoa11_lsoa21_lad22_ew.csv"), newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if not row["lsoa21_code"].startswith("E"):
                continue
            came_from.setdefault(row["lsoa21_code"], []).append(row["lsoa11_code"])
            if row["change_code"] != "U":
                a, b = root("11:" + row["lsoa11_code"]), root("21:" + row["lsoa21_code"])
                parent.setdefault(a, a)
                if a != b:
                    parent[b] = a

    def group(code, geography):
        node = geography + ":" + code
        return root(node) if node in parent else code

    # 2019 side, from the shipped pack.
    rows19, col = pack_rows(pack_path)
    by_code19 = {r[col["lsoa_code"]]: r for r in rows19}
    if area19 == "predecessors":
        wanted19 = {p for c in codes25 for p in came_from[c]}
        picked = [by_code19[c] for c in wanted19]
    else:
        picked = [r for r in rows19 if area19 in (r[col["county_code"]], r[col["district_code"]])]
    picked.sort(key=lambda r: r[col["lsoa_code"]])
    codes19 = [r[col["lsoa_code"]] for r in picked]

    def row25(c):
        districts = [by_code19[p][col["district_code"]] for p in came_from[c]]
        return geo[c]["lad24_code"] if geo[c]["lad24_code"] in districts else districts[0]

    formula19 = json.load(open(formula19_path))
    formula25 = json.load(open(formula25_path))
    bridge = None if bridge_path == "-" else json.load(open(bridge_path))
    middle = bridge or formula25

    fig19 = figures(codes19, lambda field, i: picked[i][col[field]], formula19, read_weights(formula19, weight_args))
    pop19 = [picked[i][col["population"]] for i in range(len(codes19))]
    pen19 = pennies_of(codes19, fig19, lambda i: pop19[i], budget)
    fig_mid = figures(codes25, lambda field, i: fields[field](codes25[i]), middle, read_weights(middle, weight_args))
    pop25 = [people25(c) for c in codes25]
    pen_mid = pennies_of(codes25, fig_mid, lambda i: pop25[i], budget)
    if bridge is None:
        pen25 = pen_mid
    else:
        fig25 = figures(codes25, lambda field, i: fields[field](codes25[i]), formula25, read_weights(formula25, weight_args))
        pen25 = pennies_of(codes25, fig25, lambda i: pop25[i], budget)

    key19 = [r[col["district_code"]] for r in picked]
    key25 = [row25(c) for c in codes25]
    P, Pn = sum(pop19), sum(pop25)
    X = sum(f * p for f, p in zip(fig19, pop19))
    Xn = sum(f * p for f, p in zip(fig_mid, pop25))

    out = {}

    def entry(k):
        return out.setdefault(k, {"before": 0, "after": 0, "population": Fraction(0), "boundaries": Fraction(0), "sources": 0})

    groups = {}
    for i, c in enumerate(codes19):
        entry(key19[i])["before"] += pen19[i]
        groups.setdefault(group(c, "11"), ([], []))[0].append(i)
    for i, c in enumerate(codes25):
        e = entry(key25[i])
        e["after"] += pen25[i]
        e["sources"] += pen25[i] - pen_mid[i]
        groups.setdefault(group(c, "21"), ([], []))[1].append(i)

    for old, new in groups.values():
        keys = {key19[i] for i in old} | {key25[i] for i in new}
        if not old or not new or len(keys) > 1:
            for i in old:
                entry(key19[i])["boundaries"] -= pen19[i]
            for i in new:
                entry(key25[i])["boundaries"] += pen_mid[i]
            continue
        e = entry(keys.pop())
        pg, png = sum(pop19[i] for i in old), sum(pop25[i] for i in new)
        xg, xng = sum(fig19[i] * pop19[i] for i in old), sum(fig_mid[i] * pop25[i] for i in new)
        population = 0 if pg == 0 else budget * (Fraction(png, Pn) - Fraction(pg, P)) * (xg / pg) / (X / P)
        e["population"] += population
        unchanged = len(old) == 1 and len(new) == 1 and codes19[old[0]] == codes25[new[0]]
        if not unchanged:
            e["boundaries"] += budget * xng / Xn - budget * xg / X - population

    for k in sorted(out):
        e = out[k]
        population, boundaries = half_up(e["population"]), half_up(e["boundaries"])
        data = e["after"] - e["before"] - population - boundaries - e["sources"]
        print(",".join([k, pounds(e["before"]), pounds(e["after"]), pounds(population), pounds(boundaries), pounds(data), pounds(e["sources"])]))


if __name__ == "__main__":
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""An independent implementation of fairshare's exact rules, in Python with exact fractions.

It shares nothing with the TypeScript engine but the data pack and the formula file, so agreement to the
penny is evidence that both follow the written rules (README, "Exact rules").

Usage: crosscheck.py PACK FORMULA AREA BUDGET_PENNIES [id=weight ...]
  AREA is a county or district code, or "england". Prints district_code,allocation (pounds, 2 decimals).
"""
import gzip
import json
import struct
import sys
from fractions import Fraction
from itertools import accumulate


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


def figures(codes, value, formula, weights):
    """Each LSOA's figure: need ranks within the area, multi-source domains as the rank of the mean rank,
    figure = sum of weight x domain rank. `value(field, i)` reads LSOA i."""
    result = [Fraction(0)] * len(codes)
    for domain in formula["domains"]:
        source_ranks = []
        for source in domain["sources"]:
            sign = -1 if source["higherMeans"] == "less-need" else 1
            source_ranks.append(need_ranks([sign * value(source["field"], i) for i in range(len(codes))]))
        ranks = source_ranks[0] if len(source_ranks) == 1 else need_ranks([sum(p) / len(p) for p in zip(*source_ranks)])
        result = [f + weights[domain["id"]] * r for f, r in zip(result, ranks)]
    return result


def pennies_of(codes, figure, population, budget):
    """Whole pennies in proportion to figure x population, by largest remainder (lower code first on
    equal remainders)."""
    weighted = [f * population(i) for i, f in enumerate(figure)]
    total = sum(weighted)
    exact = [budget * w / total for w in weighted]
    pennies = [e.numerator // e.denominator for e in exact]
    order = sorted(range(len(codes)), key=lambda i: (-(exact[i] - pennies[i]), codes[i]))
    for i in order[: budget - sum(pennies)]:
        pennies[i] += 1
    return pennies


def share(codes, value, population, formula, weights, budget):
    """The exact rules from the need values to whole pennies (see `figures` and `pennies_of`)."""
    return pennies_of(codes, figures(codes, value, formula, weights), population, budget)


def read_weights(formula, weight_args):
    """The formula's weights, with `id=weight` arguments over them."""
    weights = {d["id"]: Fraction(str(d["weight"])) for d in formula["domains"]}
    for arg in weight_args:
        key, value = arg.split("=")
        weights[key] = Fraction(value)
    return weights


def binary_pack(raw):
    """A binary pack (format version 4, data/README.md) as the rows and columns of a version 2 document,
    read by this script's own decoder from the format's description."""
    assert raw[:8] == b"FSHRPACK" and raw[8] == 4, "not a version 4 binary pack"
    (length,) = struct.unpack_from("<I", raw, 12)
    header = json.loads(raw[16 : 16 + length].decode("utf-8"))
    n = header["rows"]
    sizes = {"u8": "B", "u16": "H", "u32": "I", "i32": "i", "f64": "d"}
    text = []
    for column in header["text"]:
        if column["kind"] == "dictionary":
            block = column["index"]
            index = struct.unpack_from(f"<{n}H", raw, block["offset"])
            text.append([column["values"][i] for i in index])
            if "groups" in column:
                # Every row, grouped by value, ascending within each: check it against the index itself.
                groups = column["groups"]
                grouped = struct.unpack_from(f"<{n}{sizes[groups['type']]}", raw, groups["rows"]["offset"])
                starts = struct.unpack_from(f"<{len(column['values']) + 1}I", raw, groups["starts"]["offset"])
                expected = sorted(range(n), key=lambda r: (index[r], r))
                assert list(grouped) == expected, f"{column['name']}: grouped rows differ from the index"
                counts = [0] * len(column["values"])
                for i in index:
                    counts[i] += 1
                assert list(starts) == list(accumulate([0] + counts)), f"{column['name']}: group starts differ"
        else:
            block = column["data"]
            lines = raw[block["offset"] : block["offset"] + block["length"]].decode("utf-8").split("\n")
            assert len(lines) == n + 1 and lines[n] == ""
            offsets = struct.unpack_from(f"<{n + 1}I", raw, column["offsets"]["offset"])
            starts, at = [], 0
            for line in lines[:n]:
                starts.append(at)
                at += len(line.encode("utf-8")) + 1
            assert list(offsets) == starts + [at], f"{column['name']}: line offsets differ"
            text.append(lines[:n])
    numbers = []
    for column in header["numbers"]:
        block = column["block"]
        numbers.append(struct.unpack_from(f"<{n}{sizes[column['type']]}", raw, block["offset"]))
    rows = [[c[r] for c in text] + [c[r] for c in numbers] for r in range(n)]
    return {"version": 2, "textFields": [c["name"] for c in header["text"]], "fields": [c["name"] for c in header["numbers"]], "rows": rows}


def pack_rows(pack_path):
    """The rows of a shipped pack and its column index."""
    with open(pack_path, "rb") as f:
        raw = f.read()
    pack = binary_pack(raw) if raw[:8] == b"FSHRPACK" else json.loads(gzip.decompress(raw))
    # Version 1 lists every column in "fields"; version 2 lists the text columns apart, first.
    columns = pack["fields"] if pack["version"] == 1 else pack["textFields"] + pack["fields"]
    return pack["rows"], {name: i for i, name in enumerate(columns)}


def main(pack_path, formula_path, area, budget_pennies, *weight_args):
    all_rows, col = pack_rows(pack_path)
    formula = json.load(open(formula_path))
    rows = [r for r in all_rows if area == "england" or area in (r[col["county_code"]], r[col["district_code"]])]
    rows.sort(key=lambda r: r[col["lsoa_code"]])
    weights = read_weights(formula, weight_args)

    codes = [r[col["lsoa_code"]] for r in rows]
    pennies = share(codes, lambda field, i: rows[i][col[field]], lambda i: rows[i][col["population"]], formula, weights, int(budget_pennies))

    districts = {}
    people = {}
    for r, p in zip(rows, pennies):
        districts[r[col["district_code"]]] = districts.get(r[col["district_code"]], 0) + p
        people[r[col["district_code"]]] = people.get(r[col["district_code"]], 0) + r[col["population"]]
    everyone = sum(people.values())
    for code in sorted(districts):
        p = districts[code]
        # The need index: share of the money / share of the people, rounded half up to 2 places.
        index = "" if people[code] == 0 else half_up_2(Fraction(p, int(budget_pennies)) / Fraction(people[code], everyone))
        print(f"{code},{p // 100}.{p % 100:02d},{index}")


def half_up_2(value):
    """A non-negative fraction rounded half up to 2 decimal places, as text."""
    hundredths = (value * 100 + Fraction(1, 2)).__floor__()
    return f"{hundredths // 100}.{hundredths % 100:02d}"


if __name__ == "__main__":
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""An independent check of the 2025 vintage, from the published files to the penny.

It reads the raw IoD2025, Census 2021 and ONS geography CSVs in ../shared/data itself (not fairshare's
pack), works out every rate and share as an exact fraction by the issue's written rules, then applies the
same exact allocation rules as crosscheck.py (its `share`, imported). Agreement with `fairshare allocate
--vintage 2025` therefore checks the pack builder and the engine together.

Usage: crosscheck2025.py SHARED_DATA FORMULA DISTRICTS BUDGET_PENNIES [id=weight ...]
  DISTRICTS is "england" or a comma-separated list of 2024 district codes (E06000061,E06000062 is the
  former county of Northamptonshire). Prints district_code,allocation (pounds, 2 decimals).
"""
import csv
import json
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crosscheck import read_weights, share  # noqa: E402  (the shared exact rules, from need values to pennies)

SUPPRESSED = 5


def table(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return {row.get("lsoa21_code") or row["LSOA21CD"]: row for row in csv.DictReader(f)}


def count(value):
    return SUPPRESSED if value.strip() == "" else int(float(value))


def published(shared):
    """The 2025 LSOA codes of England, the source fields worked out from the published files (field ->
    code -> value), each LSOA's people and its geography row."""
    imd = table(os.path.join(shared, "iod2025/imd2025_england_lsoa21.csv"))
    sub = table(os.path.join(shared, "iod2025/imd2025_england_lsoa21_subdomains.csv"))
    ind = table(os.path.join(shared, "iod2025/imd2025_england_lsoa21_indicators.csv"))
    age = table(os.path.join(shared, "census2021/census2021_ts007a_age_5yr_bands_lsoa21_ew.csv"))
    dis = table(os.path.join(shared, "census2021/census2021_ts040_disabled_people_in_household_lsoa21_ew.csv"))
    care = table(os.path.join(shared, "census2021/census2021_ts039_unpaid_care_lsoa21_ew.csv"))
    geo = table(os.path.join(shared, "geography2021/lsoa21_lad24_utla23_region24_england.csv"))

    def rank(name):
        return lambda c: int(imd[c][name])

    def subrank(name):
        return lambda c: int(sub[c][name])

    def bands(c, *names):
        return sum(int(age[c][n]) for n in names)

    def idaci(c):
        num = count(ind[c]["income_deprivation_affecting_children_index_idaci_numerator"])
        young = bands(c, "aged_4_years_and_under", "aged_5_to_9_years", "aged_10_to_14_years")
        return Fraction(5 * num, 5 * young + int(age[c]["aged_15_to_19_years"]))

    def idaopi(c):
        num = count(ind[c]["income_deprivation_affecting_older_people_index_idaopi_numerator"])
        old = bands(c, "aged_60_to_64_years", "aged_65_to_69_years", "aged_70_to_74_years", "aged_75_to_79_years",
                    "aged_80_to_84_years", "aged_85_years_and_over")
        return Fraction(num, old)

    def disabled(c):
        r = dis[c]
        return Fraction(int(r["1_person_disabled_under_the_equality_act_in_household"]) +
                        int(r["2_or_more_people_disabled_under_the_equality_act_in_household"]), int(r["total_all_households"]))

    def carers(c):
        r = care[c]
        return Fraction(int(r["provides_19_hours_or_less_unpaid_care_a_week"]) + int(r["provides_20_to_49_hours_unpaid_care_a_week"]) +
                        int(r["provides_50_or_more_hours_unpaid_care_a_week"]), int(r["total_all_usual_residents_aged_5_and_over"]))

    fields = {
        "income_rank": rank("Income_rank"),
        "employment_rank": rank("Employment_rank"),
        "health_rank": rank("Health_rank"),
        "crime_rank": rank("Crime_rank"),
        "geographical_barriers_rank": subrank("geographical_barriers_rank"),
        "wider_barriers_rank": subrank("wider_barriers_rank"),
        "children_young_people_rank": subrank("children_and_young_people_rank"),
        "idaci_rate": idaci,
        "idaopi_rate": idaopi,
        "disabled_households_share": disabled,
        "unpaid_carers_share": carers,
    }
    return sorted(imd), fields, (lambda c: int(age[c]["total"])), geo


def main(shared, formula_path, districts, budget_pennies, *weight_args):
    every, fields, people, geo = published(shared)

    wanted = None if districts == "england" else set(districts.split(","))
    codes = [c for c in every if wanted is None or geo[c]["lad24_code"] in wanted]
    formula = json.load(open(formula_path))
    weights = read_weights(formula, weight_args)

    pennies = share(codes, lambda field, i: fields[field](codes[i]), lambda i: people(codes[i]), formula, weights, int(budget_pennies))

    by_district = {}
    for c, p in zip(codes, pennies):
        by_district[geo[c]["lad24_code"]] = by_district.get(geo[c]["lad24_code"], 0) + p
    for code in sorted(by_district):
        p = by_district[code]
        print(f"{code},{p // 100}.{p % 100:02d}")


if __name__ == "__main__":
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""Benchmark peer (pandas): fairshare's England-wide LSOA allocation, from the raw published CSVs.

Usage: python3 bench/peers/pandas_lsoa.py SHARED_DATA_DIR VINTAGE OUT.csv   (VINTAGE 2019 or 2025)

Does exactly the job of
    node bin/fairshare.js allocate --budget 1.2bn --area england --level lsoa --format csv --vintage V
and writes the same bytes. Everything happens in this process: read the raw CSVs (not fairshare's pack),
work out the source fields, rank, figure, pennies, format, write.

Source fields (as build/vintages/v2019.ts, v2025.ts and scripts/crosscheck*.py):
- 2019: File 2 (names, 2019 district, domain ranks), File 6 (population; "1,296" thousands separators),
  sub-domain ranks, indicators. IDACI rate = IDACI numerator / children 0-15, IDAOPI rate = IDAOPI
  numerator / people 60+ (File 6 denominators); a blank (suppressed) numerator is 5.
- 2025: IoD2025 ranks, sub-domain ranks, indicators; Census 2021 TS007a (population = total), TS040,
  TS039; names and district (lad24) from geography2021/lsoa21_lad24_utla23_region24_england.csv.
  IDACI rate = 5 × num / (5 × (ages 0-14) + ages 15-19); IDAOPI = num / ages 60+; disabled households =
  (1 + 2-or-more disabled) / all households; carers = (≤19 + 20-49 + 50+ hours) / residents 5+. Blank
  numerator = 5. Rates are IEEE doubles of exact integer ratios, as the pack stores them.
Rules (README "Exact rules"): need rank within the area ascending, ties get the mean rank (RANK.AVG); a
national rank means less need as it grows; multi-source domain = rank of the mean (here: of the sum) of
its source ranks; figure = Σ weight × domain rank; pennies = floor(B × f×p / Σ f×p) done exactly (int64
with a float estimate of the quotient and an exact wrap-around remainder, corrected by ±1), the leftover
pennies one each to the largest remainders, equal remainders to the lower LSOA code; per_person =
pennies / population, half-up to 2 dp. Text cells get fairshare's formula-injection guard.
"""
import os
import re
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from formula import BUDGET_PENNIES, load_formula  # noqa: E402

# Plain object strings: without pyarrow, pandas 3's default "str" dtype only adds checks (measured
# ~10% slower here); the values and the output are the same.
pd.options.future.infer_string = False

SUPPRESSED = 5
FORMULA_CHARS = r"^[=+\-@\t\r]|[,;\t\r\n]\s*[=+\-@]"
FORMULA_COLUMN = re.compile(FORMULA_CHARS, re.MULTILINE)


def read(path, cols, index, **kw):
    """Read `cols` ({source: name}) of a CSV, indexed by its LSOA code column `index`."""
    df = pd.read_csv(path, usecols=[index, *cols], index_col=index, encoding="utf-8-sig", **kw)
    df.index.name = "lsoa_code"
    return df.rename(columns=cols)


def frame_2019(d):
    code = "LSOA code (2011)"
    dom = read(
        os.path.join(d, "iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv"),
        {
            "LSOA name (2011)": "lsoa_name",
            "Local Authority District code (2019)": "district_code",
            "Local Authority District name (2019)": "district_name",
            "Income Rank (where 1 is most deprived)": "income_rank",
            "Employment Rank (where 1 is most deprived)": "employment_rank",
            "Health Deprivation and Disability Rank (where 1 is most deprived)": "health_rank",
            "Crime Rank (where 1 is most deprived)": "crime_rank",
        },
        code,
    )
    pop = read(
        os.path.join(d, "iod2019/File_6_-_IoD2019_Population_Denominators.csv"),
        {
            "Total population: mid 2015 (excluding prisoners)": "population",
            "Dependent Children aged 0-15: mid 2015 (excluding prisoners)": "pop_0_15",
            "Older population aged 60 and over: mid 2015 (excluding prisoners)": "pop_60",
        },
        code,
        thousands=",",
    )
    sub = read(
        os.path.join(d, "iod2019/iod2019_subdomain_ranks.csv"),
        {c: c for c in ("children_and_young_people_rank", "geographical_barriers_rank", "wider_barriers_rank")},
        "lsoa11_code",
    ).rename(columns={"children_and_young_people_rank": "children_young_people_rank"})
    ind = read(
        os.path.join(d, "iod2019/iod2019_indicators.csv"),
        {
            "income_deprivation_affecting_children_index_idaci_numerator": "idaci_num",
            "income_deprivation_affecting_older_people_index_idaopi_numerator": "idaopi_num",
        },
        "lsoa11_code",
    ).fillna(SUPPRESSED)
    df = dom.join([pop, sub, ind], how="left")
    df["idaci_rate"] = df["idaci_num"] / df["pop_0_15"]
    df["idaopi_rate"] = df["idaopi_num"] / df["pop_60"]
    return df


def frame_2025(d):
    key = "lsoa21_code"
    imd = read(
        os.path.join(d, "iod2025/imd2025_england_lsoa21.csv"),
        {"Income_rank": "income_rank", "Employment_rank": "employment_rank", "Health_rank": "health_rank", "Crime_rank": "crime_rank"},
        key,
    )
    sub = read(
        os.path.join(d, "iod2025/imd2025_england_lsoa21_subdomains.csv"),
        {
            "children_and_young_people_rank": "children_young_people_rank",
            "geographical_barriers_rank": "geographical_barriers_rank",
            "wider_barriers_rank": "wider_barriers_rank",
        },
        key,
    )
    ind = read(
        os.path.join(d, "iod2025/imd2025_england_lsoa21_indicators.csv"),
        {
            "income_deprivation_affecting_children_index_idaci_numerator": "idaci_num",
            "income_deprivation_affecting_older_people_index_idaopi_numerator": "idaopi_num",
        },
        key,
    ).fillna(SUPPRESSED)
    young = ["aged_4_years_and_under", "aged_5_to_9_years", "aged_10_to_14_years"]
    old = ["aged_60_to_64_years", "aged_65_to_69_years", "aged_70_to_74_years", "aged_75_to_79_years", "aged_80_to_84_years", "aged_85_years_and_over"]
    age = read(
        os.path.join(d, "census2021/census2021_ts007a_age_5yr_bands_lsoa21_ew.csv"),
        {c: c for c in ["total", *young, "aged_15_to_19_years", *old]},
        key,
    )
    hh = read(
        os.path.join(d, "census2021/census2021_ts040_disabled_people_in_household_lsoa21_ew.csv"),
        {
            c: c
            for c in (
                "total_all_households",
                "1_person_disabled_under_the_equality_act_in_household",
                "2_or_more_people_disabled_under_the_equality_act_in_household",
            )
        },
        key,
    )
    carers = [
        "provides_19_hours_or_less_unpaid_care_a_week",
        "provides_20_to_49_hours_unpaid_care_a_week",
        "provides_50_or_more_hours_unpaid_care_a_week",
    ]
    care = read(
        os.path.join(d, "census2021/census2021_ts039_unpaid_care_lsoa21_ew.csv"),
        {c: c for c in ["total_all_usual_residents_aged_5_and_over", *carers]},
        key,
    )
    geo = read(
        os.path.join(d, "geography2021/lsoa21_lad24_utla23_region24_england.csv"),
        {"lsoa21_name": "lsoa_name", "lad24_code": "district_code", "lad24_name": "district_name"},
        key,
    )
    fields = pd.DataFrame(
        {
            "population": age["total"],
            "idaci_den": 5 * age[young].sum(axis=1) + age["aged_15_to_19_years"],
            "pop_60": age[old].sum(axis=1),
            "disabled_households_share": (
                hh["1_person_disabled_under_the_equality_act_in_household"] + hh["2_or_more_people_disabled_under_the_equality_act_in_household"]
            )
            / hh["total_all_households"],
            "unpaid_carers_share": care[carers].sum(axis=1) / care["total_all_usual_residents_aged_5_and_over"],
        }
    )
    df = imd.join([geo, sub, ind, fields], how="left")
    df["idaci_rate"] = (5 * df["idaci_num"]) / df["idaci_den"]
    df["idaopi_rate"] = df["idaopi_num"] / df["pop_60"]
    return df


def half_units(u):
    """A multiple of 1/2 held as the integer 2x, as JavaScript's String(x): `12` or `12.5`."""
    return (u // 2).astype(str) + np.where(u % 2 == 1, ".5", "")


def money(u):
    """Whole hundredths as `123.45`."""
    return (u // 100).astype(str) + "." + (u % 100).astype(str).str.zfill(2)


def exact_floor_divmod(weighted, total, budget):
    """floor(budget × w / total) and its remainder, exactly, for int64 w with budget × w beyond int64:
    a double estimate of the quotient (off by at most 1), the remainder budget × w − q × total in
    wrap-around int64 (exact, since the true value is within ±2·total), then a ±1 correction."""
    assert 0 < total < 2**61 and budget < 2**52
    w = weighted.to_numpy(np.int64)
    q = np.floor(w.astype(np.float64) * float(budget) / float(total)).astype(np.int64)
    with np.errstate(over="ignore"):
        r = w * np.int64(budget) - q * np.int64(total)
    low, high = r < 0, r >= total
    q = q - low + high
    r = r + low * total - high * total
    assert ((r >= 0) & (r < total)).all()
    return pd.Series(q, index=weighted.index), pd.Series(r, index=weighted.index)


def main(shared, vintage, out):
    domains, places = load_formula(vintage)
    df = (frame_2019(shared) if vintage == "2019" else frame_2025(shared)).sort_index()

    # Need ranks as 2 × rank (integers). A national rank (less-need) ranks descending.
    rank2 = {}
    for dom_id, _, sources in domains:
        srcs = [(df[field].rank(method="average", ascending=not less) * 2).astype(np.int64) for field, less in sources]
        rank2[dom_id] = srcs[0] if len(srcs) == 1 else (sum(srcs).rank(method="average") * 2).astype(np.int64)
    # figure × 2 × 10^places as a whole number; weighted = that × population.
    fig_units = sum((w * rank2[i] for i, w, _ in domains if w != 0), pd.Series(0, index=df.index, dtype=np.int64))
    population = df["population"].astype(np.int64)
    weighted = fig_units * population
    total = int(weighted.sum())
    floor, rem = exact_floor_divmod(weighted, total, BUDGET_PENNIES)
    leftover = BUDGET_PENNIES - int(floor.sum())
    pennies = floor.to_numpy().copy()
    # Largest remainders; keep="first" on rows in code order gives equal remainders to the lower code.
    pos = pd.Series(rem.to_numpy()).nlargest(leftover, keep="first").index.to_numpy()
    pennies[pos] += 1
    pennies = pd.Series(pennies, index=df.index)

    if places == 0:
        figure = half_units(fig_units)
    else:
        scale = 10 ** (places + 1)  # figure = 5 × fig_units / 10^(places+1)
        f5 = 5 * fig_units
        frac = (f5 % scale).astype(str).str.zfill(places + 1).str.rstrip("0")
        figure = (f5 // scale).astype(str) + np.where(frac == "", "", "." + frac)
    cents = (2 * pennies + population) // (2 * population).where(population > 0, 1)  # half-up of pennies / population
    text = pd.DataFrame({"lsoa_code": df.index, **{c: df[c].to_numpy() for c in ("lsoa_name", "district_code", "district_name")}})
    for c in text.columns:
        # One regex pass over the whole column first (a superset test: "^" after each "\n" is each
        # cell's start); only a column with a hit is tested cell by cell.
        if FORMULA_COLUMN.search("\n".join(text[c].tolist())):
            s = text[c].astype(str)
            text[c] = s.where(~s.str.contains(FORMULA_CHARS, regex=True), "'" + s)
    result = text.assign(
        population=population.astype(str).to_numpy(),
        **{i: half_units(rank2[i]).to_numpy() for i, _, _ in domains},
        figure=figure.to_numpy(),
        allocation=money(pennies).to_numpy(),
        per_person=money(cents).where(population > 0, "").to_numpy(),
    )
    result.to_csv(out, index=False, lineterminator="\n")


if __name__ == "__main__":
    main(*sys.argv[1:])

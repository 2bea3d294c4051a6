#!/usr/bin/env python3
"""Benchmark peer (polars): fairshare's England-wide LSOA allocation, from the raw published CSVs.

Usage: python3 bench/peers/polars_lsoa.py SHARED_DATA_DIR VINTAGE OUT.csv   (VINTAGE 2019 or 2025)

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
its source ranks; figure = Σ weight × domain rank; pennies = floor(B × f×p / Σ f×p) exactly (Int128), the
leftover pennies one each to the largest remainders, equal remainders to the lower LSOA code;
per_person = pennies / population, half-up to 2 dp. Text cells get fairshare's formula-injection guard.
"""
import os
import sys

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from formula import BUDGET_PENNIES, load_formula  # noqa: E402

SUPPRESSED = 5
FORMULA_CHARS = r"^[=+\-@\t\r]|[,;\t\r\n]\s*[=+\-@]"


def frame_2019(d):
    f2 = os.path.join(d, "iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv")
    f6 = os.path.join(d, "iod2019/File_6_-_IoD2019_Population_Denominators.csv")
    code = "LSOA code (2011)"
    dom = pl.scan_csv(f2).select(
        pl.col(code).alias("lsoa_code"),
        pl.col("LSOA name (2011)").alias("lsoa_name"),
        pl.col("Local Authority District code (2019)").alias("district_code"),
        pl.col("Local Authority District name (2019)").alias("district_name"),
        pl.col("Income Rank (where 1 is most deprived)").alias("income_rank"),
        pl.col("Employment Rank (where 1 is most deprived)").alias("employment_rank"),
        pl.col("Health Deprivation and Disability Rank (where 1 is most deprived)").alias("health_rank"),
        pl.col("Crime Rank (where 1 is most deprived)").alias("crime_rank"),
    )
    pop_cols = {
        "Total population: mid 2015 (excluding prisoners)": "population",
        "Dependent Children aged 0-15: mid 2015 (excluding prisoners)": "pop_0_15",
        "Older population aged 60 and over: mid 2015 (excluding prisoners)": "pop_60",
    }
    pop = pl.scan_csv(f6, schema_overrides={c: pl.String for c in pop_cols}).select(
        pl.col(code).alias("lsoa_code"),
        *[pl.col(c).str.replace_all(",", "", literal=True).cast(pl.Int64).alias(n) for c, n in pop_cols.items()],
    )
    sub = pl.scan_csv(os.path.join(d, "iod2019/iod2019_subdomain_ranks.csv")).select(
        pl.col("lsoa11_code").alias("lsoa_code"),
        pl.col("children_and_young_people_rank").alias("children_young_people_rank"),
        "geographical_barriers_rank",
        "wider_barriers_rank",
    )
    ind = pl.scan_csv(os.path.join(d, "iod2019/iod2019_indicators.csv")).select(
        pl.col("lsoa11_code").alias("lsoa_code"),
        pl.col("income_deprivation_affecting_children_index_idaci_numerator").fill_null(SUPPRESSED).alias("idaci_num"),
        pl.col("income_deprivation_affecting_older_people_index_idaopi_numerator").fill_null(SUPPRESSED).alias("idaopi_num"),
    )
    lf = dom.join(pop, on="lsoa_code", how="left").join(sub, on="lsoa_code", how="left").join(ind, on="lsoa_code", how="left")
    return lf.with_columns(
        idaci_rate=pl.col("idaci_num") / pl.col("pop_0_15"),
        idaopi_rate=pl.col("idaopi_num") / pl.col("pop_60"),
    )


def frame_2025(d):
    key = "lsoa21_code"
    imd = pl.scan_csv(os.path.join(d, "iod2025/imd2025_england_lsoa21.csv")).select(
        pl.col(key).alias("lsoa_code"),
        pl.col("Income_rank").alias("income_rank"),
        pl.col("Employment_rank").alias("employment_rank"),
        pl.col("Health_rank").alias("health_rank"),
        pl.col("Crime_rank").alias("crime_rank"),
    )
    sub = pl.scan_csv(os.path.join(d, "iod2025/imd2025_england_lsoa21_subdomains.csv")).select(
        pl.col(key).alias("lsoa_code"),
        pl.col("children_and_young_people_rank").alias("children_young_people_rank"),
        "geographical_barriers_rank",
        "wider_barriers_rank",
    )
    ind = pl.scan_csv(os.path.join(d, "iod2025/imd2025_england_lsoa21_indicators.csv")).select(
        pl.col(key).alias("lsoa_code"),
        pl.col("income_deprivation_affecting_children_index_idaci_numerator").fill_null(SUPPRESSED).alias("idaci_num"),
        pl.col("income_deprivation_affecting_older_people_index_idaopi_numerator").fill_null(SUPPRESSED).alias("idaopi_num"),
    )
    old = ["aged_60_to_64_years", "aged_65_to_69_years", "aged_70_to_74_years", "aged_75_to_79_years", "aged_80_to_84_years", "aged_85_years_and_over"]
    age = pl.scan_csv(os.path.join(d, "census2021/census2021_ts007a_age_5yr_bands_lsoa21_ew.csv")).select(
        pl.col(key).alias("lsoa_code"),
        pl.col("total").alias("population"),
        (5 * pl.sum_horizontal("aged_4_years_and_under", "aged_5_to_9_years", "aged_10_to_14_years") + pl.col("aged_15_to_19_years")).alias("young5"),
        pl.sum_horizontal(old).alias("pop_60"),
    )
    hh = pl.scan_csv(os.path.join(d, "census2021/census2021_ts040_disabled_people_in_household_lsoa21_ew.csv")).select(
        pl.col(key).alias("lsoa_code"),
        (
            (pl.col("1_person_disabled_under_the_equality_act_in_household") + pl.col("2_or_more_people_disabled_under_the_equality_act_in_household"))
            / pl.col("total_all_households")
        ).alias("disabled_households_share"),
    )
    care = pl.scan_csv(os.path.join(d, "census2021/census2021_ts039_unpaid_care_lsoa21_ew.csv")).select(
        pl.col(key).alias("lsoa_code"),
        (
            pl.sum_horizontal(
                "provides_19_hours_or_less_unpaid_care_a_week", "provides_20_to_49_hours_unpaid_care_a_week", "provides_50_or_more_hours_unpaid_care_a_week"
            )
            / pl.col("total_all_usual_residents_aged_5_and_over")
        ).alias("unpaid_carers_share"),
    )
    geo = pl.scan_csv(os.path.join(d, "geography2021/lsoa21_lad24_utla23_region24_england.csv")).select(
        pl.col(key).alias("lsoa_code"),
        pl.col("lsoa21_name").alias("lsoa_name"),
        pl.col("lad24_code").alias("district_code"),
        pl.col("lad24_name").alias("district_name"),
    )
    lf = imd
    for other in (geo, age, sub, ind, hh, care):
        lf = lf.join(other, on="lsoa_code", how="left")
    return lf.with_columns(
        idaci_rate=(5 * pl.col("idaci_num")) / pl.col("young5"),
        idaopi_rate=pl.col("idaopi_num") / pl.col("pop_60"),
    )


def half_units(expr):
    """A multiple of 1/2 held as the integer 2x, printed as JavaScript's String(x): `12` or `12.5`."""
    return pl.concat_str((expr // 2).cast(pl.String), pl.when(expr % 2 == 1).then(pl.lit(".5")).otherwise(pl.lit("")))


def main(shared, vintage, out):
    domains, places = load_formula(vintage)
    lf = frame_2019(shared) if vintage == "2019" else frame_2025(shared)
    lf = lf.sort("lsoa_code")

    # Need ranks (as 2 × rank, integers). A national rank (less-need) ranks descending.
    rank2 = {}
    exprs = []
    for dom_id, _, sources in domains:
        srcs = [(pl.col(field).rank("average", descending=less) * 2).cast(pl.Int64) for field, less in sources]
        r2 = srcs[0] if len(srcs) == 1 else (pl.sum_horizontal(srcs).rank("average") * 2).cast(pl.Int64)
        exprs.append(r2.alias(f"r2:{dom_id}"))
        rank2[dom_id] = pl.col(f"r2:{dom_id}")
    lf = lf.with_columns(exprs)
    # figure × 2 × 10^places, as a whole number; weighted = that × population.
    fig = pl.sum_horizontal([w * rank2[i] for i, w, _ in domains if w != 0]) if any(w for _, w, _ in domains) else pl.lit(0, pl.Int64)
    lf = lf.with_columns(fig_units=fig).with_columns(weighted=pl.col("fig_units") * pl.col("population"))
    # Exact largest remainder in Int128: B × weighted exceeds int64.
    x = pl.col("weighted").cast(pl.Int128) * BUDGET_PENNIES
    total = pl.col("weighted").sum().cast(pl.Int128)
    lf = lf.with_columns(floor=(x // total).cast(pl.Int64), rem=(x % total).cast(pl.Int64))
    leftover = BUDGET_PENNIES - pl.col("floor").sum()
    # Ordinal rank breaks ties by order of appearance, i.e. the lower code (rows are in code order).
    lf = lf.with_columns(pennies=pl.col("floor") + (pl.col("rem").rank("ordinal", descending=True) <= leftover).cast(pl.Int64))

    p = pl.col("pennies")
    n = pl.col("population")
    cents = (2 * p + n) // (2 * n)  # half-up of pennies / population
    money = lambda e: pl.concat_str((e // 100).cast(pl.String), pl.lit("."), (e % 100).cast(pl.String).str.zfill(2))  # noqa: E731
    scale = 10 ** (places + 1)  # figure = 5 × fig_units / 10^(places+1)
    if places == 0:
        figure = half_units(pl.col("fig_units"))
    else:
        f5 = 5 * pl.col("fig_units")
        frac = (f5 % scale).cast(pl.String).str.zfill(places + 1).str.strip_chars_end("0")
        figure = pl.concat_str((f5 // scale).cast(pl.String), pl.when(frac == "").then(pl.lit("")).otherwise(pl.lit(".") + frac))
    defuse = lambda c: pl.when(pl.col(c).str.contains(FORMULA_CHARS)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)  # noqa: E731
    result = lf.select(
        defuse("lsoa_code"),
        defuse("lsoa_name"),
        defuse("district_code"),
        defuse("district_name"),
        n.cast(pl.String).alias("population"),
        *[half_units(rank2[i]).alias(i) for i, _, _ in domains],
        figure.alias("figure"),
        money(p).alias("allocation"),
        pl.when(n > 0).then(money(cents)).otherwise(pl.lit("")).alias("per_person"),
    ).collect()
    result.write_csv(out)


if __name__ == "__main__":
    main(*sys.argv[1:])

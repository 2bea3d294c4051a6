/** The commented example that `fairshare scenarios init` writes: every key, with what it does. */
export const EXAMPLE_SCENARIO_FILE = `# fairshare scenario file: run it with
#   fairshare scenarios run scenarios.yaml -o results/
# Check it without writing anything with: fairshare scenarios check scenarios.yaml
# Paths (data:, formula:, previous:, localities:) are relative to this file's folder.

description: Prevention budget options for cabinet

# Settings every scenario uses unless it sets its own.
defaults:
  area: Northamptonshire        # a county, council or former county (name or code), or england
  budget: 38.1m                 # 38.1m, £38,100,000, 500k, 1.2bn, 38100000.50
  # vintage: 2025               # the shipped data: 2025 (IoD2025, Census 2021; the default) or 2019 (IoD2019)
  # level: former-district      # the tables' rows: district (default), former-district, county, region or ward (2025)
  # localities: my-localities.csv   # tables by your own localities instead: lsoa_code (or ward_code), locality[, share]
  # formula: northamptonshire-2025   # a built-in formula, or a formula JSON file
  # data: our-own-data.csv      # your own CSV instead of the shipped data (see the README)
  # population: total           # share by and count per head of: total, 0-4, 0-14, 60+ or 65+ (2019: 0-15, 16-59, 60+)
  # Damping, as allocate --previous --floor --ceiling (here for every scenario, or in one scenario):
  # previous: last-year.csv     # last year's district (or former-district) table, CSV or XLSX
  # floor: -2%                  # the largest fall allowed, with its sign
  # ceiling: +2%                # the largest rise allowed, with its sign
  # A path over several years from previous: instead of one step (as fairshare transition), with the
  # floor and ceiling above applied each year; the scenario's table and the comparison are year 1's:
  # transition:
  #   years: 3                  # 1 to 10
  #   pace: 50%                 # the share of the remaining gap closed each year (default 100% ÷ years)
  #   budgets: [38.1m, 39m, 40m]   # one a year (default: the scenario's budget every year)

# The scenario the others are compared with (its name, or a scenario written here).
baseline: current

scenarios:
  current:
    description: All seven domains, equal weights

  adults-only:
    description: The adult social care pot without the children's domains
    budget: 12.7m
    exclude: [young-people, early-years]

  safety-counts-double:
    weights:
      community-safety: 2

  early-years-per-child:
    description: Early years money shared by need and the number of children
    budget: 1.1m
    population: 0-14            # children 0-14 in Census 2021 (0-15 on the 2019 vintage)

  directorates:
    description: The 2013/14 split between directorates, each with its own formula
    pots:                       # several budgets, each with its own formula variant, summed
      children-and-families:
        budget: 16.9m
      adults:
        budget: 12.7m
        exclude: [young-people, early-years]
      public-health:
        budget: 7.4m
        # formula: northamptonshire-2025-like-2019   # a pot may name its own formula (and data:)
      customers-and-communities:
        budget: 1.1m
`;

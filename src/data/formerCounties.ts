/**
 * Former counties: two-tier counties of 2019 whose county council has since been abolished and whose
 * area was shared between more than one new single-tier council. The 2025 data (councils of 2024) has
 * no county for them any more, so `--area` offers each as the area of the councils that replaced it,
 * under its 2019 county code: `--area E10000021` and `--area Northamptonshire` mean the same place in
 * both vintages.
 *
 * The 2025 units carry each LSOA's former district but not its 2019 county, so which councils make up a
 * former county cannot be read from the data; it is this table, checked against the data when areas
 * are listed (see `listAreas`). Counties replaced by a single council (Buckinghamshire 2020, North
 * Yorkshire and Somerset 2023) are not here: that council is the county's area already, under its new
 * code.
 *
 * Sources: The Northamptonshire (Structural Changes) Order 2020 (SI 2020/156), in force 1 April 2021;
 * The Cumbria (Structural Changes) Order 2022 (SI 2022/331), in force 1 April 2023; codes from ONS's
 * register of geographic codes (E10 counties 2019, E06 unitaries 2021 and 2023).
 */
export interface FormerCounty {
  /** The county's ONS code in 2019 (E10…), kept as the area's code. */
  readonly code: string;
  readonly name: string;
  /** The year the new councils took over. */
  readonly replaced: number;
  /** The codes of the councils that replaced it (E06…), in code order. */
  readonly councils: readonly string[];
}

export const FORMER_COUNTIES: readonly FormerCounty[] = [
  { code: 'E10000006', name: 'Cumbria', replaced: 2023, councils: ['E06000063', 'E06000064'] },
  { code: 'E10000021', name: 'Northamptonshire', replaced: 2021, councils: ['E06000061', 'E06000062'] },
];

// Writes examples/localities-west-northamptonshire.csv: an EXAMPLE grouping of West Northamptonshire's
// 35 wards of May 2025 into four localities, to show `allocate --localities`. It is not an official
// grouping (the council's Local Area Partnerships differ). The rule, from the shipped data only:
// - a ward goes with the former district (2019) that most of its LSOAs were in: Daventry or South
//   Northamptonshire;
// - Northampton's wards are split into north and south at the median northing of their centroids (BNG_N in
//   the shipped ward boundaries, data/boundaries/ward25_E06000062_west_northamptonshire.geojson).
// Run after `npm run build`: node scripts/example-localities.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { decodePack } from '../dist/data/packBinary.js';

const PACK = 'data/england-lsoa-2025.pack';
const loaded = decodePack(readFileSync(PACK), PACK);
if (!loaded.ok) throw new Error(loaded.error.message);
const wards = new Map();
for (const unit of loaded.value.dataset.units) {
  if (unit.districtCode !== 'E06000062') continue;
  const ward = wards.get(unit.wardCode) ?? { former: new Map() };
  ward.former.set(unit.formerDistrictName, (ward.former.get(unit.formerDistrictName) ?? 0) + 1);
  wards.set(unit.wardCode, ward);
}
const boundaries = JSON.parse(readFileSync('data/boundaries/ward25_E06000062_west_northamptonshire.geojson', 'utf8'));
const northing = new Map(boundaries.features.map((f) => [f.properties.WD25CD, f.properties.BNG_N]));
// Most LSOAs first; a tie goes to the name first in order, so the rule gives one answer.
const formerOf = (ward) => [...ward.former].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
const town = [...wards].filter(([, w]) => formerOf(w) === 'Northampton').map(([code]) => northing.get(code));
if (town.some((n) => n === undefined)) throw new Error('a Northampton ward has no boundary');
const sorted = [...town].sort((a, b) => a - b);
const median = (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2;
const NAMES = { Daventry: 'Daventry area (example)', 'South Northamptonshire': 'South Northamptonshire area (example)' };
const rows = [...wards]
  .map(([code, w]) => {
    const former = formerOf(w);
    const locality = former === 'Northampton' ? (northing.get(code) > median ? 'Northampton North (example)' : 'Northampton South (example)') : NAMES[former];
    if (locality === undefined) throw new Error(`ward ${code}: unexpected former district ${former}`);
    return [code, locality];
  })
  .sort(([a], [b]) => (a < b ? -1 : 1));
writeFileSync('examples/localities-west-northamptonshire.csv', `ward_code,locality\n${rows.map((r) => r.join(',')).join('\n')}\n`);
console.log(`wrote examples/localities-west-northamptonshire.csv (${rows.length} wards)`);

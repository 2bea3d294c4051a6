import type { ColumnKind } from './table.js';
import { groupThousands } from '../engine/wording.js';
import { pounds } from '../engine/money.js';

/**
 * A cell as people read it: thousands separators for counts and money, £ for money, % for shares, a
 * sign on a change (`+2`).
 *
 * @example display('12700000.00', 'money') // => '£12,700,000.00'
 */
export function display(cell: string, kind: ColumnKind): string {
  if (cell === '') return '';
  switch (kind) {
    case 'money':
      return cell.startsWith('-') ? `-£${groupThousands(cell.slice(1))}` : `£${groupThousands(cell)}`;
    case 'int':
      return groupThousands(cell);
    case 'pct':
      return `${cell}%`;
    case 'delta':
      return /^[1-9]/.test(cell) ? `+${groupThousands(cell)}` : groupThousands(cell);
    default:
      return cell;
  }
}

/**
 * An amount of money as people read it: `£12,700,000.00`, exact to the penny (a negative amount keeps its
 * sign after the £: `£-5.00`, as a plain decimal writes it; use it on an amount's absolute value with a
 * sign of your own where the sign must read first).
 *
 * @example poundsText(new Decimal('1426649.49')) // => '£1,426,649.49'
 */
export function poundsText(amount: { toFixed(places: number): string }): string {
  return `£${groupThousands(amount.toFixed(2))}`;
}

/**
 * A change in money as people read it, with a sign that reads first: `+£1,234.56`, `-£1,234.56`, `£0.00`
 * (a hyphen-minus, as in the tables, so the text pastes into a spreadsheet as a number).
 *
 * @example signedPoundsText(-123456n) // => '-£1,234.56'
 */
export function signedPoundsText(pennies: bigint): string {
  const text = poundsText(pounds(pennies < 0n ? -pennies : pennies));
  return pennies > 0n ? `+${text}` : pennies < 0n ? `-${text}` : text;
}

/**
 * A plain percentage (as {@link percentOf} writes it) as a signed change: `+1.25%`, `-1.25%`, `0.00%`.
 *
 * @example signedPercentText('-1.25') // => '-1.25%'
 */
export function signedPercentText(plain: string): string {
  return /^-/.test(plain) || !/[1-9]/.test(plain) ? `${plain}%` : `+${plain}%`;
}

/** Whether a column is right-aligned (numbers) or left-aligned (text). */
export function isNumeric(kind: ColumnKind): boolean {
  return kind !== 'text';
}

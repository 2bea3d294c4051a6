import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Chalk for one stream: colour only when it is a terminal and NO_COLOR is not set (https://no-color.org);
 * FORCE_COLOR (any value but 0) turns it on regardless, for screenshots and tests.
 */
export function colourFor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): ChalkInstance {
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const off = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return new Chalk({ level: force || (isTTY && !off) ? 1 : 0 });
}

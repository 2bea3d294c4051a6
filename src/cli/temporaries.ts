/**
 * The temporary files and folders a run writes beside its output before renaming them into place, and
 * the folder an output replaces while the new one is swapped in. Their names are recognisable
 * (`.NAME.fairshare-tmp-PID`, `.NAME.fairshare-old-PID`), the process removes its own on every exit and
 * on SIGINT, SIGTERM and SIGHUP, and a later run into the same folder removes (or, for a replaced folder
 * whose new one never arrived, puts back) those of a process that is gone.
 */
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TEMPORARY = /^\.(.+)\.fairshare-(tmp|old)-(\d+)$/;

/** The temporary name beside `target` for this process. */
export function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.fairshare-tmp-${process.pid}`);
}

/** Where a folder being replaced waits while its replacement is renamed into place. */
export function replacedPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.fairshare-old-${process.pid}`);
}

/** Temporaries of this process: path → the target a replaced folder goes back to (or undefined). */
const pending = new Map<string, string | undefined>();

/** Remember a temporary to remove if the run stops before it is renamed into place. */
export function track(path: string): void {
  pending.set(path, undefined);
}

/** Remember a replaced folder, to put back under `target` if the run stops before the swap is done. */
export function trackReplaced(path: string, target: string): void {
  pending.set(path, target);
}

/** The temporary was renamed into place (or removed): nothing to clean up for it any more. */
export function untrack(path: string): void {
  pending.delete(path);
}

/**
 * Remove this process's temporaries and put back any folder that was being replaced, synchronously (it
 * runs in signal handlers and at exit). Never throws.
 */
export function cleanUp(): void {
  for (const [path, target] of pending) {
    try {
      if (target !== undefined) {
        if (!exists(target)) renameSync(path, target);
        else rmSync(path, { recursive: true, force: true });
      } else {
        rmSync(path, { recursive: true, force: true });
      }
    } catch {
      // Best effort: a message here would hide the one that matters.
    }
    pending.delete(path);
  }
}

/** The exit code for each signal a run cleans up after: 128 + the signal's number. */
export const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** On SIGINT, SIGTERM and SIGHUP: clean up, then exit with 128 + the signal's number. */
export function cleanUpOnSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      cleanUp();
      exit(code);
    });
  }
}

/**
 * Remove the temporaries in `folder` left by fairshare processes that are gone (killed, or the machine
 * stopped); a replaced folder whose target is missing is put back under its name. Never throws.
 */
export function removeStale(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match) continue;
    const [, target, kind, pid] = match as unknown as [string, string, string, string];
    if (Number(pid) === process.pid || alive(Number(pid))) continue;
    const path = join(folder, name);
    try {
      if (kind === 'old' && !exists(join(folder, target))) renameSync(path, join(folder, target));
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // Left for the user; it is named for what it is.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

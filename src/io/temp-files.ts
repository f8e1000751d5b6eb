/**
 * The temporary files of this process (beside an `--out` file, or in the temp directory for
 * output staged for standard output), removed on every way out that can be caught: an error (the
 * writer's own `finally`), `process.exit` (a closed pipe), SIGINT, SIGTERM and SIGHUP, which then
 * end the process with 128 + the signal's number (130, 143, 129), as a shell expects.
 *
 * The handlers are installed when the first temporary file is made, so a run that writes none
 * keeps the default behaviour of signals.
 */
import { unlinkSync } from 'node:fs';

const live = new Set<string>();
let installed = false;

const SIGNALS: readonly [NodeJS.Signals, number][] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

/** Remember `path` until `untrackTemp`; it is removed if the process ends first. */
export function trackTemp(path: string): void {
  live.add(path);
  if (!installed) install();
}

/** `path` was renamed into place or removed: no longer ours to clean. */
export function untrackTemp(path: string): void {
  live.delete(path);
}

/** How many temporary files are live (for tests). */
export function liveTemps(): number {
  return live.size;
}

/** Remove every live temporary file, synchronously (safe in an `exit` handler). */
export function removeTemps(): void {
  for (const p of live) {
    try {
      unlinkSync(p);
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

function install(): void {
  installed = true;
  process.on('exit', removeTemps);
  for (const [signal, code] of SIGNALS) {
    process.on(signal, () => {
      removeTemps();
      process.exit(code);
    });
  }
}

import { basename } from 'node:path';
import type { JournalRepair } from '../store/repair-journal.js';

/** The one-paragraph account `authlens-backend --repair` gives on stderr. */
export function describeRepair(repair: JournalRepair): string {
  if (repair.damage === 'none') {
    return `the journal is intact: kept all ${repair.keptRecords} record(s), moved nothing aside`;
  }
  const what =
    repair.damage === 'torn'
      ? `a torn last line (line ${repair.damagedLine}, an append cut short by a crash)`
      : `an unreadable record on line ${repair.damagedLine}` +
        (repair.movedRecords > 0 ? ` and the ${repair.movedRecords} readable record(s) after it` : '');
  return (
    `kept ${repair.keptRecords} record(s); moved ${what} — ${repair.movedLines} line(s), ${repair.movedBytes} ` +
    `byte(s) — aside to ${basename(repair.asideFile!)} next to the journal`
  );
}

import { bulkScenarios, bulkTables, measureAll, type BulkTarget } from './bulk';
import { bulkDrivers, type BulkWrite } from './bulk-drivers';
import type { Bench } from './table';

/**
 * A bench that adds N users to a target (a group, an app) through lib/okta and the SDK (bulkDrivers), under the
 * target's bucket at `limit` per window and with no limit; reported as bulkTables' ours-vs-theirs tables.
 */
export function bulkBench(b: {
  name: string;
  title: string;
  sizes: (tiny: boolean) => number[];
  seed: { groups: number; apps: number; extraUsers?: number };
  target: BulkTarget;
  limit: number;
  write: BulkWrite;
  /** The SDK's sequential driver runs only up to this N (it is N round trips one after the other). */
  sdkSequentialUpTo?: number;
  /** The name of the ratio tables, and the title and notes of the table of every row. */
  tables: { name: string; title: string; notes: string[] };
  notes: string[];
}): Bench {
  return {
    name: b.name,
    title: b.title,
    async run({ tiny, log }) {
      const rows = await measureAll({
        sizes: b.sizes(tiny),
        seed: b.seed,
        scenarios: bulkScenarios(b.target.bucket, b.limit),
        target: b.target,
        drivers: (creds, n) => bulkDrivers(creds, n, b.write, b.sdkSequentialUpTo),
        log,
      });
      return {
        name: b.name,
        title: b.title,
        tables: bulkTables(b.tables.name, b.tables.title, rows, b.tables.notes),
        notes: b.notes,
      };
    },
  };
}

/** Whether `root`/.next holds a build newer than every source and config (scripts/lib/build-state.mjs). */
export function buildIsFresh(root: string): boolean;

'use client';

import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';
import { cn } from '@/lib/utils';
import { useRouter } from 'next/navigation';
import { startTransition, useOptimistic, useState, useTransition, type ReactNode } from 'react';
import { toast } from 'sonner';

export type RemovableRow = {
  key: string;
  content: ReactNode;
  /** Omitted when the viewer may not change this row (role, group type, scope). */
  remove?: {
    label: string;
    button: string;
    run: () => Promise<ActionResult<unknown>>;
    undo?: () => Promise<ActionResult<unknown>>;
    /** What Okta will do besides the removal (a group rule's exclusion), confirmed in the row before it runs. */
    caution?: string;
  };
};

const without = (set: ReadonlySet<string>, key: string) => new Set([...set].filter((k) => k !== key));

/**
 * A list whose rows hide the moment their removal starts and come back, with Okta's reason, if it is
 * refused. A single removal gets an Undo in its toast.
 */
export function RemovableList({
  rows,
  label,
  empty,
  className,
  rowClassName,
}: {
  rows: RemovableRow[];
  label: string;
  empty: ReactNode;
  className?: string;
  rowClassName?: string;
}) {
  const router = useRouter();
  const [, start] = useTransition();
  // Removed on the server, waiting for the refreshed rows; pruned once those rows arrive without them.
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [seenRows, setSeenRows] = useState(rows);
  if (seenRows !== rows) {
    setSeenRows(rows);
    const present = new Set(rows.map((r) => r.key));
    setRemoved((s) => new Set([...s].filter((k) => present.has(k))));
  }
  const [hidden, hide] = useOptimistic(removed, (s: ReadonlySet<string>, key: string) => new Set(s).add(key));
  const visible = rows.filter((r) => !hidden.has(r.key));
  const [confirming, setConfirming] = useState<string | null>(null);

  const remove = (row: RemovableRow, confirmed = false) => {
    const op = row.remove;
    if (!op) return;
    if (op.caution && !confirmed) return setConfirming(row.key);
    setConfirming(null);
    start(async () => {
      hide(row.key);
      const res = await op.run();
      if (!res.ok) {
        // Ending the transition without recording the removal brings the row back.
        toast.error(res.error);
        return;
      }
      startTransition(() => {
        setRemoved((s) => new Set(s).add(row.key));
        router.refresh();
      });
      const undo = op.undo;
      const id = toast.success(res.message ?? 'Removed', {
        duration: 10_000,
        action: undo
          ? {
              label: 'Undo',
              onClick: (event) => {
                // Keep this toast: the undo's answer takes its place rather than stacking another over the rows.
                event.preventDefault();
                toast.loading('Undoing…', { id, action: undefined });
                void undo().then((u) => {
                  if (u.ok) toast.success(u.message ?? 'Undone', { id, duration: 4000 });
                  else toast.error(u.error, { id, duration: 8000 });
                  startTransition(() => {
                    setRemoved((s) => without(s, row.key));
                    router.refresh();
                  });
                });
              },
            }
          : undefined,
      });
    });
  };

  return (
    <ul className={cn('grid content-start gap-1', className)} aria-label={label}>
      {visible.map((row) => (
        <li
          key={row.key}
          className={cn(
            'flex min-h-11 flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-1.5 text-sm',
            rowClassName,
          )}
        >
          <div className="min-w-0 wrap-anywhere">{row.content}</div>
          {row.remove ? (
            <Button
              variant="outline"
              size="sm"
              aria-label={row.remove.label}
              aria-expanded={row.remove.caution ? confirming === row.key : undefined}
              onClick={() => remove(row)}
            >
              {row.remove.button}
            </Button>
          ) : null}
          {row.remove?.caution && confirming === row.key ? (
            <div
              role="alertdialog"
              aria-label={`Before: ${row.remove.label}`}
              className="grid basis-full gap-2 rounded-md border border-warning/40 bg-warning/10 p-3"
            >
              <p>{row.remove.caution}</p>
              <div className="flex gap-2">
                <Button size="sm" variant="destructive" onClick={() => remove(row, true)}>
                  {row.remove.button} anyway
                </Button>
                <Button size="sm" variant="outline" onClick={() => setConfirming(null)}>
                  Cancel
                </Button>
              </div>
            </div>
          ) : null}
        </li>
      ))}
      {visible.length === 0 ? (
        <li className="flex min-h-11 items-center px-3 text-sm text-muted-foreground">{empty}</li>
      ) : null}
    </ul>
  );
}

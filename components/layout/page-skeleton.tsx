import { Skeleton } from '@/components/ui/skeleton';

/** Body of every loading.tsx: the page header and a table's worth of rows, so nothing shifts on load. */
export function PageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    // A live status region: screen readers hear "Loading" (aria-label alone is not allowed on a plain div).
    <div role="status" aria-busy="true" aria-label="Loading" className="grid gap-6">
      <div className="grid gap-2">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid gap-2">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    </div>
  );
}

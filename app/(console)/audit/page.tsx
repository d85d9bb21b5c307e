import { FormError } from '@/components/forms/form-error';
import { EmptyState } from '@/components/layout/empty-state';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { listAuditActionNames, listAuditEvents } from '@/lib/queries/audit';
import { EXPORT_MAX_ROWS } from '@/lib/queries/audit-export';
import { listIntegrationNames } from '@/lib/queries/integrations';
import { AUDIT_FILTER_KEYS, auditFilterParams, auditQuerySchema, isFiltered } from '@/lib/validations/audit';
import { Download, ScrollText } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { AuditFilters } from './_components/audit-filters';
import { AuditTable } from './_components/audit-table';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const values = Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, first(raw[k])]));
  const parsed = auditQuerySchema.safeParse(raw);
  const [integrations, actions] = await Promise.all([listIntegrationNames(), listAuditActionNames()]);
  const filters = (
    <AuditFilters
      key={JSON.stringify(values)}
      integrations={integrations}
      actions={actions}
      values={values}
      errors={parsed.success ? undefined : z.flattenError(parsed.error).fieldErrors}
    />
  );
  const header = (primary?: ReactNode) => (
    <PageHeader
      title="Audit log"
      description="Every sign-in, change and access operation, newest first. Entries cannot be edited or deleted."
      actions={primary}
    />
  );

  if (!parsed.success) {
    return (
      <div className="grid gap-6">
        {header()}
        <FormError title="Some filters are not valid" message="Correct the highlighted fields to see events." />
        {filters}
      </div>
    );
  }

  const { cursor, ...filter } = parsed.data;
  const { items, next } = await listAuditEvents({ ...filter, cursor });
  const filtered = isFiltered(filter);
  const link = (extra: Record<string, string | undefined> = {}) => {
    const query = auditFilterParams(filter, extra).toString();
    return query ? `/audit?${query}` : '/audit';
  };
  const exportButton = (
    <Button asChild variant="outline">
      <a
        href={`/api/audit/export?${auditFilterParams(filter).toString()}`}
        download
        title={`Up to ${EXPORT_MAX_ROWS.toLocaleString('en')} events, newest first`}
      >
        <Download aria-hidden="true" />
        Export CSV
      </a>
    </Button>
  );

  return (
    <div className="grid gap-6">
      {header(exportButton)}
      {filters}
      {items.length === 0 ? (
        filtered || cursor ? (
          <EmptyState
            icon={ScrollText}
            title="No events match these filters"
            description="Widen the date range, or clear a filter."
            action={
              <Button asChild variant="outline">
                <Link href="/audit">Clear filters</Link>
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={ScrollText}
            title="No events yet"
            description="Sign-ins and changes appear here as they happen."
          />
        )
      ) : (
        <>
          <AuditTable items={items} integrations={integrations} />
          <nav aria-label="Audit log pages" className="flex items-center justify-between gap-2">
            <p className="text-sm text-muted-foreground">
              {cursor ? 'Older events' : 'Newest events'}, {items.length} on this page. The CSV export holds up to{' '}
              {EXPORT_MAX_ROWS.toLocaleString('en')} events.
            </p>
            <div className="flex gap-2">
              {cursor ? (
                <Button asChild variant="outline">
                  <Link href={link()}>Newest</Link>
                </Button>
              ) : null}
              {next ? (
                <Button asChild variant="outline">
                  <Link href={link({ cursor: next })}>Older</Link>
                </Button>
              ) : null}
            </div>
          </nav>
        </>
      )}
    </div>
  );
}

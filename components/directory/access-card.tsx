import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import Link from 'next/link';
import type { ReactNode } from 'react';

/** One kind of access on a user, group or app page: its title, what it means, the bulk-change link, its rows. */
export function AccessCard({
  title,
  description,
  bulk,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** Offered top-right when the admin may change this access in bulk. */
  bulk?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle>{title}</CardTitle>
          {bulk ? (
            <Button asChild variant="outline" size="sm">
              <Link href={bulk.href}>{bulk.label}</Link>
            </Button>
          ) : null}
        </div>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid gap-4">{children}</CardContent>
    </Card>
  );
}

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { ReactNode } from 'react';

/** One wizard step: what to click in Okta beside the form that records it. */
export function StepPage({
  title,
  description,
  okta,
  children,
}: {
  title: string;
  description: string;
  okta?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      {okta ? (
        <Card>
          <CardHeader>
            <CardTitle>In the Okta Admin Console</CardTitle>
            <CardDescription>Do this in another tab, then come back.</CardDescription>
          </CardHeader>
          <CardContent className="text-sm [&_li]:leading-relaxed [&_ol]:grid [&_ol]:list-decimal [&_ol]:gap-2 [&_ol]:pl-5">
            {okta}
          </CardContent>
        </Card>
      ) : null}
      <Card className={okta ? undefined : 'lg:col-span-2'}>
        <CardHeader>
          <CardTitle>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
    </div>
  );
}

/** A term the admin must click or read in Okta, set apart so the instructions scan. */
export function Ui({ children }: { children: ReactNode }) {
  return <strong className="font-semibold">{children}</strong>;
}

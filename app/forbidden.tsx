import { ShieldX } from 'lucide-react';
import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 py-24 text-center">
      <ShieldX className="size-8 text-destructive" aria-hidden="true" />
      <h1 className="text-lg font-semibold">Your role cannot open this page</h1>
      <p className="text-sm text-muted-foreground">Ask a console admin if you need access.</p>
      <Link className="text-sm underline" href="/integrations">
        Back to Integrations
      </Link>
    </main>
  );
}

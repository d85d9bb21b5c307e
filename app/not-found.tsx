import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 py-24 text-center">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="text-sm text-muted-foreground">This page does not exist, or what it showed was deleted.</p>
      <Link className="text-sm underline" href="/integrations">
        Back to Integrations
      </Link>
    </main>
  );
}

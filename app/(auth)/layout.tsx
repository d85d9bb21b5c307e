import { ShieldCheck } from 'lucide-react';
import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 p-4">
      <div className="flex items-center gap-2 text-lg font-semibold">
        <ShieldCheck className="size-6" aria-hidden="true" />
        Okta Access Console
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}

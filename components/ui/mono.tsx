import { CopyButton } from '@/components/ui/copy-button';
import { cn } from '@/lib/utils';

export type MonoProps = {
  /** The identifier: user or group id, client ID, KID, thumbprint, Okta request id. */
  value: string;
  /** Names the value for the copy button: "client ID" gives "Copy client ID". */
  label?: string;
  /** Show a copy button (default true). */
  copy?: boolean;
  /** Cut long values with an ellipsis; the full value stays in the title and is what gets copied. */
  truncate?: boolean;
  className?: string;
};

/** An identifier in monospace with a copy button. */
export function Mono({ value, label, copy = true, truncate = false, className }: MonoProps) {
  return (
    <span
      data-slot="mono"
      className={cn('inline-flex max-w-full min-w-0 items-center gap-0.5 align-middle', className)}
    >
      <code
        className={cn(
          'rounded bg-muted px-1.5 py-0.5 font-mono text-[0.8125rem] break-all text-foreground',
          truncate && 'truncate break-normal',
        )}
        title={truncate ? value : undefined}
      >
        {value}
      </code>
      {copy ? <CopyButton value={value} label={label} /> : null}
    </span>
  );
}

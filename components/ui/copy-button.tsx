'use client';

import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';

import { Button, type ButtonProps } from '@/components/ui/button';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // navigator.clipboard needs a secure context; an admin on http://<lan-ip> still gets a working button.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

// One polite live region for the whole page, so a table of ids doesn't carry one region per row.
function announce(message: string) {
  let region = document.getElementById('copy-button-announcer');
  if (!region) {
    region = document.createElement('div');
    region.id = 'copy-button-announcer';
    region.setAttribute('role', 'status');
    region.className = 'sr-only';
    document.body.append(region);
  }
  const target = region;
  target.textContent = '';
  // A short delay lets screen readers notice a freshly inserted region and repeated identical messages.
  setTimeout(() => {
    target.textContent = message;
  }, 50);
}

export type CopyButtonProps = Omit<ButtonProps, 'onClick' | 'children' | 'value' | 'asChild'> & {
  value: string;
  /** What is copied, for the accessible name: "Copy client ID". */
  label?: string;
};

/** An icon button that copies `value` and announces "Copied" to screen readers. */
export function CopyButton({ value, label = 'value', variant = 'ghost', size = 'icon-xs', ...props }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function onCopy() {
    const ok = await writeClipboard(value);
    setState(ok ? 'copied' : 'failed');
    announce(ok ? 'Copied' : 'Could not copy');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  }

  const name = `Copy ${label}`;
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          variant={variant}
          size={size}
          aria-label={name}
          data-copied={state === 'copied' || undefined}
          onClick={onCopy}
          {...props}
        >
          {state === 'copied' ? <Check className="text-success" aria-hidden="true" /> : <Copy aria-hidden="true" />}
        </Button>
      </TooltipTrigger>
      <TooltipContent>{state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : name}</TooltipContent>
    </Tooltip>
  );
}

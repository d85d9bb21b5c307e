'use client';

import { CircleCheck, CircleX, Info, LoaderCircle, TriangleExclamationPoint } from 'lucide-react';
import type * as React from 'react';
import { Toaster as Sonner, type ToasterProps } from 'sonner';

/** Mount once in the root layout. Call `toast()` / `toast.success()` / `toast.error()` from 'sonner'. */
export function Toaster(props: ToasterProps) {
  return (
    <Sonner
      theme="system"
      position="bottom-right"
      closeButton
      className="toaster group"
      containerAriaLabel="Notifications"
      icons={{
        success: <CircleCheck className="size-4 text-success" aria-hidden="true" />,
        error: <CircleX className="size-4 text-destructive" aria-hidden="true" />,
        warning: <TriangleExclamationPoint className="size-4 text-warning" aria-hidden="true" />,
        info: <Info className="size-4 text-info" aria-hidden="true" />,
        loading: <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />,
      }}
      style={
        {
          '--normal-bg': 'var(--popover)',
          '--normal-text': 'var(--popover-foreground)',
          '--normal-border': 'var(--border)',
          '--border-radius': 'var(--radius)',
        } as React.CSSProperties
      }
      {...props}
    />
  );
}

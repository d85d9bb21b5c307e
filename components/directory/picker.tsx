'use client';

import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';

/** `unavailable`: why this item cannot be picked (Okta would refuse the change); shown in place, not choosable. */
export type PickerItem = { id: string; label: string; detail?: string; unavailable?: string };

/** What the pick is for (a relation of lib/access/kinds): the search marks the items Okta would refuse. */
export type PickPurpose = 'membership' | 'app_user' | 'app_group';

/** A keyboard-friendly search-and-pick for an integration's users, groups or apps (ARIA combobox). */
export function Picker({
  integrationId,
  kind,
  label,
  name,
  onPick,
  initial,
  purpose,
  exclude,
}: {
  integrationId: string;
  kind: 'users' | 'groups' | 'apps';
  label: string;
  name: string;
  onPick?: (item: PickerItem | null) => void;
  /** The item to start with; one that is `unavailable` is named with its reason, not picked. */
  initial?: PickerItem | null;
  purpose?: PickPurpose;
  /** Items already in the target state (a user's own groups), shown with the reason and not choosable. */
  exclude?: { ids: readonly string[]; reason: string };
}) {
  const id = useId();
  const [text, setText] = useState(initial?.label ?? '');
  const [debounced, setDebounced] = useState('');
  const [picked, setPicked] = useState<PickerItem | null>(initial && !initial.unavailable ? initial : null);
  // Why the item the form started with cannot be picked, until something else is typed.
  const [refused, setRefused] = useState(initial?.unavailable);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(text), 250);
    return () => clearTimeout(t);
  }, [text]);
  const { data, isFetching } = useQuery({
    queryKey: ['directory-search', integrationId, kind, debounced, purpose],
    enabled: open,
    queryFn: async () => {
      const forPurpose = purpose ? `&for=${purpose}` : '';
      const res = await fetch(
        `/api/directory/${integrationId}/search?kind=${kind}&q=${encodeURIComponent(debounced)}${forPurpose}`,
      );
      if (!res.ok) throw new Error('search failed');
      return (await res.json()) as { items: PickerItem[] };
    },
  });
  const excluded = new Set(exclude?.ids ?? []);
  const items = (data?.items ?? []).map((item) =>
    excluded.has(item.id) ? { ...item, unavailable: exclude?.reason } : item,
  );
  const choose = (item: PickerItem) => {
    if (item.unavailable) return;
    setRefused(undefined);
    setPicked(item);
    setText(item.label);
    setOpen(false);
    onPick?.(item);
  };
  return (
    <div className="relative grid gap-2">
      <label htmlFor={`${id}-input`} className="text-sm font-medium">
        {label}
      </label>
      <input type="hidden" name={name} value={picked?.id ?? ''} />
      <Input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-describedby={refused ? `${id}-refused` : undefined}
        aria-invalid={refused ? true : undefined}
        aria-activedescendant={open && items[active] ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        value={text}
        placeholder="Type to search…"
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setRefused(undefined);
          setPicked(null);
          onPick?.(null);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, items.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && open && items[active]) {
            e.preventDefault();
            choose(items[active]);
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {refused ? (
        <p id={`${id}-refused`} className="text-sm text-destructive">
          {refused} Choose another.
        </p>
      ) : null}
      {open ? (
        <ul
          id={`${id}-list`}
          role="listbox"
          aria-label={label}
          className="absolute top-full z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border bg-popover p-1 shadow-md"
        >
          {items.length === 0 ? (
            <li className="px-2 py-1.5 text-sm text-muted-foreground">{isFetching ? 'Searching…' : 'No matches'}</li>
          ) : null}
          {items.map((item, i) => (
            <li
              key={item.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={item.unavailable ? true : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(item);
              }}
              className={cn(
                'rounded px-2 py-1.5 text-sm',
                item.unavailable ? 'cursor-not-allowed text-muted-foreground' : 'cursor-pointer',
                i === active && 'bg-accent',
              )}
            >
              {item.label}
              {item.detail ? <span className="ml-2 text-xs text-muted-foreground">{item.detail}</span> : null}
              {item.unavailable ? <span className="block text-xs">{item.unavailable}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

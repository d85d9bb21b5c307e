'use client';

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Input } from '@/components/ui/input';
import { useId, useState, type ReactNode } from 'react';

/**
 * A confirmation that names what will happen. With `typeToConfirm`, the operator types that text (the
 * group or app name) before a destructive bulk change can start.
 */
export function ConfirmDialog(props: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirm: string;
  destructive?: boolean;
  typeToConfirm?: string;
  onConfirm: () => void;
}) {
  const [typed, setTyped] = useState('');
  const id = useId();
  const ready = !props.typeToConfirm || typed.trim() === props.typeToConfirm;
  return (
    <AlertDialog onOpenChange={(open) => !open && setTyped('')}>
      <AlertDialogTrigger asChild>{props.trigger}</AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{props.title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="grid gap-2">{props.description}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        {props.typeToConfirm ? (
          <div className="grid gap-2">
            <label htmlFor={id} className="text-sm font-medium">
              Type <span className="font-mono">{props.typeToConfirm}</span> to confirm
            </label>
            <Input id={id} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} autoComplete="off" />
          </div>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction destructive={props.destructive} disabled={!ready} onClick={props.onConfirm}>
            {props.confirm}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

'use client';

import { Stepper } from '@/components/ui/stepper';
import { STEPS, stepHref, type StepId } from '@/lib/setup/steps';
import { useSelectedLayoutSegment } from 'next/navigation';

export function WizardStepper({ completed, current }: { completed: StepId[]; current: StepId }) {
  const open = (useSelectedLayoutSegment() as StepId | null) ?? current;
  const reachable = STEPS.findIndex((s) => s.id === current);
  return (
    <Stepper
      label="Setup steps"
      steps={STEPS.map((s, i) => ({
        id: s.id,
        title: s.title,
        href: stepHref(s.id),
        status: s.id === open ? 'current' : completed.includes(s.id) || i < reachable ? 'complete' : 'upcoming',
      }))}
    />
  );
}

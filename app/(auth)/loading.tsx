import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return <Skeleton aria-label="Loading" className="h-64 w-full" />;
}

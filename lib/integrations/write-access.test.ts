import type { ConnectionReport } from '@/lib/okta';
import { describe, expect, it } from 'vitest';
import { isSuperAdmin } from './write-access';

const reach = { state: 'yes' as const, detail: '' };
const report = (roles: { type?: string; label: string }[] | null) => ({
  lastTestReport: {
    writeAccess: {
      roles: roles?.map((r) => ({ ...r, allows: '' })) ?? null,
      memberships: reach,
      appAssignments: reach,
    },
  } as unknown as ConnectionReport,
});

describe('isSuperAdmin', () => {
  it('is true for a role of type SUPER_ADMIN among others', () => {
    const i = report([
      { type: 'APP_ADMIN', label: 'Application Administrator' },
      { type: 'SUPER_ADMIN', label: 'Super Administrator' },
    ]);
    expect(isSuperAdmin(i)).toBe(true);
  });

  it('is false for a custom role named like the Super Administrator', () => {
    expect(isSuperAdmin(report([{ type: 'CUSTOM', label: 'Super Administrator' }]))).toBe(false);
  });

  it('is false when the roles were not read, for a report stored without role types, and with no report', () => {
    expect(isSuperAdmin(report(null))).toBe(false);
    expect(isSuperAdmin(report([{ label: 'Super Administrator' }]))).toBe(false);
    expect(isSuperAdmin({ lastTestReport: null })).toBe(false);
  });
});

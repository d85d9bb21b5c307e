import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageRole } from './page-roles';

const CONSOLE = path.join(import.meta.dirname, '../../app/(console)');

/** Every page.tsx and layout.tsx of the console with the path it serves (route groups dropped, params filled). */
function consoleFiles(dir = CONSOLE): Array<{ file: string; route: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return consoleFiles(full);
    if (e.name !== 'page.tsx' && e.name !== 'layout.tsx') return [];
    const segments = path
      .relative(CONSOLE, dir)
      .split(path.sep)
      .filter((s) => s && !/^\(.*\)$/.test(s));
    return [
      {
        file: path.relative(CONSOLE, full),
        route: `/${segments.map((s) => (/^\[.*\]$/.test(s) ? 'int_abcdefghij0123456789' : s)).join('/')}`,
      },
    ];
  });
}

/** The role a page or layout asks for itself: requireUser('…'), or the setup wizard's admin-only draft reads. */
function ownRole(file: string): 'operator' | 'admin' | null {
  const src = fs.readFileSync(path.join(CONSOLE, file), 'utf8');
  if (/requireUser\('admin'\)/.test(src) || /\b(loadDraftForStep|currentDraft)\(/.test(src)) return 'admin';
  if (/requireUser\('operator'\)/.test(src)) return 'operator';
  return null;
}

describe('pageRole', () => {
  it('names the role of every console page that checks for more than viewer, so the layout answers 403 before streaming', () => {
    const restricted = consoleFiles().filter((f) => ownRole(f.file));
    expect(restricted.length).toBeGreaterThanOrEqual(9); // the wizard's layout and pages, bulk, check
    for (const f of restricted) expect(pageRole(f.route), f.file).toBe(ownRole(f.file));
  });

  it('leaves the other pages to any signed-in user', () => {
    for (const p of [
      '/',
      '/integrations',
      '/integrations/int_abcdefghij0123456789',
      '/directory',
      '/directory/int_abcdefghij0123456789',
      '/directory/int_abcdefghij0123456789/users/00u1',
      '/jobs',
      '/jobs/job_1',
      '/audit',
      '/settings',
      '/integrations/newer',
      '/directory/bulk',
    ])
      expect(pageRole(p), p).toBe('viewer');
  });

  it('reads the path as Next routes it: encoded segments, trailing and doubled slashes', () => {
    expect(pageRole('/directory/int_x/%62ulk')).toBe('operator');
    expect(pageRole('/directory/int_x/check/')).toBe('operator');
    expect(pageRole('//integrations//new/connection')).toBe('admin');
    expect(pageRole('/integrations/new/%E0%A4%A')).toBe('admin');
  });
});

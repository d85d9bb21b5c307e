import { ROLES } from '@/lib/auth/roles';
import { z } from 'zod';

// Shared by forms (client) and actions (server re-parse).
export const email = z
  .email('Enter a valid email address, like ada@example.com')
  .max(200)
  .transform((e) => e.trim().toLowerCase());
export const password = z.string().min(12, 'Use at least 12 characters').max(200, 'Use at most 200 characters');
export const personName = z.string().trim().min(1, 'Enter a name').max(100, 'Use at most 100 characters');
export const role = z.enum(ROLES, 'Choose a role: admin, operator or viewer');
export const consoleUserId = z.string().regex(/^usr_[A-Za-z0-9]{20}$/, 'Unknown console user');

export const firstRunSchema = z
  .object({
    token: z.string().min(20, 'This setup link is incomplete').max(200),
    name: personName,
    email,
    password,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });

export const createConsoleUserSchema = z.object({ name: personName, email, password, role });

export const changeRoleSchema = z.object({ userId: consoleUserId, role });

export const setDisabledSchema = z.object({
  userId: consoleUserId,
  disabled: z.enum(['true', 'false'], 'disabled must be true or false').transform((v) => v === 'true'),
});

/** Linking one's own account to Okta: the current password confirms it is done on purpose by its owner. */
export const linkOktaSchema = z.object({ password: z.string().min(1, 'Enter your current password').max(1024) });

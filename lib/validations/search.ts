import { z } from 'zod';

// The search term of the directory searches (the console's picker and the automation API's users, groups and
// apps): it goes into an Okta search expression, so it must be plain text. A URL's %00–%1F and %7F decode to
// control characters, and bytes that are not UTF-8 (a lone %FF, %C3%28) decode to U+FFFD; Okta refuses both,
// so they are refused here, with a message that names the parameter, before anything is sent.
const NOT_TEXT = /[\p{Cc}\p{Cs}\uFFFD]/u;

export const searchTerm = z
  .string('q must be text')
  .max(100, 'Search for at most 100 characters')
  .refine(
    (s) => !NOT_TEXT.test(s),
    'q must be plain text: no control characters (such as %00 or %1F, tabs or line breaks) and no invalid UTF-8 (such as a lone %FF)',
  )
  .default('');

import path from 'node:path';
import { openDatabase } from './client';

// `npm run db:migrate`: applies the committed migrations of the dialect DATABASE_URL selects.
const handle = openDatabase({ url: process.env.DATABASE_URL, dataDir: path.resolve(process.env.DATA_DIR ?? './data') });
await handle.migrate();
await handle.close();
console.log(`Migrations applied (${handle.dialect}).`);

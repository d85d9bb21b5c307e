// Formatting is the tool's job (`npm run format`), checked by `npm run lint`: 120 columns, the repo's
// existing quotes, imports organised, Tailwind classes in Tailwind's order.
/** @type {import('prettier').Config} */
const config = {
  printWidth: 120,
  singleQuote: true,
  plugins: ['prettier-plugin-organize-imports', 'prettier-plugin-tailwindcss'],
  tailwindStylesheet: './app/globals.css',
  tailwindFunctions: ['cn', 'cva'],
};

export default config;

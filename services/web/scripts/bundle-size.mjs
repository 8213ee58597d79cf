// Measures the JavaScript a first visit downloads (gzipped), per page, from a `vite build --manifest`
// (`npm run size` runs both; the manifest is not part of the normal build, so it is never served):
// the entry chunk with its static imports, plus the page's own lazy chunk with its imports.
// Fails when any page's first load is over the budget (issue 13: 100 KB gzipped).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 100 * 1024;
const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));

function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) closure(imported, seen);
  return seen;
}
const gzipped = (keys) => [...keys].reduce(
  (sum, key) => sum + gzipSync(readFileSync(new URL(manifest[key].file, dist))).length, 0);

const [entryKey] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
const entry = closure(entryKey);
const shell = gzipped(entry);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

console.log(`shell (${manifest[entryKey].file} and its imports): ${kb(shell)} gzipped`);
let worst = shell;
for (const page of manifest[entryKey].dynamicImports ?? []) {
  const own = [...closure(page)].filter((key) => !entry.has(key));
  const total = shell + gzipped(own);
  worst = Math.max(worst, total);
  console.log(`  first load of ${page.padEnd(32)} ${kb(total)}`);
}
console.log(`largest first load: ${kb(worst)} of ${kb(BUDGET_BYTES)} budget`);
if (worst > BUDGET_BYTES) {
  console.error('over budget');
  process.exit(1);
}

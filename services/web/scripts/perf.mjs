// Measures the agenda page in the system Chromium against NEXUS_URL (default http://localhost:8080):
// from navigation to the agenda shown, and Largest Contentful Paint and Cumulative Layout Shift as the
// browser reports them (PerformanceObserver), cold (new browser context, empty cache) and warm (the
// same context again). Prints figures; asserts nothing (issue 13 budgets: agenda ≤ 1 s).
import { chromium } from '@playwright/test';

const base = process.env.NEXUS_URL ?? 'http://localhost:8080';
const runs = Number(process.env.PERF_RUNS ?? 5);

async function api(path, body, token) {
  const response = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** A person with a group and a few sessions from tomorrow on, in Berlin. */
async function personWithSessions() {
  const email = `perf-${Date.now()}@example.org`;
  const login = await api('/api/v1/auth/register',
    { email, password: 'correct horse battery', displayName: 'Perf', timeZone: 'Europe/Berlin' });
  const group = await api('/api/v1/groups', { name: `Perf ${Date.now()}`, visibility: 'PUBLIC' }, login.accessToken);
  for (const [days, recurrence] of [[1, 'FREQ=WEEKLY;COUNT=8'], [2, undefined], [3, 'FREQ=DAILY;COUNT=3']]) {
    const start = new Date(Date.now() + days * 86_400_000);
    start.setUTCHours(17, 0, 0, 0);
    await api(`/api/v1/groups/${group.id}/sessions`, {
      title: `Session in ${days} days`, startsAt: start.toISOString().replace('.000Z', 'Z'), durationMinutes: 60,
      timeZone: 'Europe/Berlin', recurrence,
    }, login.accessToken);
  }
  return { accessToken: login.accessToken, refreshToken: login.refreshToken };
}

// Runs in the page before any of its scripts: collects LCP and CLS as the browser reports them.
function observePaint() {
  window.__perf = { lcp: 0, cls: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__perf.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__perf.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Loads /agenda and waits for its first session link; times are from the navigation's start. */
async function measure(page) {
  await page.goto(new URL(`/agenda?view=week&date=${tomorrow}`, base).href);
  await page.getByRole('list', { name: 'Days of the week' }).getByRole('link').first().waitFor();
  const shown = await page.evaluate(() => performance.now());
  // LCP is final once the page had input or is hidden; reading it after the agenda shows is what a person sees.
  const { lcp, cls } = await page.evaluate(() => window.__perf);
  return { shown, lcp, cls };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function report(label, results) {
  const line = (name, pick, unit, digits) => {
    const values = results.map(pick);
    return `  ${name.padEnd(26)} median ${median(values).toFixed(digits)}${unit}  (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)})`;
  };
  console.log(`${label}, ${results.length} runs:`);
  console.log(line('navigation → agenda shown', (r) => r.shown, ' ms', 0));
  console.log(line('Largest Contentful Paint', (r) => r.lcp, ' ms', 0));
  console.log(line('Cumulative Layout Shift', (r) => r.cls, '', 3));
}

const tokens = await personWithSessions();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const cold = [];
const warm = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin' });
  await context.addInitScript((stored) => localStorage.setItem('nexus.tokens', stored), JSON.stringify(tokens));
  await context.addInitScript(observePaint);
  const page = await context.newPage();
  cold.push(await measure(page));
  warm.push(await measure(page));
  // The app rotated the refresh token if it refreshed; the next context starts from the newest pair.
  Object.assign(tokens, JSON.parse(await page.evaluate(() => localStorage.getItem('nexus.tokens'))));
  await context.close();
}
await browser.close();
console.log(`agenda at ${base}`);
report('cold (new context, empty cache)', cold);
report('warm (same context, cached)', warm);

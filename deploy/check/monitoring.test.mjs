// The alert rules and the Grafana dashboard in deploy/monitoring: every metric they read is one the
// services emit (so a renamed metric fails here, not silently in production), and promtool checks
// the rules and runs their unit tests (alerts-test.yaml) when it is installed (Debian: prometheus).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';

const DEPLOY = new URL('../', import.meta.url);
const MONITORING = new URL('monitoring/', DEPLOY).pathname;
const SERVICES = new URL('../services/', DEPLOY).pathname;

const rules = parse(readFileSync(`${MONITORING}alerts.yaml`, 'utf8'));
const dashboard = JSON.parse(readFileSync(`${MONITORING}dashboard.json`, 'utf8'));
const expressions = [
  ...rules.groups.flatMap((g) => g.rules.map((r) => r.expr)),
  ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)),
];

// Metric names in the Java sources ("nexus.cache" → nexus_cache), and the ones the frameworks and
// RabbitMQ's Prometheus plugin provide.
function emitted() {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && !['node_modules', 'target', 'test'].includes(entry.name)) {
        walk(path);
      } else if (entry.name.endsWith('.java')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/"(nexus\.[a-z_.]+)"/g)) {
          names.add(m[1].replaceAll('.', '_'));
        }
      }
    }
  };
  walk(SERVICES);
  return names;
}
const FRAMEWORK = ['http_server_requests_seconds', 'jvm_memory_used_bytes', 'process_cpu_usage', 'up',
  'rabbitmq_detailed_queue_messages', 'rabbitmq_detailed_queue_messages_ready'];

function metricsIn(expr) {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  return [...withoutStrings.matchAll(/\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b(?!\s*(?:=|!=|=~|!~))/g)].map((m) => m[1]);
}

test('every metric the alerts and the dashboard read is emitted by a service, a framework or RabbitMQ', () => {
  const code = emitted();
  const known = (name) => FRAMEWORK.some((f) => name === f || name.startsWith(`${f}_`))
    || [...code].some((c) => name === c || /^_(total|seconds(_count|_sum|_max)?|count|sum|max)$/.test(name.slice(c.length))
      && name.startsWith(c));
  const unknown = expressions.flatMap(metricsIn).filter((m) => !known(m));
  assert.deepEqual([...new Set(unknown)], []);
  assert.ok(expressions.length >= 20, 'alerts and panels read');
});

test('the alerts cover the outbox backlog, dead letters, consumer lag, 5xx rate and cache fallback', () => {
  const alerts = rules.groups.flatMap((g) => g.rules);
  for (const metric of ['nexus_outbox_pending', 'rabbitmq_detailed_queue_messages{queue=~".*\\\\.dlq"}',
    'rabbitmq_detailed_queue_messages_ready', 'status=~"5.."', 'nexus_cache_total{result="fallback"}']) {
    assert.ok(alerts.some((a) => a.expr.includes(metric)), metric);
  }
  for (const a of alerts) {
    assert.ok(a.labels.severity && a.annotations.summary, `${a.alert}: severity and summary`);
  }
});

function promtool(...args) {
  try {
    return execFileSync('promtool', args, { cwd: MONITORING, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    if (e.code === 'ENOENT') {
      return null;
    }
    throw new Error(`promtool ${args.join(' ')}:\n${e.stdout}${e.stderr}`);
  }
}

test('promtool accepts the rules and their unit tests pass', (t) => {
  if (promtool('--version') === null) {
    t.skip('promtool is not installed (apt-get install prometheus)');
    return;
  }
  promtool('check', 'rules', 'alerts.yaml');
  promtool('test', 'rules', 'alerts-test.yaml');
});

// Renders every overlay of deploy/k8s with `kubectl kustomize` (offline), validates each object
// against its schema and asserts what issue 16 asks of the deployment. Run by `./mvnw verify`
// (module deploy) or in deploy/check with `npm test`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Cluster, Database } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';

const K8S = new URL('../k8s/', import.meta.url).pathname;
const WORKLOADS = ['identity', 'sessions', 'notes', 'notifications', 'gateway'];
const SERVICES = WORKLOADS.filter((w) => w !== 'gateway');

// The schema of every kind the manifests use. The RabbitMQ and OpsTree Redis operators publish
// no npm models: their objects get the structural checks in `infrastructure on operators`.
const MODELS = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'postgresql.cnpg.io/v1/Cluster': Cluster,
  'postgresql.cnpg.io/v1/Database': Database,
};
const UNMODELLED = ['rabbitmq.com/v1beta1/RabbitmqCluster', 'redis.redis.opstreelabs.in/v1beta2/RedisReplication',
  'redis.redis.opstreelabs.in/v1beta2/RedisSentinel'];

function render(overlay) {
  let out;
  try {
    out = execFileSync('kubectl', ['kustomize', `${K8S}overlays/${overlay}`], { encoding: 'utf8' });
  } catch (e) {
    if (e.code === 'ENOENT') {
      throw new Error('kubectl is not on PATH: it renders the overlays (kubectl kustomize); install kubectl');
    }
    throw e;
  }
  return parseAllDocuments(out).map((d) => d.toJS());
}

const typeOf = (o) => `${o.apiVersion}/${o.kind}`;
const byKind = (objects, kind) => objects.filter((o) => o.kind === kind);
const named = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);

for (const overlay of ['dev', 'prod']) {
  const objects = render(overlay);
  const deployments = byKind(objects, 'Deployment');

  test(`${overlay}: every object is valid against its Kubernetes or CRD schema`, () => {
    for (const o of objects) {
      const Model = MODELS[typeOf(o)];
      assert.ok(Model || UNMODELLED.includes(typeOf(o)), `no schema for ${typeOf(o)} ${o.metadata.name}`);
      if (Model) {
        assert.doesNotThrow(() => new Model(o).validate(), `${typeOf(o)} ${o.metadata.name}`);
      }
    }
  });

  test(`${overlay}: the four services and the gateway run with probes, limits, graceful shutdown, as non-root`, () => {
    assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), [...WORKLOADS].sort());
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      const [c] = pod.containers;
      const name = d.metadata.name;
      assert.match(c.image, /^nexus\/[a-z]+:.+$/, `${name}: an image with a tag`);
      assert.equal(c.startupProbe.httpGet.path, '/q/health/started', name);
      assert.equal(c.readinessProbe.httpGet.path, '/q/health/ready', name);
      assert.equal(c.livenessProbe.httpGet.path, '/q/health/live', name);
      assert.ok(c.resources.requests.cpu && c.resources.requests.memory, `${name}: requests`);
      assert.ok(c.resources.limits.memory, `${name}: a memory limit`);
      assert.ok(pod.terminationGracePeriodSeconds >= 30 + c.lifecycle.preStop.sleep.seconds, `${name}: grace period`);
      assert.equal(pod.securityContext.runAsNonRoot, true, name);
      assert.equal(c.securityContext.allowPrivilegeEscalation, false, name);
      assert.ok(c.envFrom.some((e) => e.configMapRef?.name === 'nexus-config'), `${name}: config from the ConfigMap`);
    }
    assert.equal(named(objects, 'ConfigMap', 'nexus-config').data.QUARKUS_SHUTDOWN_TIMEOUT, '30s');
  });

  test(`${overlay}: credentials come from Secrets, never from the ConfigMap`, () => {
    const config = named(objects, 'ConfigMap', 'nexus-config').data;
    assert.deepEqual(Object.keys(config).filter((k) => /PASSWORD|SECRET|SIGNING/.test(k)), []);
    for (const svc of SERVICES) {
      const env = named(objects, 'Deployment', svc).spec.template.spec.containers[0].env;
      for (const key of ['NEXUS_DB_PASSWORD', 'RABBITMQ_PASSWORD']) {
        assert.ok(env.find((e) => e.name === key)?.valueFrom?.secretKeyRef, `${svc}: ${key} from a Secret`);
      }
    }
    const identity = named(objects, 'Deployment', 'identity').spec.template.spec;
    assert.equal(identity.volumes.find((v) => v.name === 'signing-key').secret.secretName, 'nexus-signing-key');
  });

  test(`${overlay}: only the gateway is exposed, and network policies admit only the gateway and each other`, () => {
    for (const s of byKind(objects, 'Service')) {
      assert.ok(!s.spec.type || s.spec.type === 'ClusterIP', `${s.metadata.name} is not exposed`);
    }
    const backends = byKind(objects, 'Ingress').flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths))
      .map((p) => p.backend.service.name);
    assert.deepEqual([...new Set(backends)], ['gateway']);
    const policies = byKind(objects, 'NetworkPolicy');
    const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress);
    assert.ok(deny, 'a default deny of ingress');
    const services = policies.find((p) => p.spec.podSelector.matchLabels?.['nexus.dev/tier'] === 'service');
    const fromTiers = services.spec.ingress.flatMap((r) => r.from)
      .flatMap((f) => f.podSelector?.matchExpressions ?? []).flatMap((e) => e.values);
    assert.deepEqual(fromTiers.sort(), ['gateway', 'service']);
    assert.ok(services.spec.ingress.every((r) => r.from?.length), 'services: no rule open to everyone');
  });

  test(`${overlay}: infrastructure on operators, configured for the services`, () => {
    assert.ok(named(objects, 'Cluster', 'nexus-postgres'), 'CloudNativePG cluster');
    const databases = [named(objects, 'Cluster', 'nexus-postgres').spec.bootstrap.initdb.database,
      ...byKind(objects, 'Database').map((d) => d.spec.name)];
    assert.deepEqual(databases.sort(), SERVICES.map((s) => `nexus_${s}`).sort());
    const rabbit = named(objects, 'RabbitmqCluster', 'nexus-rabbitmq');
    assert.ok(Number.isInteger(rabbit.spec.replicas) && rabbit.spec.replicas >= 1);
    assert.match(rabbit.spec.rabbitmq.additionalConfig, /default_queue_type = quorum/);
    const replication = named(objects, 'RedisReplication', 'nexus-redis');
    const sentinel = named(objects, 'RedisSentinel', 'nexus-redis');
    assert.ok(Number.isInteger(replication.spec.clusterSize) && replication.spec.kubernetesConfig.image);
    assert.equal(sentinel.spec.redisSentinelConfig.redisReplicationName, 'nexus-redis');
    const config = named(objects, 'ConfigMap', 'nexus-config').data;
    assert.equal(config.QUARKUS_REDIS_CLIENT_TYPE, 'sentinel');
    assert.equal(config.QUARKUS_REDIS_MASTER_NAME, sentinel.spec.redisSentinelConfig.masterGroupName);
    assert.equal(config.RABBITMQ_HOST, rabbit.metadata.name);
    assert.equal(config.NEXUS_DB_HOST, 'nexus-postgres-rw');
  });
}

test('dev: one replica of each', () => {
  for (const d of byKind(render('dev'), 'Deployment')) {
    assert.equal(d.spec.replicas, 1, d.metadata.name);
  }
});

test('prod: at least two replicas of each, autoscaled, disruption budgets, spread over nodes; 3-node infrastructure', () => {
  const objects = render('prod');
  for (const w of WORKLOADS) {
    const d = named(objects, 'Deployment', w);
    assert.ok(d.spec.replicas >= 2, `${w}: replicas`);
    const hpa = byKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === w);
    assert.ok(hpa && hpa.spec.minReplicas >= 2, `${w}: a HorizontalPodAutoscaler from 2`);
    const pdb = byKind(objects, 'PodDisruptionBudget').find((p) => p.spec.selector.matchLabels['app.kubernetes.io/name'] === w);
    assert.ok(pdb, `${w}: a PodDisruptionBudget`);
    const term = d.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
    assert.equal(term.topologyKey, 'kubernetes.io/hostname', w);
    assert.equal(term.labelSelector.matchLabels['app.kubernetes.io/name'], w);
    assert.match(d.spec.template.spec.containers[0].image, /:\d+\.\d+\.\d+$/, `${w}: a release tag`);
  }
  assert.equal(named(objects, 'Cluster', 'nexus-postgres').spec.instances, 3);
  assert.equal(named(objects, 'RabbitmqCluster', 'nexus-rabbitmq').spec.replicas, 3);
  assert.equal(named(objects, 'RedisReplication', 'nexus-redis').spec.clusterSize, 3);
  assert.equal(named(objects, 'RedisSentinel', 'nexus-redis').spec.clusterSize, 3);
});

test('the image runs as a non-root user with the JVM options of issue 15', () => {
  const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
  assert.match(dockerfile, /^USER 10001$/m);
  assert.match(dockerfile, /-XX:\+UseSerialGC/);
});

test('prod: traces go over OTLP to a collector, a share of them sampled; logs stay JSON', () => {
  const config = named(render('prod'), 'ConfigMap', 'nexus-config').data;
  assert.match(config.QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT, /^http:\/\/[a-z0-9.-]+:4317$/);
  const ratio = Number(config.NEXUS_TRACE_SAMPLE_RATIO);
  assert.ok(ratio > 0 && ratio <= 1, `a sample ratio in (0, 1]: ${config.NEXUS_TRACE_SAMPLE_RATIO}`);
  assert.equal(config.NEXUS_LOG_JSON, undefined, 'JSON logs, the prod profile default');
});

test('docker-compose: every service and the gateway send their traces to the Jaeger it runs', () => {
  const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true });
  assert.ok(compose.services.jaeger.ports.includes('16686:16686'), 'the Jaeger UI is published');
  for (const w of WORKLOADS) {
    const env = compose.services[w].environment;
    assert.equal(env.QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT, 'http://jaeger:4317', w);
    assert.equal(env.NEXUS_TRACE_SAMPLE_RATIO, '1', w);
    assert.ok(compose.services[w].depends_on.jaeger, `${w} starts after jaeger`);
  }
});

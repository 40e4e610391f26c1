// The orchestration of compare.sh: each round runs every contender once, in a fresh process, one after the
// other; then prints the median per contender and its ratio to the best peer.
import { execFileSync } from 'node:child_process';

const [rounds, warmup, window] = process.argv.slice(2).map(Number);
const bun = 'bench/peers/node_modules/.bin/bun';

const contenders = [
  { name: 'crystal-bus object', run: () => crystalBus('object') },
  { name: 'crystal-bus json', run: () => crystalBus('json') },
  // wagers arriving in lists of 100 (as the API and the file drop take them) and every channel batched
  { name: 'crystal-bus object, batched', run: () => crystalBus('object', 100) },
  { name: 'crystal-bus json, batched', run: () => crystalBus('json', 100) },
  // the same topology without crystal-bus: plain Camel, and plain Java hand-offs (bench.floor)
  { name: 'floor: plain Camel', run: () => floor('CAMEL_FLOOR') },
  { name: 'floor: plain Java', run: () => floor('JAVA_FLOOR') },
  { name: 'bun workers, object', run: () => peer(bun, 'object') },
  { name: 'bun workers, json string', run: () => peer(bun, 'json') },
  { name: 'node worker_threads, object', run: () => peer('node', 'object') },
  { name: 'node worker_threads, json string', run: () => peer('node', 'json') },
];

function crystalBus(mode, list = 1) {
  const args = ['--flow', 'SETTLEMENT', '--mode', mode, '--ingress-batch', String(list)];
  for (const flow of ['balance', 'free-play', 'distributions']) {
    args.push('--set', `crystal.rollout.${flow}.control=${list > 1 ? 'batch' : mode}`);
  }
  if (list > 1) {
    args.push('--set', `crystal.batch.default.format=${mode}`);
  }
  return benchWindow(`crystal-bus ${mode}`, args);
}

function floor(flow) {
  return benchWindow(flow, ['--flow', flow]);
}

// one measured window of `bench window` in a fresh JVM, with the JVM options of etc/jvm.options
function benchWindow(name, extra) {
  const args = ['-Xms512m', '-Xmx2g', '-XX:+UseParallelGC', '-Xmn16m', '-cp', 'target/crystal-bus.jar', 'io.crystalbus.CrystalBus',
    'bench', 'window', name, '--rate', '0', '--warmup', `${warmup}s`, '--duration', `${window}s`, '--producers', '2', ...extra];
  const out = execFileSync('java', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = out.split('\n').find((l) => l.startsWith('WINDOW '));
  const w = JSON.parse(line.slice('WINDOW '.length));
  return { throughput: w.perSecond, cpu: w.cpuMicrosPerMessage };
}

function peer(runtime, payload) {
  const out = execFileSync(runtime, ['bench/peers/flow.js', payload, String(warmup), String(window)], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop());
  return { throughput: r.throughput_per_s, cpu: r.cpu_us_per_msg };
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = Object.fromEntries(contenders.map((c) => [c.name, []]));
for (let round = 1; round <= rounds; round++) {
  for (const c of contenders) {
    const r = c.run();
    results[c.name].push(r);
    console.log(`round ${round} ${c.name.padEnd(34)} ${Math.round(r.throughput).toLocaleString('en-US').padStart(10)} settlements/s  ${r.cpu.toFixed(2).padStart(7)} us CPU/settlement`);
  }
}
const medians = contenders.map((c) => ({
  name: c.name,
  throughput: median(results[c.name].map((r) => r.throughput)),
  cpu: median(results[c.name].map((r) => r.cpu)),
}));
const isPeer = (m) => !m.name.startsWith('crystal-bus') && !m.name.startsWith('floor');
const bestPeer = Math.max(...medians.filter(isPeer).map((m) => m.throughput));
const camelFloor = medians.find((m) => m.name === 'floor: plain Camel').throughput;
console.log(`\n| contender | settlements/s (median of ${rounds}) | CPU us/settlement | vs the best peer | vs the plain-Camel floor |`);
console.log('|---|---|---|---|---|');
for (const m of medians) {
  console.log(`| ${m.name} | ${Math.round(m.throughput).toLocaleString('en-US')} | ${m.cpu.toFixed(2)} | ${(m.throughput / bestPeer).toFixed(2)}x | ${(m.throughput / camelFloor).toFixed(2)}x |`);
}

// The settlement flow of crystal-bus on workers: main -> settlement -> (distributions) + (free-play ->) balance
// -> main. Usage: `bun flow.js <object|json> [warmupSeconds] [windowSeconds]` (Bun Web Workers) or
// `node flow.js <object|json> ...` (Node worker_threads). Prints one JSON line with the measured window.
// Latency is measured on the main thread's clock only (performance.timeOrigin + performance.now()): in Bun,
// process.hrtime() is not consistent across workers.

const payload = process.argv[2] ?? 'object';
const warmupSeconds = Number(process.argv[3] ?? 10);
const windowSeconds = Number(process.argv[4] ?? 10);
const runtime = typeof Bun !== 'undefined' ? 'bun' : 'node';
const IN_FLIGHT = 10_000; // crystal-bus's inbox size: the bound that gives backpressure
const CUSTOMERS = 10_000;
const OUTCOMES = ['WIN', 'LOSS', 'LOSS', 'PUSH', 'WIN', 'VOID'];

const now = () => performance.timeOrigin + performance.now();
const json = payload === 'json';

async function newWorker() {
  const url = new URL('./flow-worker.js', import.meta.url);
  if (runtime === 'bun') {
    return new Worker(url.href, { type: 'module' });
  }
  const threads = await import('node:worker_threads');
  return new threads.Worker(url);
}

const roles = ['settlement', 'freePlay', 'distributions', 'balance'];
// one MessageChannel per edge of the flow, sender to receiver, as crystal-bus's channels into the inboxes
const edges = [['main', 'settlement'], ['settlement', 'distributions'], ['settlement', 'freePlay'], ['settlement', 'balance'],
  ['freePlay', 'balance'], ['balance', 'main']];
const setups = Object.fromEntries(roles.map((role) => [role, { role, payload, inbound: [], ports: {} }]));
let toSettlement;
let fromBalance;
for (const [sender, receiver] of edges) {
  const channel = new MessageChannel();
  if (sender === 'main') {
    toSettlement = channel.port1;
  } else {
    setups[sender].ports[receiver === 'main' ? 'completed' : receiver] = channel.port1;
  }
  if (receiver === 'main') {
    fromBalance = channel.port2;
  } else {
    setups[receiver].inbound.push(channel.port2);
  }
}
const workers = [];
for (const role of roles) {
  const worker = await newWorker();
  const setup = setups[role];
  worker.postMessage(setup, [...setup.inbound, ...Object.values(setup.ports)]);
  workers.push(worker);
}

// the load: settled wagers at the maximum rate the in-flight bound allows
let sent = 0;
let done = 0;
let measuring = false;
let latencies = [];
let doneAtStart = 0;
fromBalance.onmessage = (event) => {
  const m = json ? JSON.parse(event.data) : event.data;
  done++;
  if (measuring) {
    latencies.push((now() - m.createdAt) * 1000);
  }
  if (sent - done < IN_FLIGHT / 2) {
    pump();
  }
};

function wager(i) {
  const outcome = OUTCOMES[i % OUTCOMES.length];
  return {
    id: 'wager:W-' + i, wagerId: 'W-' + i, customerId: 'C-' + ((i * 7919) % CUSTOMERS), agentId: 'A-' + (i % 20),
    currency: 'USD', stake: 1000, payout: outcome === 'WIN' ? 2500 : 0, outcome, freePlay: i % 10 === 0,
    settledAt: '2026-11-27T12:00:00Z', createdAt: now(),
  };
}

let pumping = false;
function pump() {
  if (pumping) {
    return;
  }
  pumping = true;
  while (sent - done < IN_FLIGHT) {
    const w = wager(sent++);
    toSettlement.postMessage(json ? JSON.stringify(w) : w);
  }
  pumping = false;
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100))];
}

pump();
await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
const cpuBefore = process.cpuUsage();
doneAtStart = done;
latencies = [];
measuring = true;
const start = now();
await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000));
measuring = false;
const seconds = (now() - start) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const completedInWindow = done - doneAtStart;
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({
  runtime, payload, completed: completedInWindow, seconds,
  throughput_per_s: Math.round(completedInWindow / seconds),
  cpu_us_per_msg: (cpu.user + cpu.system) / completedInWindow,
  p50_us: Math.round(percentile(latencies, 50)), p99_us: Math.round(percentile(latencies, 99)),
}));
for (const worker of workers) {
  worker.terminate();
}
process.exit(0);

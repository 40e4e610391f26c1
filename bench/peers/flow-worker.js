// One domain of the 4-hop settlement flow, in a worker: settlement, free-play, distributions or balance.
// Runs as a Bun Web Worker (self.onmessage, postMessage) or a Node worker_threads worker; the domains talk to
// each other over MessagePorts handed out by the main thread, as crystal-bus's domains talk over inboxes.

const isNode = typeof self === 'undefined' || typeof process !== 'undefined' && process.release?.name === 'node';
let role;
let json;
const ports = {};

function decode(message) {
  return json ? JSON.parse(message) : message;
}

function encode(message) {
  return json ? JSON.stringify(message) : message;
}

function send(target, message) {
  ports[target].postMessage(encode(message));
}

const COMMISSION_BPS = 500;
const applied = new Set();
const balances = new Map();
const accruals = new Map();

// the settlement rules of crystal-bus's SettlementRules: cash back per outcome, commission of the house's net
function settle(w) {
  const cash = w.outcome === 'WIN' ? (w.freePlay ? w.payout - w.stake : w.payout)
    : (w.outcome === 'PUSH' || w.outcome === 'VOID') ? (w.freePlay ? 0 : w.stake) : 0;
  const houseNet = (w.freePlay ? 0 : w.stake) - cash;
  const commission = Math.trunc(houseNet * COMMISSION_BPS / 10000);
  if (commission !== 0) {
    send('distributions', { id: w.id + '/commission', agentId: w.agentId, amount: commission, period: '2026-W48' });
  }
  const adjust = { id: w.id + '/balance', customerId: w.customerId, amount: cash, createdAt: w.createdAt, settles: w.wagerId };
  send(w.freePlay ? 'freePlay' : 'balance', adjust);
}

function handle(message) {
  const m = decode(message);
  switch (role) {
    case 'settlement':
      settle(m);
      break;
    case 'freePlay':
      send('balance', m);
      break;
    case 'distributions':
      if (!applied.has(m.id)) {
        applied.add(m.id);
        accruals.set(m.agentId, (accruals.get(m.agentId) ?? 0) + m.amount);
      }
      break;
    case 'balance':
      if (!applied.has(m.id)) {
        applied.add(m.id);
        balances.set(m.customerId, (balances.get(m.customerId) ?? 0) + m.amount);
        send('completed', { settles: m.settles, createdAt: m.createdAt });
      }
      break;
  }
}

function init(setup) {
  role = setup.role;
  json = setup.payload === 'json';
  for (const [name, port] of Object.entries(setup.ports)) {
    ports[name] = port;
  }
  for (const port of setup.inbound) {
    port.onmessage = (event) => handle(event.data);
  }
}

if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  parentPort.once('message', init);
} else {
  self.onmessage = (event) => init(event.data);
}

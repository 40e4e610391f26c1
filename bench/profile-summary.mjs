// Summarizes an async-profiler profile in collapsed form (one "thread;frame;...;frame count" line per stack, as
// written with `threads,collapsed`) into where the CPU went: each sample is charged to the category of the frame
// nearest its leaf that names one (a HashMap.put inside Camel's header map counts as headers, not as the JDK).
// Prints a Markdown table, largest share first. Usage: node bench/profile-summary.mjs profile.txt
import { readFileSync } from 'node:fs';

const categories = [
  ['thread hand-offs (park, unpark, futex)', /Unsafe\.(park|unpark)|futex|pthread_cond|LockSupport/],
  ['codec (Jackson: JSON, CBOR, YAML)', /com\/fasterxml\/jackson|org\/yaml\/snakeyaml/],
  ['exchanges and headers (copies, header maps)', /CaseInsensitiveMap|DefaultMessage\.(copyFrom|setHeader|getHeader)|AbstractExchange\.copy|DefaultExchange\.newCopy|ExchangeHelper\.createCorrelatedCopy/],
  ['domain logic and state', /io\/crystalbus\/(domain|store|batch)\//],
  ['metrics (Micrometer, HdrHistogram)', /micrometer|HdrHistogram/],
  ['crystal-bus adapters (envelope, rollout, wire codec)', /io\/crystalbus\//],
  ['SEDA queues', /camel\/component\/seda|BlockingQueue/],
  ['Camel routing engine', /org\/apache\/camel\//],
  ['HTTP (Vert.x, Netty)', /io\/vertx|io\/netty/],
];

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/profile-summary.mjs profile.txt');
  process.exit(2);
}
const totals = new Map();
let all = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const space = line.lastIndexOf(' ');
  if (space < 0) continue;
  const count = Number(line.slice(space + 1));
  const frames = line.slice(0, space).split(';');
  const thread = frames[0];
  let category;
  if (/GC Thread|G1 |ZGC|VM Thread/.test(thread)) category = 'garbage collector';
  else if (/CompilerThre/.test(thread)) category = 'JIT compiler';
  else {
    for (let i = frames.length - 1; i > 0 && !category; i--) {
      category = categories.find(([, pattern]) => pattern.test(frames[i]))?.[0];
    }
  }
  category ??= 'other (JVM, JDK)';
  totals.set(category, (totals.get(category) ?? 0) + count);
  all += count;
}
console.log(`| where the CPU went | share of ${all.toLocaleString('en-US')} samples |\n|---|---|`);
for (const [category, count] of [...totals].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${category} | ${(100 * count / all).toFixed(1)}% |`);
}

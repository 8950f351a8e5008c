// Writes the shipped eval set `core` (src/core/quality/sets/core.jsonl): items written for this
// project, every answer checkable by code and computed here, so each item's `reference` is right
// by construction. The committed JSONL is the source of truth (its sha256 is stored with every
// score); test/unit/quality/coreSet.test.ts checks it still equals this script's output.
// Run: node --import tsx scripts/coreEvalSet.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Line {
  id: string;
  category: string;
  prompt: string;
  match: 'exact' | 'number' | 'contains' | 'regex' | 'json_schema';
  expected: unknown;
  reference: string;
}

/** A small linear congruential generator: the same numbers on every run and platform. */
function numbers(seed: number) {
  let s = seed >>> 0;
  return (lo: number, hi: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + (s % (hi - lo + 1));
  };
}

const NUMBER_ONLY = 'Answer with the number only.';

function arithmetic(): Line[] {
  const r = numbers(19);
  const out: Line[] = [];
  const add = (prompt: string, value: number) =>
    out.push({
      id: `arith-${String(out.length + 1).padStart(3, '0')}`,
      category: 'arithmetic',
      prompt: `${prompt} ${NUMBER_ONLY}`,
      match: 'number',
      expected: value,
      reference: String(value),
    });
  for (let i = 0; i < 12; i++) {
    const a = r(100, 9999);
    const b = r(100, 9999);
    add(`What is ${a} + ${b}?`, a + b);
  }
  for (let i = 0; i < 10; i++) {
    const a = r(1000, 9999);
    const b = r(10, 999);
    add(`What is ${a} - ${b}?`, a - b);
  }
  for (let i = 0; i < 12; i++) {
    const a = r(12, 99);
    const b = r(12, 99);
    add(`What is ${a} × ${b}?`, a * b);
  }
  for (let i = 0; i < 8; i++) {
    const b = r(3, 25);
    const q = r(11, 99);
    add(`What is ${b * q} divided by ${b}?`, q);
  }
  for (let i = 0; i < 8; i++) {
    const p = [5, 10, 15, 20, 25, 40, 50, 75][i] ?? 10;
    const base = r(2, 40) * 20;
    add(`What is ${p} % of ${base}?`, (p * base) / 100);
  }
  for (let i = 0; i < 6; i++) {
    const a = r(2, 9);
    const b = r(2, 9);
    const c = r(2, 9);
    add(`Compute ${a} + ${b} × ${c} - ${a}, using the usual order of operations.`, b * c);
  }
  return out;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const iso = (d: Date) => d.toISOString().slice(0, 10);

function unitsAndDates(): Line[] {
  const r = numbers(23);
  const out: Line[] = [];
  const push = (l: Omit<Line, 'id' | 'category'>) =>
    out.push({
      id: `units-${String(out.length + 1).padStart(3, '0')}`,
      category: 'units_dates',
      ...l,
    });
  const conversions: [string, string, number][] = [
    ['kilometres', 'metres', 1000],
    ['metres', 'centimetres', 100],
    ['kilograms', 'grams', 1000],
    ['hours', 'minutes', 60],
    ['minutes', 'seconds', 60],
    ['days', 'hours', 24],
    ['litres', 'millilitres', 1000],
    ['feet', 'inches', 12],
    ['yards', 'feet', 3],
    ['weeks', 'days', 7],
  ];
  for (const [from, to, factor] of conversions) {
    for (let k = 0; k < 2; k++) {
      const v = r(2, 95);
      push({
        prompt: `Convert ${v} ${from} to ${to}. ${NUMBER_ONLY}`,
        match: 'number',
        expected: v * factor,
        reference: String(v * factor),
      });
    }
  }
  for (let k = 0; k < 5; k++) {
    const c = r(0, 20) * 5;
    const f = (c * 9) / 5 + 32;
    push({
      prompt: `Convert ${c} degrees Celsius to degrees Fahrenheit. ${NUMBER_ONLY}`,
      match: 'number',
      expected: f,
      reference: String(f),
    });
  }
  const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
  for (let k = 0; k < 8; k++) {
    const d = day(r(1990, 2030), r(1, 12), r(1, 28));
    const name = DAYS[d.getUTCDay()] ?? 'Sunday';
    push({
      prompt: `On which day of the week does ${iso(d)} fall? Answer with the day's name only.`,
      match: 'exact',
      expected: name,
      reference: name,
    });
  }
  for (let k = 0; k < 6; k++) {
    const a = day(r(2000, 2030), r(1, 12), r(1, 28));
    const n = r(3, 200);
    const b = new Date(a.getTime() + n * 86_400_000);
    push({
      prompt: `How many days are there from ${iso(a)} to ${iso(b)} (count the end date, not the start date)? ${NUMBER_ONLY}`,
      match: 'number',
      expected: n,
      reference: String(n),
    });
  }
  for (let k = 0; k < 6; k++) {
    const a = day(r(2000, 2030), r(1, 12), r(1, 28));
    const n = r(2, 90);
    const b = iso(new Date(a.getTime() + n * 86_400_000));
    push({
      prompt: `Which date is ${n} days after ${iso(a)}? Answer with the date only, as YYYY-MM-DD.`,
      match: 'regex',
      expected: `^\\D*${b}\\D*$`,
      reference: b,
    });
  }
  return out;
}

const TOPICS = [
  'the sea',
  'autumn',
  'a library',
  'coffee',
  'mountains',
  'a city at night',
  'rain',
  'bicycles',
];
const FILLER = [
  'calm',
  'quiet',
  'bright',
  'slow',
  'deep',
  'warm',
  'open',
  'soft',
  'clear',
  'wide',
  'green',
  'light',
];
const words = (n: number, first = 'It') =>
  [first, ...Array.from({ length: n - 1 }, (_, i) => FILLER[i % FILLER.length] ?? 'calm')].join(
    ' ',
  );

function instructions(): Line[] {
  const out: Line[] = [];
  const push = (l: Omit<Line, 'id' | 'category'>) =>
    out.push({
      id: `instr-${String(out.length + 1).padStart(3, '0')}`,
      category: 'instructions',
      ...l,
    });
  for (let k = 0; k < 10; k++) {
    const n = 3 + k;
    const topic = TOPICS[k % TOPICS.length] ?? 'rain';
    push({
      prompt: `Write exactly ${n} words about ${topic}. Output only those words, nothing else.`,
      match: 'regex',
      expected: `^\\s*(?:\\S+\\s+){${n - 1}}\\S+\\s*$`,
      reference: words(n),
    });
  }
  const pairs: [string, string][] = [
    ['river', 'water'],
    ['garden', 'flower'],
    ['orange', 'apple'],
    ['piano', 'music'],
    ['winter', 'snow'],
    ['bridge', 'car'],
    ['forest', 'tree'],
    ['candle', 'fire'],
    ['harbour', 'boat'],
    ['desert', 'sand'],
  ];
  for (const [required, forbidden] of pairs) {
    push({
      prompt: `Write one sentence that uses the word "${required}" and does not use the word "${forbidden}".`,
      match: 'regex',
      expected: `^(?![\\s\\S]*\\b${forbidden}\\b)[\\s\\S]*\\b${required}\\b`,
      reference: `The ${required} was there all along.`,
    });
  }
  const lists: [number, string][] = [
    [3, 'fruits'],
    [4, 'colours'],
    [5, 'animals'],
    [2, 'planets'],
    [6, 'countries'],
    [3, 'musical instruments'],
    [4, 'vegetables'],
    [5, 'programming languages'],
    [3, 'rivers'],
    [4, 'sports'],
  ];
  for (const [n, what] of lists) {
    push({
      prompt: `List exactly ${n} ${what}, one per line, each line starting with "- ". Output only the list.`,
      match: 'regex',
      expected: `^(?:- [^\\n]+\\n){${n - 1}}- [^\\n]+$`,
      reference: Array.from({ length: n }, (_, i) => `- item ${i + 1}`).join('\n'),
    });
  }
  for (let k = 0; k < 10; k++) {
    const value = 17 + k * 7;
    push({
      prompt: `Answer in JSON only, with no other text: an object whose single key "answer" holds the number ${value}.`,
      match: 'json_schema',
      expected: {
        type: 'object',
        properties: { answer: { const: value } },
        required: ['answer'],
        additionalProperties: false,
      },
      reference: JSON.stringify({ answer: value }),
    });
  }
  const mentions = ['teal', 'lighthouse', 'violin', 'granite', 'compass'];
  for (const word of mentions) {
    push({
      prompt: `Write one short sentence that mentions the word "${word}".`,
      match: 'contains',
      expected: word,
      reference: `I saw a ${word} today.`,
    });
  }
  const casing = ['HELLO WORLD', 'GOOD MORNING', 'OPEN SOURCE', 'LOCAL MODELS', 'FAST ANSWERS'];
  for (const phrase of casing) {
    push({
      prompt: `Repeat the phrase "${phrase.toLowerCase()}" in capital letters only, with nothing else.`,
      match: 'regex',
      expected: `^\\s*${phrase}\\s*$`,
      reference: phrase,
    });
  }
  return out;
}

const PEOPLE = [
  'Ada',
  'Alan',
  'Grace',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'John',
];
const CITIES = ['Lisbon', 'Oslo', 'Nairobi', 'Lima', 'Osaka', 'Quebec', 'Perth', 'Tunis'];

function jsonSchema(): Line[] {
  const r = numbers(29);
  const out: Line[] = [];
  const push = (l: Omit<Line, 'id' | 'category'>) =>
    out.push({
      id: `json-${String(out.length + 1).padStart(3, '0')}`,
      category: 'json_schema',
      ...l,
    });
  for (let k = 0; k < 10; k++) {
    const name = PEOPLE[k] ?? 'Ada';
    const age = r(18, 90);
    push({
      prompt: `Return only a JSON object with the keys "name" (a string) and "age" (an integer) for a person called ${name} who is ${age} years old.`,
      match: 'json_schema',
      expected: {
        type: 'object',
        properties: { name: { const: name }, age: { type: 'integer', const: age } },
        required: ['name', 'age'],
      },
      reference: JSON.stringify({ name, age }),
    });
  }
  for (let k = 0; k < 10; k++) {
    const n = r(2, 6);
    const start = r(1, 20);
    const values = Array.from({ length: n }, (_, i) => start + i);
    push({
      prompt: `Return only a JSON array of the ${n} consecutive integers starting at ${start}.`,
      match: 'json_schema',
      expected: {
        type: 'array',
        items: { type: 'integer', minimum: start, maximum: start + n - 1 },
        minItems: n,
        maxItems: n,
      },
      reference: JSON.stringify(values),
    });
  }
  for (let k = 0; k < 10; k++) {
    const city = CITIES[k % CITIES.length] ?? 'Oslo';
    const temp = r(-10, 35);
    push({
      prompt: `Return only a JSON object describing the weather: "city" is "${city}", "temperature_c" is ${temp}, and "unit" is the string "celsius".`,
      match: 'json_schema',
      expected: {
        type: 'object',
        properties: {
          city: { const: city },
          temperature_c: { type: 'number', const: temp },
          unit: { enum: ['celsius'] },
        },
        required: ['city', 'temperature_c', 'unit'],
      },
      reference: JSON.stringify({ city, temperature_c: temp, unit: 'celsius' }),
    });
  }
  for (let k = 0; k < 10; k++) {
    const sku = `SKU-${r(1000, 9999)}`;
    const qty = r(1, 50);
    push({
      prompt: `Return only a JSON object for an order line: "sku" is "${sku}", "quantity" is ${qty}, and "tags" is an array of one to three lowercase strings of your choice.`,
      match: 'json_schema',
      expected: {
        type: 'object',
        properties: {
          sku: { const: sku },
          quantity: { type: 'integer', const: qty },
          tags: {
            type: 'array',
            items: { type: 'string', pattern: '^[a-z]+$' },
            minItems: 1,
            maxItems: 3,
          },
        },
        required: ['sku', 'quantity', 'tags'],
        additionalProperties: false,
      },
      reference: JSON.stringify({ sku, quantity: qty, tags: ['stock'] }),
    });
  }
  return out;
}

function codeOutput(): Line[] {
  const r = numbers(31);
  const out: Line[] = [];
  const push = (prompt: string, value: string, match: 'number' | 'exact') =>
    out.push({
      id: `code-${String(out.length + 1).padStart(3, '0')}`,
      category: 'code_output',
      prompt: `What does this Python snippet print? Answer with the printed output only.\n\n${prompt}`,
      match,
      expected: match === 'number' ? Number(value) : value,
      reference: value,
    });
  for (let k = 0; k < 8; k++) {
    const n = r(5, 60);
    push(`print(sum(range(${n})))`, String((n * (n - 1)) / 2), 'number');
  }
  const strings = [
    'benchmark',
    'quantization',
    'ollama',
    'throughput',
    'latency',
    'tokenizer',
    'context',
    'inference',
  ];
  for (const s of strings) push(`print("${s}"[::-1])`, [...s].reverse().join(''), 'exact');
  for (let k = 0; k < 8; k++) {
    const xs = Array.from({ length: 6 }, () => r(1, 99));
    const i = r(0, 5);
    const sorted = [...xs].sort((a, b) => a - b);
    push(`xs = [${xs.join(', ')}]\nprint(sorted(xs)[${i}])`, String(sorted[i] ?? 0), 'number');
  }
  for (let k = 0; k < 8; k++) {
    const n = r(3, 9);
    const m = r(2, 5);
    let x = 1;
    for (let j = 0; j < n; j++) x = (x * m) % 97;
    push(`x = 1\nfor _ in range(${n}):\n    x = (x * ${m}) % 97\nprint(x)`, String(x), 'number');
  }
  for (let k = 0; k < 8; k++) {
    const s = strings[k] ?? 'ollama';
    const c = s[r(0, s.length - 1)] ?? 'a';
    const count = [...s].filter((ch) => ch === c).length;
    push(`print("${s}".count("${c}"))`, String(count), 'number');
  }
  return out;
}

const lines = [
  ...arithmetic(),
  ...unitsAndDates(),
  ...instructions(),
  ...jsonSchema(),
  ...codeOutput(),
];

/** The set's text, one item a line. */
export function coreSetText(): string {
  return lines
    .map((l) =>
      JSON.stringify({
        id: l.id,
        category: l.category,
        prompt: l.prompt,
        match: l.match,
        expected: l.expected,
        reference: l.reference,
      }),
    )
    .join('\n')
    .concat('\n');
}

if (require.main === module) {
  const target = join(__dirname, '..', 'src', 'core', 'quality', 'sets', 'core.jsonl');
  writeFileSync(target, coreSetText());
  process.stdout.write(`${lines.length} items → ${target}\n`);
}

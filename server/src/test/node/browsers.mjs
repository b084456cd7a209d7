// Headless Chromium pages for the Java browser tests, driven over stdin/stdout, one JSON object per line.
//   in:  {"id":1,"cmd":"open","page":"a","url":"http://..."}   a fresh browser (own profile) at url
//        {"id":2,"cmd":"eval","page":"a","expr":"tributary.state()"}   the value, promises awaited
//        {"id":3,"cmd":"reload","page":"a"}
//        {"id":4,"cmd":"close","page":"a"}
//   out: {"id":1,"ok":true,"result":...} or {"id":1,"ok":false,"error":"..."}
//        {"event":"ready"} once, and {"event":"console","page":"a","text":"..."} for page output.
// When stdin ends (the test finished or died), every browser is closed and the process exits.
// playwright-core is pinned to 1.61.1, the last release that runs on Node 18: Debian bookworm's nodejs,
// which ./tributary test installs when node is missing, is 18 (1.62 and later need Node 20).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';

const EXECUTABLE = process.env.TRIBUTARY_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

const pages = new Map(); // name -> { context, page, dir }

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function browser(name) {
  const entry = pages.get(name);
  if (!entry) throw new Error(`no page "${name}"`);
  return entry;
}

async function open(name, url) {
  if (pages.has(name)) throw new Error(`page "${name}" is already open`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, { executablePath: EXECUTABLE, headless: true, args: ARGS });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? await context.newPage();
  pages.set(name, { context, page, dir });
  page.on('console', (m) => send({ event: 'console', page: name, text: `${m.type()}: ${m.text()}` }));
  page.on('pageerror', (e) => send({ event: 'console', page: name, text: `pageerror: ${e.message}` }));
  await page.goto(url);
  return null;
}

async function close(name) {
  const { context, dir } = browser(name);
  pages.delete(name);
  try {
    await context.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return null;
}

const COMMANDS = {
  open: ({ page, url }) => open(page, url),
  eval: ({ page, expr }) => browser(page).page.evaluate(expr),
  reload: async ({ page }) => {
    await browser(page).page.reload();
    return null;
  },
  close: ({ page }) => close(page),
};

async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
    const command = COMMANDS[request.cmd];
    if (!command) throw new Error(`unknown command "${request.cmd}"`);
    const result = await command(request);
    send({ id: request.id, ok: true, result: result ?? null });
  } catch (error) {
    send({ id: request?.id ?? null, ok: false, error: String(error?.message ?? error) });
  }
}

async function shutdown() {
  await Promise.allSettled([...pages.keys()].map(close));
  process.exit(0);
}

// Commands run concurrently: the test may open several browsers at once.
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim()) handle(line);
}).on('close', shutdown);
process.on('SIGTERM', shutdown);
send({ event: 'ready' });

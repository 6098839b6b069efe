#!/usr/bin/env node
// Browser test of the lenet page: node browser-test.js URL [options]
//
// Drives Debian's Chromium headless through the DevTools protocol over a pipe
// (--remote-debugging-pipe: the browser reads commands on its file descriptor 3 and
// writes answers and events on 4, each a JSON text ended by a NUL byte), so it needs
// Node 20 and nothing from npm.  It checks that the page loads without errors or
// outside requests, classifies a digit drawn through the page's own code, draws with
// the mouse and a finger, loads a sample, switches networks, renders at laptop and
// phone widths, and writes screenshots that it decodes to check they are not blank.
// It times /api/forward as the page makes it.  Exit status 0: all passed; 1: a check
// failed (the message says which); 2: bad usage.  Chromium is killed on every exit path.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");

const USAGE = `usage: node browser-test.js URL [options]
  --chromium PATH     browser to drive (/usr/bin/chromium)
  --screenshot FILE   where to write the laptop-width screenshot (screenshot.png);
                      the phone-width one goes beside it, as FILE-phone.png
  --timeout S         give up after S seconds in all (90)
  --rounds N          forward requests to time (30)
  --max-ms MS         fail if the median time from a drawing's change to its picture
                      on the page exceeds MS (no limit; use 100 for the C server)
  --expect-labels     fail if a sample digit is not classified as its label
                      (for trained weights, not for the mock)
  --dump PREFIX       write the drawn 3 as the page sent it (PREFIX.pgm, dark ink on
                      white) and the page's answer for it (PREFIX.json)
  --show-browser-log  print Chromium's own stderr at the end`;

function parseArgs(argv) {
  const o = { chromium: "/usr/bin/chromium", screenshot: "screenshot.png", timeout: 90,
              rounds: 30, maxMs: null, expectLabels: false, showLog: false, url: null,
              dump: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], next = () => {
      if (i + 1 >= argv.length) usage(a + " needs a value");
      return argv[++i];
    };
    if (a === "--chromium") o.chromium = next();
    else if (a === "--screenshot") o.screenshot = next();
    else if (a === "--timeout") o.timeout = Number(next());
    else if (a === "--rounds") o.rounds = Number(next());
    else if (a === "--max-ms") o.maxMs = Number(next());
    else if (a === "--expect-labels") o.expectLabels = true;
    else if (a === "--show-browser-log") o.showLog = true;
    else if (a === "--dump") o.dump = next();
    else if (a === "-h" || a === "--help") { console.log(USAGE); process.exit(0); }
    else if (a.startsWith("-")) usage("unknown option " + a);
    else if (o.url) usage("one URL only");
    else o.url = a;
  }
  if (!o.url) usage("give the server's URL, e.g. http://127.0.0.1:8080/");
  if (!/^https?:\/\//.test(o.url)) usage("URL must start with http:// or https://");
  if (!(o.timeout > 0) || !(o.rounds >= 1)) usage("--timeout and --rounds must be positive");
  return o;
}
function usage(msg) {
  console.error("browser-test: " + msg + "\n" + USAGE);
  process.exit(2);
}

class TestFailure extends Error {}
function check(cond, msg) {
  if (!cond) throw new TestFailure(msg);
}

// ---------------------------------------------------------------- the browser's lifetime

const browser = { child: null, pid: null, profile: null, stderr: [], exited: null };

function launch(exe) {
  check(fs.existsSync(exe), exe + " not found (apt-get install -y --no-install-recommends chromium)");
  browser.profile = fs.mkdtempSync(path.join(os.tmpdir(), "lenet-browser-test-"));
  const args = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-breakpad", "--disable-crash-reporter", "--mute-audio", "--hide-scrollbars",
    "--no-default-browser-check", "--password-store=basic",
    "--user-data-dir=" + browser.profile, "--remote-debugging-pipe", "about:blank"
  ];
  // detached: the browser leads a new process group, which we kill as a whole.
  const child = spawn(exe, args, { detached: true, stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
  browser.child = child;
  browser.pid = child.pid;
  browser.exited = new Promise((resolve) => child.on("exit", (code, sig) => resolve({ code, sig })));
  child.stderr.on("data", (d) => {
    browser.stderr.push(d.toString());
    if (browser.stderr.length > 200) browser.stderr.shift();
  });
  child.on("error", (e) => { browser.launchError = e; });
  return child;
}

// Processes that are ours: in the browser's process group, or naming our profile
// directory (helpers such as the crash handler may leave the group).
function leftovers() {
  const found = [];
  if (!browser.pid) return found;
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      const stat = fs.readFileSync("/proc/" + d + "/stat", "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;                       // a zombie is already dead
      const pgid = Number(fields[2]);
      const cmd = fs.readFileSync("/proc/" + d + "/cmdline", "utf8");
      if (pgid === browser.pid || (browser.profile && cmd.includes(browser.profile)))
        found.push(Number(d));
    } catch (e) { /* gone meanwhile */ }
  }
  return found;
}

function killAllSync() {
  if (!browser.pid) return;
  try { process.kill(-browser.pid, "SIGKILL"); } catch (e) { /* already gone */ }
  for (const pid of leftovers()) {
    try { process.kill(pid, "SIGKILL"); } catch (e) { /* gone */ }
  }
}

function removeProfile() {
  if (browser.profile) {
    try { fs.rmSync(browser.profile, { recursive: true, force: true }); } catch (e) { /* best effort */ }
    browser.profile = null;
  }
}

async function shutdown(cdp) {
  if (!browser.pid) return;
  if (cdp && !cdp.closed) {
    try { await cdp.send("Browser.close", {}, null, 3000); } catch (e) { /* kill below */ }
  }
  const timeout = new Promise((r) => setTimeout(r, 3000));
  await Promise.race([browser.exited, timeout]);
  killAllSync();
  for (let i = 0; i < 50 && leftovers().length; i++) await new Promise((r) => setTimeout(r, 100));
  const left = leftovers();
  removeProfile();
  browser.pid = null;
  return left;
}

process.on("exit", () => { killAllSync(); removeProfile(); });
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error("browser-test: interrupted by " + sig);
    killAllSync();
    removeProfile();
    process.exit(1);
  });
}

// ---------------------------------------------------------------- DevTools protocol over a pipe

class Cdp {
  constructor(child) {
    this.out = child.stdio[3];
    this.in = child.stdio[4];
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.closed = false;
    let buf = Buffer.alloc(0);
    this.in.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let nul;
      while ((nul = buf.indexOf(0)) >= 0) {
        const text = buf.subarray(0, nul).toString("utf8");
        buf = buf.subarray(nul + 1);
        this.dispatch(JSON.parse(text));
      }
    });
    this.in.on("close", () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new TestFailure("Chromium closed the DevTools pipe"));
      this.pending.clear();
    });
    this.out.on("error", () => { /* seen as a closed pipe */ });
  }
  dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new TestFailure(p.method + ": " + msg.error.message));
      else p.resolve(msg.result);
    } else {
      for (const l of this.listeners.slice()) l(msg);
    }
  }
  send(method, params = {}, sessionId = null, timeoutMs = 15000) {
    if (this.closed) return Promise.reject(new TestFailure("DevTools pipe is closed"));
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TestFailure(method + ": no answer from Chromium in " + timeoutMs + " ms"));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method });
      this.out.write(JSON.stringify(msg) + "\0");
    });
  }
  on(fn) { this.listeners.push(fn); }
  waitFor(pred, what, timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
      const l = (msg) => {
        if (pred(msg)) { done(); resolve(msg); }
      };
      const timer = setTimeout(() => { done(); reject(new TestFailure("timed out waiting for " + what)); }, timeoutMs);
      const done = () => { clearTimeout(timer); this.listeners = this.listeners.filter((x) => x !== l); };
      this.listeners.push(l);
    });
  }
}

// A page: one attached target, with helpers to run code in it.
class Page {
  constructor(cdp, sessionId) { this.cdp = cdp; this.sid = sessionId; }
  send(method, params, timeoutMs) { return this.cdp.send(method, params, this.sid, timeoutMs); }
  async eval(expression, timeoutMs = 15000) {
    const r = await this.send("Runtime.evaluate",
      { expression, awaitPromise: true, returnByValue: true, userGesture: true }, timeoutMs);
    if (r.exceptionDetails) {
      const ex = r.exceptionDetails;
      throw new TestFailure("in the page: " + ((ex.exception && ex.exception.description) || ex.text) +
                            "\n  evaluating: " + expression.slice(0, 200));
    }
    return r.result.value;
  }
  async until(expression, what, timeoutMs = 10000) {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs) {
      if (await this.eval(expression)) return;
      await sleep(50);
    }
    throw new TestFailure("timed out after " + timeoutMs + " ms waiting for " + what);
  }
  async center(selector) {
    const r = await this.eval(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
      if (!e) return null; e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();
      return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}; })()`);
    check(r, "no element matches " + selector);
    return r;
  }
  async click(selector) {
    const { x, y } = await this.center(selector);
    for (const type of ["mousePressed", "mouseReleased"])
      await this.send("Input.dispatchMouseEvent", { type, x, y, button: "left", buttons: type === "mousePressed" ? 1 : 0, clickCount: 1 });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- PNG decoding (zlib only)

function decodePng(buf) {
  check(buf.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])), "screenshot is not a PNG");
  let pos = 8, width, height, depth, ctype, interlace;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString("latin1", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      depth = data[8]; ctype = data[9]; interlace = data[12];
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  check(depth === 8 && (ctype === 2 || ctype === 6) && interlace === 0,
        `screenshot PNG has a layout this decoder does not read (depth ${depth}, colour type ${ctype})`);
  const bpp = ctype === 6 ? 4 : 3, stride = width * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], src = y * (stride + 1) + 1, dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i];
      const a = i >= bpp ? px[dst + i - bpp] : 0;
      const b = y > 0 ? px[dst - stride + i] : 0;
      const c = i >= bpp && y > 0 ? px[dst - stride + i - bpp] : 0;
      let v;
      if (f === 0) v = x;
      else if (f === 1) v = x + a;
      else if (f === 2) v = x + b;
      else if (f === 3) v = x + ((a + b) >> 1);
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new TestFailure("screenshot PNG: bad filter type " + f);
      px[dst + i] = v & 255;
    }
  }
  return { width, height, bpp, px };
}

// Not blank: many colours, and a good part of the picture differs from its commonest colour.
function checkNotBlank(file, png, minWidth) {
  const counts = new Map();
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const o = i * png.bpp, c = (png.px[o] << 16) | (png.px[o + 1] << 8) | png.px[o + 2];
    counts.set(c, (counts.get(c) || 0) + 1);
  }
  const commonest = Math.max(...counts.values());
  const inked = 1 - commonest / n;
  check(png.width >= minWidth, `${file}: ${png.width} pixels wide, expected at least ${minWidth}`);
  check(counts.size >= 64, `${file}: only ${counts.size} distinct colours: looks blank`);
  check(inked >= 0.05, `${file}: ${(100 * inked).toFixed(1)}% of pixels differ from the background: looks blank`);
  return `${png.width}x${png.height}, ${counts.size} colours, ${(100 * inked).toFixed(0)}% not background`;
}

// ---------------------------------------------------------------- test digits

// A digit drawn with thick strokes on a size x size grid (0 background, 255 ink).
function strokeDigit(size, strokes, width) {
  const px = new Array(size * size).fill(0);
  const segs = [];
  for (const s of strokes)
    for (let i = 1; i < s.length; i++) segs.push([s[i - 1].map((v) => v * size), s[i].map((v) => v * size)]);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let d = Infinity;
      for (const [[ax, ay], [bx, by]] of segs) {
        const dx = bx - ax, dy = by - ay;
        const t = Math.max(0, Math.min(1, ((x + 0.5 - ax) * dx + (y + 0.5 - ay) * dy) / (dx * dx + dy * dy || 1)));
        d = Math.min(d, Math.hypot(x + 0.5 - ax - t * dx, y + 0.5 - ay - t * dy));
      }
      px[y * size + x] = Math.max(0, Math.min(255, Math.round(255 * (width / 2 - d + 0.5))));
    }
  return px;
}
const THREE = [[[0.3, 0.25], [0.45, 0.18], [0.62, 0.2], [0.68, 0.32], [0.5, 0.47], [0.7, 0.6], [0.66, 0.78], [0.45, 0.83], [0.3, 0.76]]];
const SEVEN = [[[0.3, 0.2], [0.7, 0.2], [0.45, 0.82]]];

function median(a) {
  const s = a.slice().sort((x, y) => x - y);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}
function quantile(a, q) {
  const s = a.slice().sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
}

// ---------------------------------------------------------------- the checks

// The stages of net_stages (lenet.nw, "A digit's journey"), in forward order.
const EXPECTED_LAYERS = {
  lenet5: [["c1", [6, 28, 28]], ["s2", [6, 14, 14]], ["c3", [16, 10, 10]], ["s4", [16, 5, 5]],
           ["c5", [120, 1, 1]], ["f6", [84, 1, 1]]],
  dsc: [["c1.depthwise", [1, 28, 28]], ["c1", [6, 28, 28]], ["s2", [6, 14, 14]],
        ["c3", [16, 10, 10]], ["s4", [16, 5, 5]], ["c5", [120, 1, 1]], ["f6", [84, 1, 1]]]
};

function checkResult(r, net, what) {
  check(r && typeof r === "object", what + ": no result on the page");
  check(r.net === net, `${what}: result is for network ${r.net}, expected ${net}`);
  check(Array.isArray(r.input) && r.input.length === 784 && r.input.every((v) => Number.isInteger(v) && v >= 0 && v <= 255),
        what + ": input is not 784 integers 0..255");
  check(r.input.some((v) => v > 0), what + ": the normalised input is empty");
  check(Array.isArray(r.probs) && r.probs.length === 10, what + ": probs is not 10 numbers");
  const sum = r.probs.reduce((a, b) => a + b, 0);
  check(Math.abs(sum - 1) < 2e-3, `${what}: probabilities sum to ${sum}`);
  const arg = r.probs.indexOf(Math.max(...r.probs));
  check(r.digit === arg, `${what}: digit ${r.digit} is not the argmax ${arg} of probs`);
  const names = r.layers.map((l) => l.name + ":" + l.shape.join("x")).join(" ");
  const want = EXPECTED_LAYERS[net].map(([n, s]) => n + ":" + s.join("x")).join(" ");
  check(names === want, `${what}: layers are\n    ${names}\n  expected\n    ${want}`);
}

// In the page: for each layer row, the number of canvases, how many are painted (fully
// opaque) and how many show more than one colour.
const CANVAS_REPORT = `(() => [...document.querySelectorAll("#layers .layer")].map((row) => {
  const cs = [...row.querySelectorAll("canvas")];
  let painted = 0, varied = 0;
  for (const c of cs) {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let opaque = true, first = -1, many = false;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] !== 255) opaque = false;
      const v = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      if (first < 0) first = v; else if (v !== first) many = true;
    }
    painted += opaque; varied += many;
  }
  const r = row.getBoundingClientRect();
  return { name: row.dataset.layer, canvases: cs.length, painted, varied, visible: r.width > 0 && r.height > 0 };
}))()`;

function checkCanvases(report, r, what) {
  check(report.length === r.layers.length, `${what}: ${report.length} layer rows on the page for ${r.layers.length} layers`);
  report.forEach((row, i) => {
    const l = r.layers[i];
    const vector = l.shape.length === 1 || (l.shape[1] === 1 && l.shape[2] === 1);
    const want = vector ? 1 : l.shape[0];
    check(row.name === l.name, `${what}: row ${i} shows ${row.name}, expected ${l.name}`);
    check(row.visible, `${what}: row ${l.name} is not visible`);
    check(row.canvases === want, `${what}: ${l.name} has ${row.canvases} pictures, expected ${want}`);
    check(row.painted === want, `${what}: ${l.name}: only ${row.painted} of ${want} pictures are drawn`);
    check(row.varied > 0 || l.min === l.max, `${what}: every picture of ${l.name} is one flat colour`);
  });
}

async function run(opts, log) {
  const origin = new URL(opts.url).origin;
  const child = launch(opts.chromium);
  await new Promise((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (e) => reject(new TestFailure("cannot start " + opts.chromium + ": " + e.message)));
  });
  const cdp = new Cdp(child);
  browser.cdp = cdp;
  const version = await cdp.send("Browser.getVersion");
  log(`Chromium ${version.product} (pid ${browser.pid}), over --remote-debugging-pipe`);

  const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
  const page = new Page(cdp, sessionId);

  // Everything the page does wrong is collected and fails the test at the next check.
  const problems = [], requests = [];
  let docHeaders = null;
  cdp.on((m) => {
    if (m.sessionId !== sessionId) return;
    const p = m.params;
    if (m.method === "Runtime.exceptionThrown")
      problems.push("uncaught exception: " + ((p.exceptionDetails.exception && p.exceptionDetails.exception.description) || p.exceptionDetails.text));
    else if (m.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert"))
      problems.push("console." + p.type + ": " + p.args.map((a) => a.value !== undefined ? a.value : a.description).join(" "));
    else if (m.method === "Log.entryAdded" && p.entry.level === "error" && !/status of 4\d\d/.test(p.entry.text))
      problems.push("browser log: " + p.entry.text);
    else if (m.method === "Network.requestWillBeSent") requests.push(p.request.url);
    else if (m.method === "Network.responseReceived" && p.type === "Document") docHeaders = p.response.headers;
    else if (m.method === "Inspector.targetCrashed") problems.push("the page crashed");
  });
  const noProblems = (when) => check(problems.length === 0, when + ":\n  " + problems.join("\n  "));

  for (const domain of ["Page", "Runtime", "Network", "Log"]) await page.send(domain + ".enable");
  const laptop = { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false };
  await page.send("Emulation.setDeviceMetricsOverride", laptop);

  // 1. The page loads and finds its networks and samples.
  const t0 = Date.now();
  const loaded = cdp.waitFor((m) => m.sessionId === sessionId && m.method === "Page.loadEventFired", "the page's load event");
  const nav = await page.send("Page.navigate", { url: opts.url });
  check(!nav.errorText, "cannot load " + opts.url + ": " + nav.errorText);
  await loaded;
  await page.until("!!(window.lenetTest && lenetTest.ready())", "lenetTest.ready()");
  await page.eval("lenetTest.settle()");
  const nets = await page.eval("lenetTest.networks()");
  check(nets.length >= 1 && nets.every((n) => n in EXPECTED_LAYERS), "unexpected networks: " + JSON.stringify(nets));
  noProblems("while loading");
  const headers = Object.fromEntries(Object.entries(docHeaders || {}).map(([k, v]) => [k.toLowerCase(), v]));
  check(/^text\/html/.test(headers["content-type"] || ""), "GET / is not text/html: " + headers["content-type"]);
  log(`page ready in ${Date.now() - t0} ms; networks ${nets.join(", ")}; ` +
      `Content-Security-Policy ${headers["content-security-policy"] ? "sent" : "NOT sent (API.md asks for it)"}`);
  const first = await page.eval("lenetTest.lastResult()");
  check(first, "the page did not classify its first sample on load");
  checkResult(first, nets[0], "first sample, on load");

  // 2. A test digit drawn by the page's own code.
  const three = strokeDigit(140, THREE, 14);
  await page.eval(`lenetTest.clear(), lenetTest.drawPixels(140, 140, ${JSON.stringify(three)}), lenetTest.settle()`);
  let r = await page.eval("lenetTest.lastResult()");
  checkResult(r, nets[0], "drawn 3");
  let report = await page.eval(CANVAS_REPORT);
  checkCanvases(report, r, "drawn 3");
  log(`drawn 3 -> ${r.digit} (p=${r.probs[r.digit].toFixed(3)}); pictures per layer: ` +
      report.map((x) => `${x.name} ${x.painted}`).join(", "));
  if (opts.dump) {
    const d = await page.eval("lenetTest.lastDrawing()");
    check(d && d.pixels.length === d.width * d.height, "the page kept no drawing to dump");
    const head = Buffer.from(`P5\n${d.width} ${d.height}\n255\n`, "latin1");
    fs.writeFileSync(opts.dump + ".pgm", Buffer.concat([head, Buffer.from(d.pixels.map((v) => 255 - v))]));
    fs.writeFileSync(opts.dump + ".json", JSON.stringify(r));
    log(`the drawing sent and the page's answer: ${opts.dump}.pgm, ${opts.dump}.json`);
  }
  const shown = await page.eval(`document.getElementById("answer-digit").textContent`);
  check(shown === String(r.digit), `the page shows ${shown} as the answer, the result says ${r.digit}`);

  // 3. Clear empties the page.
  await page.click("#clear");
  await page.eval("lenetTest.settle()");
  check(await page.eval("lenetTest.lastResult() === null"), "Clear left a result on the page");
  check(await page.eval(`document.querySelectorAll("#layers canvas").length === 0`), "Clear left layer pictures");

  // 4. Drawing with the mouse: a 7 in two strokes of many small moves.
  const box = await page.center("#pad");
  const at = (fx, fy) => ({ x: box.x + (fx - 0.5) * box.w, y: box.y + (fy - 0.5) * box.h });
  const before = await page.eval("lenetTest.stats().requests");
  let moves = 0;
  for (const stroke of SEVEN) {
    const p0 = at(...stroke[0]);
    await page.send("Input.dispatchMouseEvent", { type: "mousePressed", ...p0, button: "left", buttons: 1, clickCount: 1 });
    for (let i = 1; i < stroke.length; i++) {
      const [ax, ay] = stroke[i - 1], [bx, by] = stroke[i];
      for (let s = 1; s <= 20; s++) {
        const p = at(ax + (bx - ax) * s / 20, ay + (by - ay) * s / 20);
        await page.send("Input.dispatchMouseEvent", { type: "mouseMoved", ...p, button: "left", buttons: 1 });
        moves++;
      }
    }
    await page.send("Input.dispatchMouseEvent", { type: "mouseReleased", ...at(...stroke[stroke.length - 1]), button: "left", buttons: 0, clickCount: 1 });
  }
  await page.eval("lenetTest.settle()");
  r = await page.eval("lenetTest.lastResult()");
  checkResult(r, nets[0], "mouse-drawn 7");
  const st = await page.eval("lenetTest.stats()");
  check(st.maxInFlight === 1, `the page had ${st.maxInFlight} requests in flight at once`);
  log(`mouse-drawn 7 -> ${r.digit}; ${moves} pointer moves made ${st.requests - before} requests, never more than one in flight`);

  // 5. Drawing with a finger (touch events become pointer events on the canvas).
  await page.eval("lenetTest.clear()");
  const touch = async (type, pts) => page.send("Input.dispatchTouchEvent", { type, touchPoints: pts.map((p) => ({ ...p, id: 1 })) });
  await touch("touchStart", [at(0.5, 0.2)]);
  for (let s = 1; s <= 30; s++) await touch("touchMove", [at(0.5, 0.2 + 0.6 * s / 30)]);
  await touch("touchEnd", []);
  await page.eval("lenetTest.settle()");
  r = await page.eval("lenetTest.lastResult()");
  checkResult(r, nets[0], "finger-drawn 1");
  log(`finger-drawn 1 -> ${r.digit}`);

  // 6. A sample digit, clicked like a user would.
  await page.eval("lenetTest.clear()");
  await page.click("#samples .sample:nth-child(2)");
  await page.eval("lenetTest.settle()");
  r = await page.eval("lenetTest.lastResult()");
  checkResult(r, nets[0], "sample");
  const sample = await page.eval(`fetch("/api/sample/" + document.querySelector("#samples .sample:nth-child(2)").dataset.k).then((x) => x.json())`);
  const corr = correlation(sample.pixels, r.input);
  check(corr > 0.8, `the input the network saw is not the sample (correlation ${corr.toFixed(2)})`);
  if (opts.expectLabels) check(r.digit === sample.label, `sample of a ${sample.label} classified as ${r.digit}`);
  log(`sample (a ${sample.label}) -> ${r.digit}; network input vs sample: correlation ${corr.toFixed(3)}`);

  // 7. The network switch.
  const switchShown = await page.eval(`!document.getElementById("switch").hidden`);
  if (nets.length > 1) {
    check(switchShown, "two networks loaded but the switch is hidden");
    for (const net of [nets[1], nets[0]]) {
      await page.click(`#switch input[value="${net}"] + span`);
      await page.eval("lenetTest.settle()");
      r = await page.eval("lenetTest.lastResult()");
      checkResult(r, net, "after switching to " + net);
      report = await page.eval(CANVAS_REPORT);
      checkCanvases(report, r, "after switching to " + net);
      log(`switched to ${net}: ${r.layers.length} layers drawn, answer ${r.digit}`);
    }
  } else {
    check(!switchShown, "one network loaded but the switch is shown");
    log("one network loaded: the switch is hidden");
  }
  noProblems("while drawing");

  // 8. Timing: forward requests as the page makes them, one per changed drawing.
  await page.eval("lenetTest.clear()");
  const firstTiming = (await page.eval("lenetTest.stats()")).timings.length;
  for (let i = 0; i < opts.rounds; i++) {
    const jitter = [[[0.3 + 0.002 * i, 0.2], [0.7, 0.2 + 0.002 * i], [0.45, 0.82]]];
    const px = strokeDigit(70, i % 2 ? jitter : THREE, 7);
    await page.eval(`lenetTest.drawPixels(70, 70, ${JSON.stringify(px)}), lenetTest.settle()`);
  }
  const timings = (await page.eval("lenetTest.stats()")).timings.slice(firstTiming);
  check(timings.length >= opts.rounds, `only ${timings.length} answers for ${opts.rounds} drawings`);
  const rtt = timings.map((t) => t.rtt), lat = timings.map((t) => t.latency).filter((x) => x !== null);
  const render = timings.map((t) => t.render + t.parse);
  const f = (x) => x.toFixed(1);
  log(`POST /api/forward as the page makes it (${timings.length} requests, ${timings[0].sent} bytes up, ` +
      `${timings[0].received} down): round trip median ${f(median(rtt))} ms, 90% ${f(quantile(rtt, 0.9))}, ` +
      `max ${f(Math.max(...rtt))}; drawing the answer median ${f(median(render))} ms; ` +
      `change to picture median ${f(median(lat))} ms, max ${f(Math.max(...lat))}`);
  if (opts.maxMs !== null)
    check(median(lat) <= opts.maxMs, `median time from a change to its picture ${f(median(lat))} ms exceeds ${opts.maxMs} ms`);

  // 9. No request left the page's own server.
  const outside = requests.filter((u) => !u.startsWith(origin + "/") && !/^(data|blob|about):/.test(u));
  check(outside.length === 0, "the page fetched from elsewhere: " + outside.slice(0, 5).join(", "));

  // 10. Screenshots at laptop width (of the last network, the one with more layers) and
  // phone width (of the first), decoded and checked not blank.
  await page.eval("lenetTest.clear()");
  await page.click("#samples .sample:nth-child(1)");
  await page.eval("lenetTest.settle()");
  const shots = [];
  for (const [file, metrics, minWidth, net] of [
    [opts.screenshot, laptop, 1280, nets[nets.length - 1]],
    [opts.screenshot.replace(/(\.png)?$/i, "-phone.png"), { width: 390, height: 844, deviceScaleFactor: 2, mobile: true }, 780, nets[0]]
  ]) {
    await page.eval(`lenetTest.setNet(${JSON.stringify(net)}), lenetTest.settle()`);
    check((await page.eval("lenetTest.lastResult().net")) === net, "the screenshot would not show " + net);
    await page.send("Emulation.setDeviceMetricsOverride", metrics);
    await page.eval("window.scrollTo(0, 0), new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
    const overflow = await page.eval("document.documentElement.scrollWidth - window.innerWidth");
    check(overflow <= 0, `at ${metrics.width} px wide the page is ${overflow} px too wide (horizontal scrolling)`);
    const m = await page.send("Page.getLayoutMetrics");
    const size = m.cssContentSize || m.contentSize;
    const shot = await page.send("Page.captureScreenshot", {
      format: "png", captureBeyondViewport: true,
      clip: { x: 0, y: 0, width: metrics.width, height: Math.ceil(size.height), scale: 1 }
    }, 30000);
    const png = Buffer.from(shot.data, "base64");
    fs.writeFileSync(file, png);
    shots.push(`${file} (${checkNotBlank(file, decodePng(png), minWidth)})`);
  }
  log("screenshots: " + shots.join("; "));
  noProblems("at the end");

  const left = await shutdown(cdp);
  check(left.length === 0, "Chromium processes left behind: " + left.join(" "));
  log("Chromium closed; no process left behind");
}

function correlation(a, b) {
  const n = a.length, ma = a.reduce((s, v) => s + v, 0) / n, mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb || 1);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
  let timer;
  const overall = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TestFailure(`the whole test took more than ${opts.timeout} s`)), opts.timeout * 1000);
  });
  let status = 0;
  try {
    await Promise.race([run(opts, log), overall]);
    console.log("browser-test: PASS");
  } catch (e) {
    status = 1;
    console.error("browser-test: FAIL: " + (e instanceof TestFailure ? e.message : e.stack || e));
    if (browser.launchError) console.error("  (launching Chromium: " + browser.launchError.message + ")");
  } finally {
    clearTimeout(timer);
    const left = await shutdown(browser.cdp).catch(() => []);
    if (left && left.length) {
      console.error("browser-test: FAIL: Chromium processes left behind: " + left.join(" "));
      status = 1;
    }
    if (opts.showLog || status) {
      // Without a D-Bus, Chromium complains about it at length: not our problem.
      const tail = browser.stderr.join("").trim().split("\n")
        .filter((l) => l && !/dbus|DBus|UPower/.test(l)).slice(-15).join("\n  ");
      if (tail) console.error("Chromium's stderr (last lines):\n  " + tail);
    }
  }
  process.exit(status);
}

main();

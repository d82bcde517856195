// One pass of the in-host suite: a VS Code server on a loopback port, its web workbench in
// headless Chromium, the extension under test loaded as the development extension and the
// bundled suite as its tests module. Resolves with the suite's results; never hangs (every
// wait is on an event with a deadline).
import { existsSync, mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { openChannel } from './channel.mjs';
import { spawnTracked, stopChild, onCleanup } from './processes.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--disable-breakpad', '--disable-crash-reporter'];

export const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
  'window.zoomLevel': 0,
  'editor.minimap.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * @param {object} options
 * @param {string} options.label          "dev" or "vsix": prefixes the test names
 * @param {string} options.vscodeDir      the VS Code server folder
 * @param {string} options.extensionPath  the extension folder to load as development extension
 * @param {string} options.testsPath      folder holding the bundled suite (index.js)
 * @param {string} options.workspace      folder opened in the workbench
 * @param {string} options.tempRoot       scratch folder for this pass
 * @param {string} options.screenshotDir  where PNGs go
 * @param {number} options.timeoutMs      overall deadline for the pass
 * @param {(line: string) => void} options.print
 * @param {object} [options.userSettings]  merged into the user settings (the web pass moves the extension to the web worker host)
 * @param {Function} [options.openChannel] how the suite reports (default: the loopback socket; the web worker suite uses HTTP)
 * @param {(port: number) => Promise<void>} [options.onChannel] runs once the channel listens, before VS Code starts
 * @param {number} [options.startTimeoutMs] how long the tests module may take to start (default 120 s)
 */
export async function runPass(options) {
  const { label, vscodeDir, extensionPath, testsPath, workspace, tempRoot, screenshotDir, timeoutMs, print } = options;
  const userDataDir = join(tempRoot, 'user-data');
  const serverDataDir = join(tempRoot, 'server-data');
  const extensionsDir = options.extensionsDir ?? join(tempRoot, 'extensions');
  for (const dir of [join(userDataDir, 'User'), serverDataDir, extensionsDir, screenshotDir]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.userSettings }, null, 2));
  const logFile = join(tempRoot, 'vscode-server.log');
  const browserLog = join(tempRoot, 'browser-console.log');

  const results = [];
  let started = undefined;
  let ended = undefined;
  let settle;
  const finished = new Promise((resolve) => { settle = resolve; });
  let page;
  const screenshots = [];

  const channel = await (options.openChannel ?? openChannel)(async (message, reply) => {
    switch (message.event) {
      case 'start':
        started = message;
        print(`[${label}] suite started in VS Code ${message.vscodeVersion}, extension at ${message.extensionPath}`);
        break;
      case 'log':
        print(`[${label}]   ${message.text}`);
        break;
      case 'test': {
        results.push(message);
        const mark = message.status === 'pass' ? '✔' : '✖';
        print(`${mark} [${label}] ${message.name} (${message.durationMs} ms)`);
        if (message.status !== 'pass' && message.error) print(indent(message.error, '    '));
        break;
      }
      case 'screenshot': {
        const path = join(screenshotDir, `${label}-${safeName(message.name)}.png`);
        let note = '';
        try {
          if (!page) throw new Error('no page');
          if (message.waitFor) {
            await page.waitForSelector(message.waitFor, { state: 'visible', timeout: 10_000 })
              .catch(() => { note = ` (never saw ${message.waitFor})`; });
          }
          // Let the workbench finish the frame it is drawing; fonts and codicons load lazily.
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          // message.clip: a selector; the picture is cut to the box around the elements it matches
          // (small images for the README), else the whole workbench.
          const clip = message.clip ? await page.evaluate((selector) => {
            const boxes = [...document.querySelectorAll(selector)].map((element) => element.getBoundingClientRect()).filter((box) => box.width > 0 && box.height > 0);
            if (boxes.length === 0) return undefined;
            const pad = 8;
            const left = Math.max(0, Math.min(...boxes.map((box) => box.left)) - pad);
            const top = Math.max(0, Math.min(...boxes.map((box) => box.top)) - pad);
            const right = Math.min(window.innerWidth, Math.max(...boxes.map((box) => box.right)) + pad);
            const bottom = Math.min(window.innerHeight, Math.max(...boxes.map((box) => box.bottom)) + pad);
            return { x: left, y: top, width: right - left, height: bottom - top };
          }, message.clip) : undefined;
          if (message.clip && !clip) note += ` (nothing matched ${message.clip}: whole workbench)`;
          await page.screenshot({ path, animations: 'disabled', ...(clip ? { clip } : {}) });
          screenshots.push(path);
          print(`[${label}]   screenshot ${message.name}: ${path}${note}`);
        } catch (error) {
          print(`[${label}]   screenshot ${message.name} failed: ${error?.message ?? error}`);
        }
        reply({ event: 'screenshot-taken', id: message.id, path });
        break;
      }
      case 'rows': {
        // The rows a tree view draws (its list's aria-label contains message.view), in order, with
        // their depth: what the user sees, not what the extension host answered. The list draws
        // only the rows in sight, so it is scrolled through (wheel events, a frame each) from the
        // top until no new row appears, and left at the top again.
        let rows = [];
        try {
          if (!page) throw new Error('no page');
          rows = await page.evaluate(async (view) => {
            const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            const lists = [...document.querySelectorAll('.monaco-list')].filter((list) => (list.getAttribute('aria-label') ?? '').toLowerCase().includes(view.toLowerCase()));
            const all = [];
            for (const list of lists) {
              const scroller = list.querySelector('.monaco-scrollable-element') ?? list;
              const wheel = (deltaY) => scroller.dispatchEvent(new WheelEvent('wheel', { deltaY, deltaMode: 0, bubbles: true, cancelable: true }));
              const byIndex = new Map();
              const collect = () => {
                let added = 0;
                for (const row of list.querySelectorAll('.monaco-list-row')) {
                  const index = Number(row.getAttribute('data-index'));
                  if (!byIndex.has(index)) added++;
                  byIndex.set(index, { level: Number(row.getAttribute('aria-level')), label: row.querySelector('.label-name')?.textContent ?? '', description: row.querySelector('.label-description')?.textContent ?? '', ariaLabel: row.getAttribute('aria-label') ?? '', checked: row.querySelector('.custom-view-tree-node-item-checkbox')?.classList.contains('checked') ?? null, expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : null });
                }
                return added;
              };
              wheel(-1e6);
              await frame();
              collect();
              // A page at a time; two pages without a new row is the end of the list.
              for (let still = 0, pages = 0; still < 2 && pages < 500; pages++) {
                wheel(Math.max(40, list.clientHeight - 44));
                await frame();
                still = collect() === 0 ? still + 1 : 0;
              }
              wheel(-1e6);
              await frame();
              all.push(...[...byIndex.entries()].sort(([a], [b]) => a - b).map(([, row]) => row));
            }
            return all;
          }, message.view);
        } catch (error) {
          print(`[${label}]   rows of ${message.view} failed: ${error?.message ?? error}`);
        }
        reply({ event: 'rows', id: message.id, rows });
        break;
      }
      case 'list': {
        // The rows a pop-up list draws (the quick-input widget, the suggest widget): the first visible
        // element that matches message.within, its title, and every row of its list in order. Per
        // row: the label with the names of its icons, how much of the label is in sight (the rest
        // is cut off by the row's width), the description, the detail line and the group label a
        // quick pick draws on the first row of a group (or a separator drawn as a row of its own).
        // The list draws only the rows in sight: the mouse wheel (real input, over the list; the
        // quick input ignores synthetic wheel events) scrolls it a page at a time from the top
        // to the end, then back to the top. Neither list moves its focus on a wheel. A busy
        // renderer draws a scroll some frames late, so after each wheel the list is read again
        // until the rows in sight change or the end is in sight. Between wheels the mouse rests
        // off the rows (on the quick input's title): a quick pick row under a resting mouse opens
        // its hover after workbench.hover.delay, and an open hover takes the wheel from the list.
        let list;
        try {
          if (!page) throw new Error('no page');
          const read = () => page.evaluate(readDrawnList, message.within);
          const inSight = (drawn) => drawn.rows.map(([index]) => index).join(',');
          const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
          const wheel = async (drawn, by) => {
            await page.mouse.move(drawn.box.x + drawn.box.width / 2, drawn.box.y + drawn.box.height / 2);
            await page.mouse.wheel(0, by);
            if (drawn.rest) await page.mouse.move(drawn.rest.x, drawn.rest.y);
          };
          /** Reads until `settled` holds for what is drawn (at most 40 reads); undefined once the list is gone. */
          const readUntil = async (settled) => {
            let drawn;
            for (let tries = 0; tries < 40; tries++) {
              drawn = await read();
              if (!drawn || !drawn.box || settled(drawn)) return drawn;
              await sleep(30);
            }
            return drawn;
          };
          let drawn = await read();
          if (drawn && drawn.box) {
            const first = drawn;
            await wheel(first, -1e6);
            drawn = (await readUntil((next) => next.atTop)) ?? first;
            const byIndex = new Map(drawn.rows);
            for (let shown = drawn, pages = 0; !shown.atEnd && pages < 500; pages++) {
              const before = inSight(shown);
              let next;
              for (let attempt = 0; attempt < 3 && (!next || (!next.atEnd && inSight(next) === before)); attempt++) {
                await wheel(shown, Math.max(40, shown.box.height - 44));
                next = await readUntil((candidate) => candidate.atEnd || inSight(candidate) !== before);
                if (!next || !next.box) break;
              }
              if (!next || !next.box) break;
              for (const [index, row] of next.rows) byIndex.set(index, row);
              if (inSight(next) === before) break;
              shown = next;
            }
            await wheel(drawn, -1e6);
            drawn.rows = [...byIndex.entries()].sort(([a], [b]) => a - b);
          }
          list = drawn && { title: drawn.title, rows: drawn.rows.map(([, row]) => row) };
        } catch (error) {
          print(`[${label}]   list in ${message.within} failed: ${error?.message ?? error}`);
        }
        reply({ event: 'list', id: message.id, list });
        break;
      }
      case 'end':
        ended = message;
        settle('end');
        break;
      default:
        print(`[${label}] unknown message from the suite: ${JSON.stringify(message)}`);
    }
  });

  await options.onChannel?.(channel.port);

  const env = {
    ...process.env,
    WHFB_IT_PORT: String(channel.port),
    WHFB_IT_WORKSPACE: workspace,
    // Figures the suite records for the benchmark (activation time) go next to the screenshots.
    WHFB_IT_RESULTS: dirname(screenshotDir),
    VSCODE_AGENT_FOLDER: serverDataDir,
  };
  const server = spawnTracked(process.execPath, [
    join(vscodeDir, 'out', 'server-main.js'),
    '--host', '127.0.0.1', '--port', '0',
    '--without-connection-token', '--accept-server-license-terms',
    '--user-data-dir', userDataDir, '--server-data-dir', serverDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--log', 'info',
  ], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let browserServer;
  let browser;
  const stop = async () => {
    if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
    browser = undefined;
    if (browserServer) {
      const proc = browserServer.process();
      await Promise.race([browserServer.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
      if (proc) await stopChild(proc, 2000).catch(() => {});
      browserServer = undefined;
    }
    await stopChild(server);
    await channel.close();
  };
  onCleanup(stop);

  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const startedAt = Date.now();
  let failure;
  try {
    const port = await new Promise((resolve, reject) => {
      let output = '';
      const onData = (chunk) => {
        const text = chunk.toString();
        appendFileSync(logFile, text);
        output += text;
        const match = /Extension host agent listening on (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.once('exit', (code, signal) => reject(new Error(`the VS Code server exited (${signal ?? code}) before listening; log: ${logFile}\n${indent(output.split('\n').slice(-20).join('\n'), '    ')}`)));
      setTimeout(() => reject(new Error(`the VS Code server did not start listening within 60 s; log: ${logFile}`)), Math.min(60_000, remaining())).unref();
    });
    server.once('exit', (code, signal) => settle(`the VS Code server exited unexpectedly (${signal ?? code}); log: ${logFile}`));

    const executablePath = chromiumPath();
    if (!executablePath) throw new Error('Chromium not found (looked for /usr/bin/chromium); install the Debian package "chromium" or set CHROMIUM_PATH');
    // launchServer (not launch) so the Chromium process is ours to end by its id.
    browserServer = await chromium.launchServer({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    browserServer.process().once('exit', () => settle('Chromium exited unexpectedly'));
    browser = await chromium.connect(browserServer.wsEndpoint(), { timeout: 60_000 });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    // The tests never touch the network: anything not served by the local VS Code server is
    // refused, and pages the workbench tries to open (external links) are closed.
    await context.route((url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost', (route) => { appendFileSync(browserLog, `[blocked] ${route.request().url()}\n`); return route.abort('blockedbyclient'); });
    page = await context.newPage();
    context.on('page', (other) => { if (other !== page) other.close().catch(() => {}); });
    page.on('console', (msg) => appendFileSync(browserLog, `[${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (error) => appendFileSync(browserLog, `[pageerror] ${error.message}\n`));
    page.on('crash', () => settle('the workbench page crashed'));

    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [['extensionDevelopmentPath', remote(extensionPath)], ['extensionTestsPath', remote(testsPath)]];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: remaining() });

    // The suite says "start" as soon as VS Code hands it control; if that never happens the
    // tests module did not load, which is worth saying sooner than the overall deadline.
    const startDeadline = Math.min(remaining(), options.startTimeoutMs ?? 120_000);
    const startTimer = setTimeout(() => { if (!started) settle('no-start'); }, startDeadline);
    const overallTimer = setTimeout(() => settle('timeout'), remaining());
    const outcome = await finished;
    clearTimeout(startTimer);
    clearTimeout(overallTimer);
    if (outcome === 'timeout') failure = `the suite did not finish within ${Math.round(timeoutMs / 1000)} s`;
    else if (outcome === 'no-start') failure = `the tests module never started within ${Math.round(startDeadline / 1000)} s (extension host did not load it?); see ${logFile} and ${browserLog}`;
    else if (outcome !== 'end') failure = outcome;
    if (failure) {
      try {
        const path = join(screenshotDir, `${label}-on-failure.png`);
        await page.screenshot({ path, timeout: 10_000 });
        failure += `\n    screenshot of the workbench at that moment: ${path}`;
      } catch { /* the page may be gone */ }
    }
  } catch (error) {
    failure = error?.message ?? String(error);
  } finally {
    await stop();
  }
  return { results, started, ended, failure, durationMs: Date.now() - startedAt, screenshots, logFile };
}

function indent(text, prefix) {
  return String(text).split('\n').map((line) => prefix + line).join('\n');
}

function safeName(name) {
  return String(name).replace(/[^a-z0-9_-]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'shot';
}

/**
 * In the page: the title and the rows in sight ([data-index, row] pairs) of the pop-up list inside
 * the first visible element matching `within`, and the list's box; undefined when none is shown.
 * A template the list reuses keeps the text of a hidden detail or separator: only what is
 * displayed counts. Waits two frames first, so a scroll or a refresh has been drawn.
 */
async function readDrawnList(within) {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const shown = (element) => !!element && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  const widget = [...document.querySelectorAll(within)].find(shown);
  if (!widget) return undefined;
  const title = widget.querySelector('.quick-input-title')?.textContent ?? '';
  const listElement = widget.querySelector('.monaco-list');
  if (!listElement || !shown(listElement)) return { title, rows: [] };
  // The characters of `element` whose box ends inside `clip` (the label's visible width).
  const visibleText = (element, clip) => {
    const right = clip.getBoundingClientRect().right;
    let text = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        if (box.width > 0 && box.right > right + 0.5) return text;
        text += node.data[i];
      }
    }
    return text;
  };
  const rows = [];
  for (const row of listElement.querySelectorAll('.monaco-list-row')) {
    if (row.closest('.monaco-tree-sticky-container')) continue;
    const meta = row.querySelector('.quick-input-list-label-meta');
    const outsideMeta = (selector) => [...row.querySelectorAll(selector)].find((element) => !meta?.contains(element));
    const name = outsideMeta('.label-name');
    const labelBox = name?.closest('.monaco-icon-label-container') ?? name;
    const detail = [meta?.querySelector('.monaco-icon-label'), row.querySelector('.details-label')].find(shown);
    const separator = row.querySelector('.quick-input-list-separator');
    rows.push([Number(row.getAttribute('data-index')), {
      label: name?.textContent ?? '',
      visibleLabel: !name ? '' : labelBox && labelBox.scrollWidth > labelBox.clientWidth ? visibleText(name, labelBox) : name.textContent ?? '',
      icons: name ? [...name.querySelectorAll('.codicon')].map((icon) => [...icon.classList].find((c) => c.startsWith('codicon-') && c !== 'codicon-modifier-spin')?.slice('codicon-'.length) ?? '') : [],
      description: outsideMeta('.label-description')?.textContent ?? '',
      detail: detail?.textContent ?? '',
      separator: shown(separator) ? separator.textContent ?? '' : '',
      separatorRow: !!row.querySelector('.quick-input-list-separator-as-item'),
      focused: row.classList.contains('focused'),
    }]);
  }
  const box = listElement.getBoundingClientRect();
  // Whether the first and the last row are in sight: the rows' container is as tall as all rows
  // and moves up as the list scrolls.
  const all = listElement.querySelector('.monaco-list-rows')?.getBoundingClientRect() ?? box;
  const atTop = all.top >= box.top - 1;
  const atEnd = all.bottom <= box.bottom + 1;
  // Where the mouse can rest off the rows: the widget's title bar, when it has one above the list.
  const widgetBox = widget.getBoundingClientRect();
  const rest = box.top - widgetBox.top >= 16 ? { x: widgetBox.x + widgetBox.width / 2, y: widgetBox.top + 8 } : undefined;
  return { title, rows, atTop, atEnd, rest, box: { x: box.x, y: box.y, width: box.width, height: box.height } };
}

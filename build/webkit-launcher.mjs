import { spawn } from 'node:child_process';
import { freePort } from './free-port.mjs';

/**
 * A web-test-runner browser launcher for WebKitGTK (Safari's engine) through Debian's
 * WebKitWebDriver, speaking classic WebDriver over plain HTTP: @web/test-runner-webdriver and
 * webdriverio are not dependencies, and the runner needs only "open this URL" from a launcher
 * (results come back from the page itself). WebKitGTK has no headless mode, so it draws on an Xvfb
 * display started here. One window, so one test file at a time.
 */
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';


export class WebKitLauncher {
  name = 'WebKit';
  type = 'webkit-webdriver';
  concurrency = 1;
  #children = [];
  #base = '';
  #session = '';
  #active = new Map();

  async initialize() {
    const display = `:${90 + Math.floor(Math.random() * 900)}`;
    this.#children.push(spawn('Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' }));
    const port = await freePort();
    this.#children.push(spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } }));
    this.#base = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      try {
        if ((await fetch(`${this.#base}/status`)).ok) break;
      } catch (error) {
        if (tries > 100) throw new Error(`WebKitWebDriver did not answer on ${this.#base}: ${error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { value } = await this.#call('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: process.env.WEBKIT_MINIBROWSER || MINIBROWSER, args: ['--automation'] } } },
    });
    this.#session = value.sessionId;
  }

  async #call(method, path, body) {
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${response.status} ${JSON.stringify(answer.value)}`);
    return answer;
  }

  async startSession(sessionId, url) {
    this.#active.set(sessionId, url);
    await this.#call('POST', `/session/${this.#session}/url`, { url });
  }

  isActive(sessionId) {
    return this.#active.has(sessionId);
  }

  async getBrowserUrl() {
    return (await this.#call('GET', `/session/${this.#session}/url`)).value;
  }

  async stopSession(sessionId) {
    this.#active.delete(sessionId);
    await this.#call('POST', `/session/${this.#session}/url`, { url: 'about:blank' });
    return {};
  }

  startDebugSession() {
    throw new Error('No debug sessions in WebKitGTK here.');
  }

  async stop() {
    if (this.#session) await this.#call('DELETE', `/session/${this.#session}`).catch(() => {});
    for (const child of this.#children.reverse()) child.kill();
  }
}

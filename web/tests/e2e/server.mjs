// Shared helpers for the browser end-to-end tests: start the real server binary on a free port with
// a fresh data directory and web/dist as its web root, and launch Debian's Chromium via playwright-core.
import { spawn, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { after, before } from 'node:test'

export const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const serverBin = resolve(webDir, process.env.ZHAOYIN_BIN ?? '../build/release/server/zhaoyin')
export const webRoot = resolve(webDir, process.env.ZHAOYIN_WEB_ROOT ?? 'dist')
export const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium'
export const artifactsDir = join(webDir, 'tests/e2e/artifacts')

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Why the e2e suite cannot run here, or null when it can. Tests skip with this reason unless
 * ZHAOYIN_E2E_REQUIRED=1, in which case a missing prerequisite is a failure.
 */
export function missingPrerequisite() {
  if (!existsSync(serverBin)) return `server binary not found at ${serverBin} (set ZHAOYIN_BIN or build the server)`
  if (!existsSync(join(webRoot, 'index.html'))) return `${webRoot}/index.html not found (run npm run build)`
  if (!existsSync(chromiumBin)) return `Chromium not found at ${chromiumBin} (apt-get install chromium)`
  return null
}

export function skipReason() {
  const missing = missingPrerequisite()
  if (missing && process.env.ZHAOYIN_E2E_REQUIRED === '1') throw new Error(missing)
  return missing ?? false
}

/** The one password of the demo accounts in these tests (`--demo-password`). */
export const DEMO_PASSWORD = 'Demo-Pass-2026'

let helpText = null
/** True when the server binary lists this option in --help (older builds lack the identity options). */
export function serverSupports(option) {
  if (helpText === null) {
    const res = spawnSync(serverBin, ['--help'], { encoding: 'utf8', timeout: 10_000 })
    helpText = `${res.stdout ?? ''}${res.stderr ?? ''}`
  }
  return helpText.includes(option)
}

/**
 * Starts the server with demo data and demo accounts (password DEMO_PASSWORD); resolves with its
 * base URL and a stop() that sends SIGTERM.
 */
export async function startServer({ args = [], demo = true, timeoutMs = 30_000 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhaoyin-e2e-'))
  const demoArgs = demo ? ['--demo', ...(serverSupports('--demo-password') ? ['--demo-password', DEMO_PASSWORD] : [])] : []
  const child = spawn(serverBin, ['--listen', '127.0.0.1:0', '--data-dir', dataDir, '--web-root', webRoot, ...demoArgs, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  })
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-8000)
  })
  child.stdout.setEncoding('utf8')

  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })))

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not report its address within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, timeoutMs)
    child.stdout.on('data', (chunk) => {
      stdout = (stdout + chunk).slice(-8000)
      const m = /zhaoyin listening on (https?:\/\/[^\s]+)/.exec(stdout)
      if (m) {
        clearTimeout(timer)
        resolveUrl(m[1].replace(/\/$/, ''))
      }
    })
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`server exited early (code ${code}, signal ${signal})\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    })
  })

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dataDir, { recursive: true, force: true })
  }

  const hasAuth = await fetch(`${url}/api/v1/auth/me`)
    .then((res) => res.status === 200)
    .catch(() => false)

  return { url, stop, dataDir, hasAuth, logs: () => ({ stdout, stderr }) }
}

/**
 * Skips the calling test when the server has no identity routes yet (GET /api/v1/auth/me is not
 * 200), unless ZHAOYIN_E2E_REQUIRED=1. Returns true when the test should stop.
 */
export function skipWithoutAuth(t, server) {
  if (server.hasAuth) return false
  const reason = 'server has no /api/v1/auth/me yet (identity routes missing)'
  if (process.env.ZHAOYIN_E2E_REQUIRED === '1') throw new Error(reason)
  t.skip(reason)
  return true
}

/** Signs in through the API inside a browser context (cookies land in the context). */
export async function signInApi(context, url, login, password = DEMO_PASSWORD) {
  const me = await context.request.get(`${url}/api/v1/auth/me`)
  const { csrf_token: csrf } = await me.json()
  const res = await context.request.post(`${url}/api/v1/auth/login`, {
    data: { login, password },
    headers: { 'X-CSRF-Token': csrf ?? '' },
  })
  if (!res.ok()) throw new Error(`sign-in of ${login} failed: ${res.status()} ${await res.text()}`)
  return (await res.json()).user
}

/** Signs in through a sign-in page (portal `/login` or console `/console/login`) and waits to leave it. */
export async function signInUi(page, url, { area = 'console', login, password = DEMO_PASSWORD, redirect } = {}) {
  const path = area === 'console' ? '/console/login' : '/login'
  await page.goto(`${url}${path}${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ''}`)
  await page.getByTestId('login-name').fill(login)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((u) => !u.pathname.endsWith('/login'))
}

/**
 * Texts of the navigation links (the pages listed), whether shown in the header row or folded
 * into the menu button because they do not fit.
 */
export async function navTexts(page) {
  return (await page.getByTestId('nav').locator('a').allTextContents()).map((s) => s.trim())
}

/**
 * Opens a page from the main navigation the way a user would: from the header when it fits (first
 * opening the menu of related pages it sits in), otherwise through the menu button (the header
 * turns compact when a role has many pages).
 */
export async function clickNav(page, name) {
  const toggle = page.getByTestId('menu-toggle')
  if (await toggle.isVisible()) {
    await toggle.click()
    await page.locator('#shell-mobile-menu').getByRole('link', { name }).click()
    return
  }
  const nav = page.getByTestId('nav')
  const link = nav.getByRole('link', { name, includeHidden: true })
  if (!(await link.isVisible())) {
    // `has` is matched inside each menu, so it takes a locator not rooted at the nav.
    await nav.locator('.nav-menu', { has: page.getByRole('link', { name, includeHidden: true }) }).getByRole('button').click()
  }
  await link.click()
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumBin, headless: true, args: CHROMIUM_ARGS })
}

export const DESKTOP = { width: 1440, height: 900 }
export const MOBILE = { width: 375, height: 812 }

/** A context with a viewport and (optionally) a remembered language. */
export async function newContext(browser, { viewport = DESKTOP, locale } = {}) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 768,
    hasTouch: viewport.width < 768,
    locale: 'zh-CN',
  })
  if (locale) {
    await context.addInitScript((value) => {
      if (!window.localStorage.getItem('zhaoyin.locale')) window.localStorage.setItem('zhaoyin.locale', value)
    }, locale)
  }
  return context
}

/**
 * Collects page errors and console errors (CSP violations show up there). Chromium logs every
 * non-2xx response as a console error; `allowStatus` lists statuses a test expects (e.g. 401 for
 * a wrong password), and a 404 of /api/v1/auth/me (a server without identity routes) is ignored.
 */
export function watchErrors(page, { allowStatus = [] } = {}) {
  const errors = []
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const text = msg.text()
    const status = /status of (\d{3})/.exec(text)?.[1]
    if (status && allowStatus.includes(Number(status))) return
    if (status === '404' && (msg.location()?.url ?? '').includes('/api/v1/auth/me')) return
    errors.push(`console: ${text}`)
  })
  return errors
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${name}.png`)
  await page.screenshot({ path, fullPage, animations: 'disabled' })
  return path
}

/** True when the page can scroll sideways (the body is wider than the viewport). */
export async function hasHorizontalScroll(page) {
  return page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement
    return el.scrollWidth > el.clientWidth + 1 || document.body.scrollWidth > window.innerWidth + 1
  })
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 secret, as an authenticator app shows it. */
export function totpCode(secret, timeMs = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0
  let value = 0
  const bytes = []
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) {
    const i = alphabet.indexOf(c)
    if (i < 0) continue
    value = ((value << 5) | i) & 0xffff
    bits += 5
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30_000)))
  const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

/**
 * Starts the server and Chromium before a suite's tests and stops both after them; `use` receives
 * the two once they run.
 */
export function serverAndBrowserForSuite(use) {
  let server
  let browser
  before(async () => {
    server = await startServer()
    browser = await launchBrowser()
    use(server, browser)
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })
}

/** A new browser context signed in as `login`, with a page and the page's error watch. */
export async function openSignedIn(browser, url, login, contextOptions = {}) {
  const context = await newContext(browser, contextOptions)
  await signInApi(context, url, login)
  const page = await context.newPage()
  return { context, page, errors: watchErrors(page) }
}

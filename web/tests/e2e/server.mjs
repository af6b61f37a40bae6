// Shared helpers for the browser end-to-end tests: start the real server binary on a free port with
// a fresh data directory and web/dist as its web root, and launch Debian's Chromium via playwright-core.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

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

/** Starts the server; resolves with its base URL and a stop() that sends SIGTERM. */
export async function startServer({ args = [], timeoutMs = 30_000 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhaoyin-e2e-'))
  const child = spawn(serverBin, ['--listen', '127.0.0.1:0', '--data-dir', dataDir, '--web-root', webRoot, ...args], {
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

  return { url, stop, dataDir, logs: () => ({ stdout, stderr }) }
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

/** Collects page errors and console errors (CSP violations show up there). */
export function watchErrors(page) {
  const errors = []
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
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

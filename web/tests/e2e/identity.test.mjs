// Identity in the browser: investor registration and sign-in on the portal, staff sign-in on the
// console, pages and navigation by permission, forced password change, two-step verification.
// Needs the server's identity routes; without them (GET /api/v1/auth/me not 200) the tests skip
// unless ZHAOYIN_E2E_REQUIRED=1.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  DESKTOP,
  MOBILE,
  hasHorizontalScroll,
  navTexts,
  newContext,
  openSignedIn,
  screenshot,
  signInApi,
  signInUi,
  skipReason,
  skipWithoutAuth,
  totpCode,
  watchErrors,
  serverAndBrowserForSuite, clickNav } from './server.mjs'

/** A mobile number nobody else in this run has (13800138000-style). */
let phoneSeq = 0
function uniquePhone() {
  phoneSeq += 1
  return `138${String((Date.now() + phoneSeq * 7919) % 100_000_000).padStart(8, '0')}`
}

const INVESTOR_PASSWORD = 'Harbour-View-2026'

async function register(page, url, { phone, name, company }) {
  await page.goto(`${url}/register`)
  await page.getByTestId('register-phone').fill(phone)
  await page.getByTestId('register-password').fill(INVESTOR_PASSWORD)
  await page.getByTestId('register-name').fill(name)
  await page.getByTestId('register-company').fill(company)
  await page.getByTestId('privacy-open').click()
  await page.getByTestId('privacy-accept').click()
  await page.getByTestId('privacy-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('register-submit').click()
  await page.waitForURL(/\/account$/)
  await page.getByTestId('account-page').waitFor()
}

async function signOutViaMenu(page) {
  await page.getByTestId('user-menu-button').click()
  await page.getByTestId('menu-logout').click()
}

describe('identity', { skip: skipReason() }, () => {
  let server
  let browser

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('sends anonymous console visitors to the console sign-in page', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/console/units`)
    await page.waitForURL(/\/console\/login\?redirect=(%2F|\/)console(%2F|\/)units$/)
    await page.getByTestId('login-form').waitFor()
    assert.equal(await page.getByTestId('nav').locator('a').count(), 0, 'no console nav before sign-in')
    await screenshot(page, 'console-login-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('registers an investor, shows the account page, signs out and signs in again', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    const phone = uniquePhone()

    await page.goto(`${server.url}/register`)
    await page.getByTestId('register-form').waitFor()
    await page.getByTestId('privacy-open').waitFor({ state: 'visible' })
    await screenshot(page, 'portal-register-zh-desktop')
    await page.getByTestId('register-submit').click()
    await page.locator('.el-form-item__error').first().waitFor()
    assert.ok((await page.locator('.el-form-item__error').count()) >= 4, 'field errors for the empty form')
    await screenshot(page, 'portal-register-errors-zh-desktop')

    await page.getByTestId('privacy-open').click()
    await page.getByTestId('privacy-dialog').waitFor()
    await screenshot(page, 'portal-privacy-zh-desktop', { fullPage: false })
    await page.keyboard.press('Escape')

    await register(page, server.url, { phone, name: '李雷', company: '青岛海景科技有限公司' })
    assert.match(await page.getByTestId('profile-phone').innerText(), new RegExp(`${phone.slice(0, 3)}.*${phone.slice(-4)}`))
    assert.match(await page.getByTestId('user-name').innerText(), /李雷/)
    assert.match(await page.getByTestId('profile-roles').innerText(), /投资者/)
    await page.getByTestId('sessions').locator('li').first().waitFor()
    await screenshot(page, 'portal-account-zh-desktop')

    await signOutViaMenu(page)
    await page.waitForURL((u) => u.pathname === '/')
    await page.getByTestId('header-login').waitFor()

    await page.getByTestId('header-login').click()
    await page.waitForURL(/\/login$/)
    await page.getByTestId('login-name').fill(phone)
    await page.getByTestId('login-password').fill(INVESTOR_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.waitForURL(/\/account$/)
    await page.getByTestId('account-page').waitFor()
    assert.match(await page.getByTestId('user-name').innerText(), /李雷/)

    // A second registration with the same phone is refused with a message under the field.
    await page.getByTestId('account-logout').click()
    await page.waitForURL((u) => u.pathname === '/')
    await page.goto(`${server.url}/register`)
    await page.getByTestId('register-phone').fill(phone)
    await page.getByTestId('register-password').fill(INVESTOR_PASSWORD)
    await page.getByTestId('register-name').fill('韩梅梅')
    await page.getByTestId('register-company').fill('另一家公司')
    await page.getByTestId('privacy-open').click()
    await page.getByTestId('privacy-accept').click()
    const conflict = watchErrors(page, { allowStatus: [409] })
    await page.getByTestId('register-submit').click()
    await page.locator('.el-form-item__error').first().waitFor()
    assert.equal(new URL(page.url()).pathname, '/register')
    assert.deepEqual(conflict, [])
    assert.deepEqual(
      errors.filter((e) => !/status of 409/.test(e)),
      [],
    )
    await context.close()
  })

  it('turns on two-step verification and then asks for the code at sign-in', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page, { allowStatus: [401] })
    const phone = uniquePhone()
    await register(page, server.url, { phone, name: '王芳', company: '青岛蓝海生物有限公司' })

    await page.getByTestId('totp-start').click()
    await page.getByTestId('totp-qr').waitFor()
    const secret = await page.getByTestId('totp-secret').getAttribute('data-secret')
    assert.ok(secret && secret.length >= 16, 'secret shown')
    assert.match((await page.getByTestId('totp-qr').getAttribute('src')) ?? '', /^data:image\/svg\+xml/)
    await screenshot(page, 'portal-account-totp-zh-desktop')
    const enabledAt = Date.now()
    await page.getByTestId('totp-code').fill(totpCode(secret, enabledAt))
    await page.getByTestId('totp-confirm').click()
    await page.getByTestId('totp-enabled').waitFor()

    await page.getByTestId('account-logout').click()
    await page.waitForURL((u) => u.pathname === '/')
    await page.goto(`${server.url}/login`)
    await page.getByTestId('login-name').fill(phone)
    await page.getByTestId('login-password').fill(INVESTOR_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('login-totp').waitFor()
    await screenshot(page, 'portal-login-totp-zh-desktop')
    // A code is good once: wait for the next 30-second step before signing in with a new one.
    const nextStep = (Math.floor(enabledAt / 30_000) + 1) * 30_000
    if (Date.now() < nextStep) await new Promise((resolve) => setTimeout(resolve, nextStep - Date.now() + 200))
    await page.getByTestId('login-totp').fill(totpCode(secret))
    await page.getByTestId('login-submit').click()
    await page.waitForURL(/\/account$/)
    await page.getByTestId('totp-enabled').waitFor()
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('shows an error for a wrong password', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page, { allowStatus: [401] })
    await page.goto(`${server.url}/console/login`)
    await page.getByTestId('login-name').fill('bureau')
    await page.getByTestId('login-password').fill('not-the-password')
    await page.getByTestId('login-submit').click()
    await page.getByTestId('form-error').waitFor()
    assert.match(new URL(page.url()).pathname, /\/console\/login$/)
    await screenshot(page, 'console-login-error-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('unit staff see their own unit and no administration pages', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    await signInUi(page, server.url, { login: '370214.staff' })
    assert.equal(new URL(page.url()).pathname, '/console')
    const nav = await navTexts(page)
    assert.ok(nav.includes('本单位'), `nav: ${nav}`)
    for (const hidden of ['账号管理', '角色与安全', '审计日志']) assert.ok(!nav.includes(hidden), `${hidden} hidden: ${nav}`)

    await clickNav(page, '本单位')
    await page.waitForURL(/\/console\/my-unit$/)
    assert.match(await page.getByTestId('my-unit-name').innerText(), /城阳区/)
    const rows = page.locator('[data-testid="members-table"] .el-table__body tr')
    await rows.first().waitFor()
    assert.ok((await rows.count()) >= 2, 'staff and lead listed')
    const text = await page.getByTestId('members-table').innerText()
    assert.match(text, /370214\.staff/)
    assert.match(text, /370214\.lead/)
    assert.doesNotMatch(text, /370211\./, 'no members of other districts')
    await screenshot(page, 'console-my-unit-zh-desktop')

    await page.goto(`${server.url}/console/audit`)
    await page.getByTestId('forbidden').waitFor()

    await page.getByTestId('user-menu-button').click()
    await page.getByTestId('menu-account').click()
    await page.waitForURL(/\/console\/account$/)
    await page.getByTestId('sessions').locator('li').first().waitFor()
    await screenshot(page, 'console-account-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('auditors see the audit trail with an intact chain and nothing else to administer', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    // Separation of duties: the auditor lands on the audit trail; besides it the nav shows only
    // what they read: the dashboards, the rankings and the key projects behind the figures.
    await signInUi(page, server.url, { login: 'auditor' })
    await page.waitForURL(/\/console\/audit$/)
    assert.deepEqual(await navTexts(page), ['领导驾驶舱', '单位排名', '重点项目', '审计日志'])
    await page.getByTestId('user-menu-button').waitFor()

    await page.locator('[data-testid="chain-status"][data-state="ok"]').waitFor()
    const rows = page.locator('[data-testid="audit-table"] .el-table__body tr')
    await rows.first().waitFor()
    assert.ok((await rows.count()) > 0)
    assert.match(await page.getByTestId('audit-table').innerText(), /auditor/)
    await screenshot(page, 'console-audit-zh-desktop')

    await page.getByTestId('chain-recheck').click()
    await page.locator('[data-testid="chain-status"][data-state="ok"]').waitFor()

    // Reference pages are not the auditor's work: direct navigation shows no access.
    for (const path of ['/console/units', '/console/industries', '/console/accounts']) {
      await page.goto(`${server.url}${path}`)
      await page.getByTestId('forbidden').waitFor()
      assert.equal(new URL(page.url()).pathname, '/console/no-access', path)
      assert.deepEqual(await navTexts(page), ['领导驾驶舱', '单位排名', '重点项目', '审计日志'])
    }
    await screenshot(page, 'console-auditor-no-access-zh-desktop')
    await page.goto(`${server.url}/console`)
    await page.waitForURL(/\/console\/audit$/)
    await page.locator('[data-testid="audit-table"] .el-table__body tr').first().waitFor()

    await page.getByTestId('audit-search').fill('auditor')
    await page.waitForFunction(() => /q=auditor/.test(document.querySelector('[data-testid="audit-export"]')?.getAttribute('href') ?? ''))
    await page.locator('[data-testid="audit-table"] .el-table__body tr').first().waitFor()
    const href = await page.getByTestId('audit-export').getAttribute('href')
    assert.match(href ?? '', /^\/api\/v1\/audit\/export\?q=auditor/)
    const csv = await context.request.get(`${server.url}${href}`)
    assert.equal(csv.status(), 200)
    assert.match(csv.headers()['content-type'] ?? '', /csv/)
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('system administrators create an account; its initial password must be changed at first sign-in', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    await signInUi(page, server.url, { login: 'admin' })
    await page.waitForURL(/\/console\/accounts$/)
    assert.deepEqual(await navTexts(page), ['账号管理', '组织机构'])
    await page.locator('[data-testid="accounts-table"] .el-table__body tr').first().waitFor()
    await screenshot(page, 'console-accounts-zh-desktop')

    const login = `e2e.${Date.now() % 1_000_000}`
    await page.getByTestId('account-create').click()
    const dialog = page.getByTestId('user-dialog')
    await dialog.waitFor()
    await page.getByTestId('user-login-name').fill(login)
    await page.getByTestId('user-form-name').fill('测试专员')
    await dialog.locator('.unit-select').click()
    await page.keyboard.type('城阳')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '城阳区' }).first().click()
    await dialog.getByText('承办单位工作人员').click()
    await screenshot(page, 'console-account-create-zh-desktop', { fullPage: false })
    await page.getByTestId('user-save').click()
    await page.getByTestId('initial-password-dialog').waitFor()
    const initial = (await page.getByTestId('initial-password').innerText()).trim()
    assert.ok(initial.length >= 8, 'initial password shown')
    await screenshot(page, 'console-initial-password-zh-desktop', { fullPage: false })
    await page.getByTestId('initial-done').click()

    await page.getByTestId('accounts-search').fill(login)
    await page.waitForFunction(
      (l) => (document.querySelector('[data-testid="accounts-table"]')?.textContent ?? '').includes(l),
      login,
    )

    // First sign-in of the new account: the password must be changed before anything else.
    const fresh = await newContext(browser)
    const other = await fresh.newPage()
    const otherErrors = watchErrors(other)
    await signInUi(other, server.url, { login, password: initial })
    await other.waitForURL(/\/console\/password/)
    await other.getByTestId('forced-password').waitFor()
    await screenshot(other, 'console-forced-password-zh-desktop')
    await other.getByTestId('password-current').fill(initial)
    await other.getByTestId('password-new').fill('Brand-New-Pass-77')
    await other.getByTestId('password-confirm').fill('Brand-New-Pass-77')
    await other.getByTestId('password-submit').click()
    await other.waitForURL((u) => u.pathname === '/console')
    assert.ok((await navTexts(other)).includes('本单位'))
    assert.deepEqual(otherErrors, [])
    await fresh.close()

    // Disable it again, after a confirmation.
    await page.getByTestId('account-disable').first().click()
    await page.locator('.el-message-box').waitFor()
    await screenshot(page, 'console-account-disable-zh-desktop', { fullPage: false })
    await page.locator('.el-message-box .el-button--danger, .el-message-box .el-button--primary').last().click()
    await page.locator('[data-testid="accounts-table"] [data-status="disabled"]').first().waitFor()
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('security administrators see roles and the policy, and set roles but do not create accounts', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    await signInUi(page, server.url, { login: 'security', redirect: '/console/security' })
    await page.waitForURL(/\/console\/security$/)
    assert.deepEqual(await navTexts(page), ['账号管理', '角色与安全'])
    await page.getByTestId('roles-list').waitFor()
    assert.ok((await page.locator('[data-testid="roles-list"] .el-collapse-item').count()) >= 10)
    await page.getByTestId('policy-session_idle_minutes').waitFor()
    await page.locator('[data-testid="roles-list"] [data-role="auditor"] .el-collapse-item__header').click()
    await page.locator('[data-testid="roles-list"] [data-role="auditor"]').getByText('audit:entry:read').waitFor()
    await screenshot(page, 'console-security-zh-desktop')

    await clickNav(page, '账号管理')
    await page.locator('[data-testid="accounts-table"] .el-table__body tr').first().waitFor()
    assert.equal(await page.getByTestId('account-create').count(), 0, 'no create button for sec_admin')
    await page.getByTestId('account-roles').first().click()
    await page.getByTestId('roles-options').waitFor()
    await screenshot(page, 'console-roles-dialog-zh-desktop', { fullPage: false })
    await page.keyboard.press('Escape')
    assert.deepEqual(errors, [])
    await context.close()
  })

  for (const locale of ['zh-CN', 'en']) {
    it(`identity pages fit a 375 px screen (${locale})`, async (t) => {
      if (skipWithoutAuth(t, server)) return
      const tag = locale === 'en' ? 'en' : 'zh'
      const anon = await newContext(browser, { viewport: MOBILE, locale })
      const page = await anon.newPage()
      const errors = watchErrors(page)
      await page.goto(`${server.url}/register`)
      await page.getByTestId('register-form').waitFor()
      assert.equal(await hasHorizontalScroll(page), false, 'register scrolls sideways')
      await screenshot(page, `portal-register-${tag}-mobile`)
      await page.goto(`${server.url}/console/login`)
      await page.getByTestId('login-form').waitFor()
      assert.equal(await hasHorizontalScroll(page), false, 'console login scrolls sideways')
      await screenshot(page, `console-login-${tag}-mobile`)
      await anon.close()

      const investor = await newContext(browser, { viewport: MOBILE, locale })
      await signInApi(investor, server.url, 'investor')
      const ip = await investor.newPage()
      await ip.goto(`${server.url}/account`)
      await ip.getByTestId('sessions').locator('li').first().waitFor()
      assert.equal(await hasHorizontalScroll(ip), false, 'account scrolls sideways')
      await screenshot(ip, `portal-account-${tag}-mobile`)
      await ip.getByTestId('menu-toggle').click()
      await ip.getByTestId('mobile-logout').waitFor()
      await screenshot(ip, `portal-menu-signed-in-${tag}-mobile`, { fullPage: false })
      await investor.close()

      for (const [login, path, ready, name] of [
        ['auditor', '/console/audit', '[data-testid="audit-list"] li', 'console-audit'],
        ['admin', '/console/accounts', '[data-testid="accounts-list"] li', 'console-accounts'],
        ['370214.staff', '/console/my-unit', '[data-testid="members-table"] .el-table__body tr', 'console-my-unit'],
        ['security', '/console/security', '[data-testid="policy-form"]', 'console-security'],
      ]) {
        const { context: ctx, page: p, errors: pageErrors } = await openSignedIn(browser, server.url, login, { viewport: MOBILE, locale })
        await p.goto(`${server.url}${path}`)
        await p.locator(ready).first().waitFor()
        assert.equal(await hasHorizontalScroll(p), false, `${path} scrolls sideways`)
        await screenshot(p, `${name}-${tag}-mobile`)
        assert.deepEqual(pageErrors, [], path)
        await ctx.close()
      }
      assert.deepEqual(errors, [])
    })
  }

  it('English console pages', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser, { viewport: DESKTOP, locale: 'en' })
    const page = await context.newPage()
    await signInUi(page, server.url, { login: 'auditor', redirect: '/console/audit' })
    await page.locator('[data-testid="chain-status"][data-state="ok"]').waitFor()
    assert.match(await page.getByTestId('chain-status').innerText(), /Hash chain intact/)
    await screenshot(page, 'console-audit-en-desktop')
    await context.close()

    const investor = await newContext(browser, { viewport: DESKTOP, locale: 'en' })
    await signInApi(investor, server.url, 'investor')
    const ip = await investor.newPage()
    await ip.goto(`${server.url}/account`)
    await ip.getByTestId('sessions').locator('li').first().waitFor()
    assert.match(await ip.getByTestId('account-page').innerText(), /Two-step verification/)
    await screenshot(ip, 'portal-account-en-desktop')
    await investor.close()
  })
})

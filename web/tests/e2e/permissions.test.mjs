// Role permissions and revealing phone numbers: a security administrator takes a permission away
// from a business role (and gives it back), and unit staff reveal a colleague's full phone number.
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
  watchErrors,
  serverAndBrowserForSuite,
} from './server.mjs'

/** Opens the permissions dialog of a role on the Roles & security page. */
async function openPermissions(page, code) {
  const item = page.locator(`[data-testid="roles-list"] [data-role="${code}"]`)
  if (!(await item.locator('[data-testid="role-edit-permissions"]').isVisible())) {
    await item.locator('.el-collapse-item__header').click()
  }
  await item.getByTestId('role-edit-permissions').click()
  const dialog = page.getByTestId('perm-dialog')
  await dialog.getByTestId('perm-options').waitFor()
  return dialog
}

/** Reviews and confirms the change in an open permissions dialog; waits for the success message. */
async function reviewAndSave(page, dialog, shotName) {
  await dialog.getByTestId('perm-review-button').click()
  await dialog.getByTestId('perm-review').waitFor()
  if (shotName) await screenshot(page, shotName, { fullPage: false })
  const review = await dialog.getByTestId('perm-review').innerText()
  await dialog.getByTestId('perm-confirm').click()
  await page.locator('.el-message--success').last().waitFor()
  await dialog.waitFor({ state: 'hidden' })
  return review
}

async function permissionsShown(page, code) {
  return page.locator(`[data-testid="roles-list"] [data-role="${code}"] .perm-list`).innerText()
}

describe('permissions', { skip: skipReason() }, () => {
  let server
  let browser

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('security administrators take a permission from a business role and give it back', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    await signInUi(page, server.url, { login: 'security', redirect: '/console/security' })
    await page.waitForURL(/\/console\/security$/)
    await page.getByTestId('roles-list').waitFor()

    // Only business roles have the action (the content is rendered, though collapsed).
    for (const code of ['anonymous', 'authenticated', 'sys_admin', 'sec_admin', 'auditor']) {
      assert.equal(await page.locator(`[data-role="${code}"] [data-testid="role-edit-permissions"]`).count(), 0, code)
    }
    for (const code of ['investor', 'unit_staff', 'unit_lead', 'leader']) {
      assert.equal(await page.locator(`[data-role="${code}"] [data-testid="role-edit-permissions"]`).count(), 1, code)
    }

    const rolesBefore = await (await context.request.get(`${server.url}/api/v1/security/roles`)).json()
    const grantedBefore = [...rolesBefore.items.find((r) => r.code === 'unit_staff').permissions].sort()
    assert.ok(grantedBefore.includes('identity:member:read'))

    const dialog = await openPermissions(page, 'unit_staff')
    assert.equal(await dialog.locator('[data-perm="identity:member:read"] input').isChecked(), true)
    assert.equal(await dialog.locator('[data-perm^="identity:user"], [data-perm^="security:"], [data-perm^="audit:"]').count(), 0)
    assert.ok(await dialog.locator('[data-group="reference"] [data-perm="reference:unit:read"]').count())
    await screenshot(page, 'console-role-permissions-zh-desktop', { fullPage: false })

    await dialog.locator('[data-perm="identity:member:read"]').click()
    const review = await reviewAndSave(page, dialog, 'console-role-permissions-review-zh-desktop')
    assert.match(review, /identity:member:read/)
    assert.doesNotMatch(review, /identity:phone:reveal/)
    assert.doesNotMatch(await permissionsShown(page, 'unit_staff'), /identity:member:read/)
    await screenshot(page, 'console-security-edited-zh-desktop')

    // Unit staff lose the My unit page.
    const staffContext = await newContext(browser)
    const staff = await staffContext.newPage()
    const staffErrors = watchErrors(staff)
    await signInUi(staff, server.url, { login: '370214.staff' })
    await staff.getByTestId('user-menu-button').waitFor()
    const nav = await navTexts(staff)
    assert.ok(!nav.includes('本单位'), `nav: ${nav}`)
    await staff.goto(`${server.url}/console/my-unit`)
    await staff.getByTestId('forbidden').waitFor()

    // Give it back, and the page comes back.
    const again = await openPermissions(page, 'unit_staff')
    assert.equal(await again.locator('[data-perm="identity:member:read"] input').isChecked(), false)
    await again.locator('[data-perm="identity:member:read"]').click()
    assert.match(await reviewAndSave(page, again), /identity:member:read/)
    assert.match(await permissionsShown(page, 'unit_staff'), /identity:member:read/)
    const roles = await (await context.request.get(`${server.url}/api/v1/security/roles`)).json()
    const unitStaff = roles.items.find((r) => r.code === 'unit_staff')
    // Exactly what the role had before the change: nothing else was touched.
    assert.deepEqual([...unitStaff.permissions].sort(), grantedBefore)

    await staff.goto(`${server.url}/console`)
    await staff.getByTestId('user-menu-button').waitFor()
    assert.ok((await navTexts(staff)).includes('本单位'))
    assert.deepEqual(staffErrors, [])
    await staffContext.close()
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('the permissions dialog in English and on a phone screen', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const { context, page, errors } = await openSignedIn(browser, server.url, 'security', { viewport: DESKTOP, locale: 'en' })
    await page.goto(`${server.url}/console/security`)
    await page.getByTestId('roles-list').waitFor()
    const dialog = await openPermissions(page, 'bureau_operator')
    assert.match(await dialog.innerText(), /Edit permissions/)
    await screenshot(page, 'console-role-permissions-en-desktop', { fullPage: false })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    assert.deepEqual(errors, [])
    await context.close()

    const { context: mobile, page: mp, errors: mobileErrors } = await openSignedIn(browser, server.url, 'security', { viewport: MOBILE })
    await mp.goto(`${server.url}/console/security`)
    await mp.getByTestId('roles-list').waitFor()
    const md = await openPermissions(mp, 'leader')
    await md.locator('[data-perm="reference:unit:read"]').click()
    assert.equal(await hasHorizontalScroll(mp), false, 'permissions dialog scrolls sideways')
    await screenshot(mp, 'console-role-permissions-zh-mobile', { fullPage: false })
    await md.getByTestId('perm-review-button').click()
    await md.getByTestId('perm-review').waitFor()
    await screenshot(mp, 'console-role-permissions-review-zh-mobile', { fullPage: false })
    await md.getByTestId('perm-back').click()
    await md.getByTestId('perm-options').waitFor()
    assert.equal(await md.locator('[data-perm="reference:unit:read"] input').isChecked(), true, 'the choice survives going back')
    await mp.keyboard.press('Escape')
    await md.waitFor({ state: 'hidden' })
    assert.deepEqual(mobileErrors, [])
    await mobile.close()
  })

  it('unit staff reveal the full phone number of a colleague', async (t) => {
    if (skipWithoutAuth(t, server)) return
    // The staff member's unit (城阳区), then a new colleague with a phone created by the system administrator.
    const staffContext = await newContext(browser)
    const staffUser = await signInApi(staffContext, server.url, '370214.staff')
    assert.ok(staffUser.unit?.id, 'staff has a unit')

    const adminContext = await newContext(browser)
    await signInApi(adminContext, server.url, 'admin')
    const { csrf_token: csrf } = await (await adminContext.request.get(`${server.url}/api/v1/auth/me`)).json()
    const phone = `139${String(Date.now() % 100_000_000).padStart(8, '0')}`
    const login = `e2e.phone.${Date.now() % 1_000_000}`
    const created = await adminContext.request.post(`${server.url}/api/v1/admin/users`, {
      data: { login_name: login, name: '号码测试员', unit_id: staffUser.unit.id, roles: ['unit_staff'], phone },
      headers: { 'X-CSRF-Token': csrf },
    })
    assert.equal(created.status(), 201, await created.text())
    await adminContext.close()

    const page = await staffContext.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/console/my-unit`)
    const row = page.locator('[data-testid="members-table"] .el-table__body tr', { hasText: login })
    await row.waitFor()
    const cell = row.getByTestId('phone-reveal')
    const masked = await cell.getByTestId('phone-masked').innerText()
    assert.ok(!masked.includes(phone), `masked: ${masked}`)
    assert.match(masked, new RegExp(`^${phone.slice(0, 3)}.*${phone.slice(-4)}$`))
    await screenshot(page, 'console-my-unit-reveal-zh-desktop')

    await cell.getByTestId('phone-reveal-button').click()
    const link = cell.locator(`a[href="tel:${phone}"]`)
    await link.waitFor()
    assert.equal((await link.innerText()).trim(), phone)
    assert.match(await cell.getByTestId('phone-audit-note').innerText(), /审计/)
    await screenshot(page, 'console-my-unit-revealed-zh-desktop')
    assert.deepEqual(errors, [])
    await staffContext.close()

    // The same on a phone screen, in English.
    const { context: mobile, page: mp, errors: mobileErrors } = await openSignedIn(browser, server.url, '370214.staff', { viewport: MOBILE, locale: 'en' })
    await mp.goto(`${server.url}/console/my-unit`)
    const mrow = mp.locator('[data-testid="members-table"] .el-table__body tr', { hasText: login })
    await mrow.getByTestId('phone-reveal-button').click()
    await mrow.locator(`a[href="tel:${phone}"]`).waitFor()
    assert.match(await mrow.getByTestId('phone-audit-note').innerText(), /audit trail/)
    assert.equal(await hasHorizontalScroll(mp), false, 'my unit scrolls sideways')
    await screenshot(mp, 'console-my-unit-revealed-en-mobile')
    assert.deepEqual(mobileErrors, [])
    await mobile.close()
  })
})

// Browser test of the ASB Case Review's way in (issue #5), in headless Chromium on a throwaway
// database with the Norfolk demo: a public application through the web form without JavaScript
// help (its errors, "Add another incident", the confirmation with the reference and nothing
// personal), a telephone application entered by a case worker, and every page of the overview
// (dashboard, cases, statistics, agencies, settings) as a case worker, an officer and an
// administrator, each checked with axe-core at WCAG 2.2 AA.
//
// Usage: node tests/browser/case_review_intake.mjs BUILD_DIR
// Prints "N passed, N failed" last and exits non-zero on any failure.
import { fillDate, start } from './harness.mjs'

const t = await start(process.argv[2], [['cass', 'Cass Worker', 'case_worker'],
  ['olivia', 'Olivia Officer', 'officer'], ['ada', 'Ada Admin', 'administrator']])
const { base, check, axe } = t

async function fillIncident (page, n, ago, agency) {
  await fillDate(page, `incident-${n}-behaviour`, -ago)
  await fillDate(page, `incident-${n}-reported`, -(ago - 1))
  await page.fill(`#incident-${n}-agency`, agency)
}

await t.run(async () => {
  const visitor = await t.newPage()
  await visitor.goto(`${base}/asb-case-review`)
  await axe(visitor, '/asb-case-review')
  const about = await visitor.textContent('main')
  for (const way of ['Online:', 'Telephone:', 'Letter or email:', 'Reception:']) {
    check(about.includes(way), `the public page lists "${way}"`)
  }
  await visitor.click('main a[href="/asb-case-review/apply"] >> nth=0')
  check(visitor.url() === `${base}/asb-case-review/apply`, 'the public page links to the form')
  await axe(visitor, '/asb-case-review/apply')

  // Sent empty: the error summary links to the fields.
  await visitor.click('button[value=send]')
  check((await visitor.textContent('.govuk-error-summary')).includes('Enter the full name'), 'an empty form is refused')
  await axe(visitor, 'the application form with errors')
  await visitor.click('.govuk-error-summary a[href="#victim-name"]')

  await visitor.check('#applicant-type')
  await visitor.fill('#victim-name', 'Browser Applicant')
  await visitor.fill('#victim-email', 'applicant@example.org')
  await visitor.selectOption('#district', 'E07000148')
  await visitor.fill('#summary', 'Shouting in the street every night')
  await fillIncident(visitor, 1, 50, 'Norfolk Constabulary')
  await fillIncident(visitor, 2, 30, 'Norwich City Council')
  await fillIncident(visitor, 3, 20, 'Norfolk Constabulary')
  await visitor.click('button[value=add_incident]')
  check(await visitor.isVisible('#incident-4-behaviour-day'), 'Add another incident adds a fourth row')
  check(await visitor.inputValue('#victim-name') === 'Browser Applicant', 'what was typed is kept')
  await axe(visitor, 'the application form with four rows')
  await fillIncident(visitor, 4, 10, 'Clarion Housing')
  await visitor.click('button[value=send]')
  check(visitor.url().startsWith(`${base}/asb-case-review/apply/sent?reference=ASB-`), 'the application is sent')
  const reference = (await visitor.textContent('#reference')).trim()
  check(/^ASB-\d{4}-\d{4}$/.test(reference), `the confirmation gives the reference ${reference}`)
  check(!(await visitor.textContent('main')).includes('Browser Applicant'), 'the confirmation shows nothing personal')
  await axe(visitor, 'the confirmation')

  // A case worker sees the application in triage, and enters a telephone application.
  const cass = await t.newPage()
  await t.signIn(cass, 'cass')
  await cass.goto(`${base}/asb`)
  const triage = await cass.textContent('main')
  check(triage.includes(reference) && triage.includes('Browser Applicant'), 'triage lists the new application with its victim for a case worker')
  check(triage.includes('4 qualifying complaints – met'), 'triage assesses the threshold')
  await axe(cass, '/asb (case worker)')
  await cass.goto(`${base}/asb/cases/new`)
  await axe(cass, '/asb/cases/new')
  await cass.check('#channel')
  await cass.check('#applicant-type-someone-else')
  await cass.fill('#victim-name', 'Telephone Victim')
  await cass.fill('#victim-phone', '01603 000000')
  await cass.fill('#applicant-name', 'Telephone Caller')
  await cass.fill('#applicant-phone', '01603 000001')
  await cass.fill('#applicant-relationship', 'daughter')
  await cass.selectOption('#district', 'E07000143')
  await cass.fill('#summary', 'Threats from a neighbour')
  await fillIncident(cass, 1, 40, 'Norfolk Constabulary')
  await cass.click('button[value=send]')
  check((await cass.textContent('.govuk-error-summary')).includes('Confirm that the victim has agreed'), 'a third party needs the victim\'s consent')
  await axe(cass, 'staff entry with an error')
  await cass.check('#applicant-consent')
  await cass.click('button[value=send]')
  check(/\/asb\/cases\/\d+$/.test(cass.url()), `staff entry leads to the case page (${cass.url()})`)

  for (const path of ['/asb/cases', '/asb/cases?district=E07000143&stage=awaiting_acknowledgement', '/asb/statistics',
    '/asb/statistics?year=2025&quarter=1', '/asb/agencies', '/asb/settings', '/asb?district=E07000148']) {
    const response = await cass.goto(base + path)
    check(response.status() === 200, `${path} answers ${response.status()}`)
    await axe(cass, `${path} (case worker)`)
  }

  // An officer sees the figures and the cases but no one's name.
  const olivia = await t.newPage()
  await t.signIn(olivia, 'olivia')
  await olivia.goto(`${base}/asb`)
  const officer = await olivia.textContent('main')
  check(officer.includes(reference) && !officer.includes('Browser Applicant') && !officer.includes('Telephone Victim'),
    'an officer sees the cases without the victims\' names')
  await axe(olivia, '/asb (officer)')

  // An administrator changes a setting; a bad value is shown beside its field.
  const ada = await t.newPage()
  await t.signIn(ada, 'ada')
  await ada.goto(`${base}/asb/settings`)
  await axe(ada, '/asb/settings (administrator)')
  await ada.fill('#setting-min_qualifying', 'three')
  await ada.click('form[action="/asb/settings"] button[type=submit]')
  check(await ada.isVisible('#setting-min_qualifying-error'), 'a bad setting is shown beside its field')
  await axe(ada, '/asb/settings with an error')
})

// Browser test of an ASB Case Review carried through the guidance's steps (issue #5), in headless
// Chromium on a throwaway database with the Norfolk demo: a case worker enters a telephone
// application, sends letter A, records the threshold as met and sends letter C(ii), appoints the
// lead agency, sets the panel with its agencies and the rota's peer reviewer, records the action
// plan, is refused letter E signed by the lead agency and sends it signed by the district council,
// reads it as HTML and PDF, records an appeal, its referral and decision, and the PCC's office
// being told. Each state of the case page is checked with axe-core at WCAG 2.2 AA.
//
// Usage: node tests/browser/case_review_case.mjs BUILD_DIR
// Prints "N passed, N failed" last and exits non-zero on any failure.
import { fillDate, start } from './harness.mjs'

const t = await start(process.argv[2], [['cass', 'Cass Worker', 'case_worker'],
  ['olivia', 'Olivia Officer', 'officer']])
const { base, check, axe } = t

// A day `days` from today (UTC) as YYYY-MM-DD.
const iso = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10)

await t.run(async () => {
  const cass = await t.newPage()
  await t.signIn(cass, 'cass')

  // Step 1: a telephone application, entered by the case worker.
  await cass.goto(`${base}/asb/cases/new`)
  await cass.check('#channel')
  await cass.check('#applicant-type')
  await cass.fill('#victim-name', 'Robin Caseflow')
  await cass.fill('#victim-address', '1 Example Row, Norwich')
  await cass.fill('#victim-phone', '01632 960777')
  await cass.selectOption('#district', 'E07000148')
  await cass.fill('#summary', 'Noise and threats from the flat above, most nights')
  const incidents = [[-60, 'Norfolk Constabulary'], [-45, 'Norwich City Council'], [-30, 'Clarion Housing']]
  for (const [n, [ago, agency]] of incidents.entries()) {
    await fillDate(cass, `incident-${n + 1}-behaviour`, ago)
    await fillDate(cass, `incident-${n + 1}-reported`, ago + 1)
    await cass.fill(`#incident-${n + 1}-agency`, agency)
  }
  await cass.click('button[value=send]')
  if (!/\/asb\/cases\/\d+$/.test(cass.url())) console.log((await cass.textContent('.govuk-error-summary').catch(() => '')).replace(/\s+/g, ' '))
  check(/\/asb\/cases\/\d+$/.test(cass.url()), `the telephone application is a case (${cass.url()})`)
  const caseUrl = cass.url()
  let main = await cass.textContent('main')
  check(main.includes('Robin Caseflow') && main.includes('Awaiting acknowledgement'), 'the case page shows the victim and the stage')
  check(main.includes('3 qualifying complaints'), 'the case page assesses the threshold: 3 qualifying complaints')
  await axe(cass, 'case page: a new application')

  // Letter A, then the threshold decision and letter C(ii).
  await cass.click('form[action$="/letters"] button[type=submit]')
  check((await cass.textContent('main')).includes('Awaiting threshold decision'), 'letter A sent: awaiting the threshold decision')
  await cass.check('#threshold-outcome')
  await cass.click('form[action$="/threshold"] button[type=submit]')
  await cass.click('form[action$="/letters"] button[type=submit]')
  main = await cass.textContent('main')
  check(main.includes('Letter C(ii)') && main.includes('Review under way'), 'letter C(ii) sent: the review is under way')
  await axe(cass, 'case page: review under way')

  // Step 3: the lead agency, with its independence note.
  await cass.selectOption('#lead-agency-id', { label: 'Norfolk Constabulary (Police)' })
  await cass.click('form[action$="/lead-agency"] button[type=submit]')
  check(await cass.isVisible('.govuk-error-summary'), 'a lead agency without its independence note is refused')
  await axe(cass, 'case page with an error')
  await cass.selectOption('#lead-agency-id', { label: 'Norfolk Constabulary (Police)' })
  await cass.fill('#lead-agency-independence', 'Most contact with the victim; reviewed by the OPT sergeant, who did not handle the reports.')
  await cass.click('form[action$="/lead-agency"] button[type=submit]')
  if (await cass.isVisible('.govuk-error-summary')) console.log((await cass.textContent('.govuk-error-summary')).replace(/\s+/g, ' '))
  check(!(await cass.isVisible('.govuk-error-summary')) && (await cass.textContent('main')).includes('reviewed by the OPT sergeant'), 'the lead agency and its independence note are recorded')

  // Step 5: the panel, its agencies and the peer reviewer from another council.
  await cass.fill('#panel-date', iso(0))
  for (const name of ['Norwich City Council', 'Norfolk Constabulary', 'Clarion Housing']) {
    await cass.locator('form[action$="/panel"]').getByLabel(name).check()
  }
  await cass.click('form[action$="/panel"] button[type=submit]')
  await cass.click('form[action$="/peer-reviewer"] button[type=submit]')
  main = await cass.textContent('main')
  const reviewer = await cass.locator('.govuk-summary-list__row', { hasText: 'Peer reviewer' }).first().textContent()
  check(/Council|Norfolk/.test(reviewer) && !reviewer.includes('Norwich City Council'),
    `a peer reviewer from another council is assigned: ${reviewer.replace(/\s+/g, ' ').trim()}`)

  // The outcome: an action plan with one action.
  await cass.check('#panel-outcome-action-plan')
  await cass.fill('#panel-findings', 'Noise abatement notice to be considered; tenancy warning by the landlord.')
  await cass.click('form[action$="/outcome"] button[type=submit]')
  await cass.fill('#action-text', 'Clarion Housing to issue a tenancy warning to the flat above')
  await cass.selectOption('#action-owner', { label: 'Clarion Housing (Housing provider)' })
  await cass.fill('#action-due', iso(14))
  await cass.click('form[action$="/actions"] button[type=submit]')
  check((await cass.textContent('main')).includes('issue a tenancy warning'), 'the action is on the plan')
  await axe(cass, 'case page: action plan')

  // Letter E: refused when signed by the lead agency, sent when signed by the district council.
  await cass.selectOption('#ol-signer-agency', { label: 'Norfolk Constabulary (Police)' })
  await cass.click('form[action$="/letters"] button[type=submit]')
  check((await cass.textContent('.govuk-error-summary')).includes('lead agency'), 'letter E signed by the lead agency is refused')
  await axe(cass, 'case page: letter E refused')
  await cass.selectOption('#ol-signer-agency', { label: 'Norwich City Council (District council)' })
  await cass.click('form[action$="/letters"] button[type=submit]')
  main = await cass.textContent('main')
  if (await cass.isVisible('.govuk-error-summary')) console.log((await cass.textContent('.govuk-error-summary')).replace(/\s+/g, ' '))
  check(main.includes('Letter E') && main.includes('Action plan being monitored'), 'letter E sent: the action plan is monitored')

  // The letter as HTML and as PDF.
  const letterHref = await cass.getAttribute('a:has-text("Letter E")', 'href')
  await cass.goto(base + letterHref)
  const letter = await cass.textContent('main')
  check(letter.includes('issue a tenancy warning') && letter.includes('Robin Caseflow'), 'letter E gives the action plan to the victim')
  await axe(cass, 'letter E')
  const pdf = await cass.request.get(`${base}${letterHref}.pdf`)
  check(pdf.status() === 200 && (await pdf.body()).subarray(0, 4).toString() === '%PDF', 'letter E as PDF')

  // Step 7: an appeal within the window, referred to another district, decided, the PCC told.
  await cass.goto(caseUrl)
  await cass.fill('#appeal-lodged-on', iso(0))
  await cass.check('#appeal-against-review')
  await cass.fill('#appeal-grounds', 'The action plan does not deal with the threats.')
  await cass.click('form[action$="/appeal"] button[type=submit]')
  main = await cass.textContent('main')
  check(main.includes('Appeal'), 'the appeal is recorded')
  await axe(cass, 'case page: appeal')
  const referral = await cass.$$eval('#appeal-referred-to option', os => os.map(o => o.textContent))
  check(referral.length > 1 && !referral.some(o => o.startsWith('Norwich')), 'the referral cannot go to the case\'s own district')
  await cass.fill('#appeal-escalated-on', iso(0))
  await cass.click('form[action$="/appeal-escalation"] button[type=submit]')
  await cass.selectOption('#appeal-referred-to', { label: "Breckland's team" })
  await cass.fill('#appeal-referred-on', iso(0))
  await cass.click('form[action$="/appeal-referral"] button[type=submit]')
  await cass.check('#appeal-outcome-not-upheld')
  await cass.fill('#appeal-decided-on', iso(0))
  await cass.click('form[action$="/appeal-decision"] button[type=submit]')
  await cass.fill('#appeal-pcc-notified-on', iso(0))
  await cass.click('form[action$="/appeal-pcc"] button[type=submit]')
  const appeal = await cass.locator('.govuk-summary-list', { hasText: "PCC's office notified" }).textContent()
  check(appeal.includes("Breckland") && appeal.includes('Not upheld') && !appeal.includes('Not yet'),
    'the appeal was escalated, referred to Breckland\'s team, not upheld, and the PCC\'s office notified')
  check((await cass.textContent('main')).includes('Action plan being monitored'), 'after the appeal the action plan is monitored again')
  await axe(cass, 'case page: appeal decided')

  // Step 6: the action is completed, and the plan with it.
  await cass.fill('form[action*="/actions/"] input[type=text]', iso(0))
  await cass.click('form[action*="/actions/"] button[type=submit]')
  check((await cass.textContent('main')).includes('Outcome sent'), 'with its one action complete the plan is done: outcome sent')
  const officer = await t.newPage()
  await t.signIn(officer, 'olivia')
  await officer.goto(caseUrl)
  const seen = await officer.textContent('main')
  check(seen.includes('Action plan') && !seen.includes('Robin Caseflow') && !seen.includes('01632 960777'),
    'an officer sees the case without the victim\'s name or phone')
  const refused = await officer.goto(base + letterHref)
  check(refused.status() === 403, 'an officer may not read the letter')
  await axe(officer, 'case page (officer)')
  await cass.goto(caseUrl)
  check((await cass.textContent('main')).includes('olivia'), 'the access log shows the officer\'s view')
})

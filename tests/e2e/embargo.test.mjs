// Issue 11, items 2 and 12, in the real app: an embargo time the clocks skip
// is refused with the valid time offered, a time that happens twice needs a
// choice that is saved and shows in the export with its UTC offset, and a
// German release gets German phrases and type label.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Session, makeProfile, stepper } from './webdriver.mjs';

const profile = makeProfile('embargo');
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);

/** Clicks an export button (DATELINE_EXPORT_DIR skips the dialog) and
 *  returns the path of the one file with that extension it wrote. */
async function exportThroughUi(s, button, ext) {
  const before = new Set(fs.readdirSync(profile.exportDir));
  await s.clickButton(button);
  const name = await s.waitFor(
    () => fs.readdirSync(profile.exportDir).find((f) => f.endsWith(ext) && !before.has(f)),
    { what: `a new ${ext} file from "${button}"` },
  );
  return path.join(profile.exportDir, name);
}

test('embargo times around the clock changes, and a German release', async () => {
  let id;
  await step('a new release, embargoed, in Europe/Zurich', async () => {
    session = await Session.start(profile);
    const s = session;
    await s.clickButton('New release');
    await s.waitFor(async () => (await s.text('[data-testid="status-badge"]')) === 'Draft', { what: 'a new draft' });
    await s.fill('Headline', 'Lake Mirren ferry timetable changes with the clocks');
    await s.setValue('Date', '2026-03-20');
    await s.click(await s.byLabel('Embargo'));
    await s.fill('Time zone', 'Europe/Zurich');
    await s.setValue('Embargoed until', '2026-06-04T09:00');
    await s.waitForText('#embargo-offset', 'UTC+02:00');
    await s.waitSaved();
    const list = await s.invoke('list_releases', { query: { text: '', sort: 'recent', limit: 0 } });
    id = list.find((r) => r.headline.startsWith('Lake Mirren ferry')).id;
  });

  await step('02:30 on the night the clocks go forward is refused, with 03:30 offered', async () => {
    const s = session;
    await s.setValue('Embargoed until', '2026-03-29T02:30');
    await s.waitForText('#embargo-nonexistent p', /^02:30 on 2026-03-29 in Europe\/Zurich does not exist: the clocks go from 02:00 straight to 03:00/);
    await s.waitSaved();
    const refused = await s.invokeRaw('export_release', { id, format: 'html', mode: 'draft' });
    assert.equal(refused.ok, false, 'the export is refused');
    assert.match(refused.error.message, /does not exist/);
    await s.clickButton('Use 2026-03-29 03:30');
    assert.equal(await s.valueOf('Embargoed until'), '2026-03-29T03:30');
    await s.waitForText('#embargo-offset', 'UTC+02:00');
  });

  await step('02:30 on the night the clocks go back needs a choice, which is saved', async () => {
    const s = session;
    await s.setValue('Embargoed until', '2026-10-25T02:30');
    await s.waitForText('#embargo-ambiguous legend', /happens twice: the clocks go back from 03:00 to 02:00/);
    await s.waitSaved();
    const refused = await s.invokeRaw('export_release', { id, format: 'html', mode: 'draft' });
    assert.equal(refused.ok, false, 'no export before the officer chose');
    assert.match(refused.error.message, /happens twice/);
    const second = await s.find('#embargo-ambiguous input[value="+01:00"]');
    await s.click(second);
    await s.waitFor(() => s.exec(`return document.querySelector('#embargo-ambiguous:not(.problem)') !== null`), {
      what: 'the choice to be accepted',
    });
    await s.waitSaved();
    const r = await s.invoke('get_release', { id });
    assert.deepEqual(r.timing, { kind: 'embargoed', until: '2026-10-25T02:30', time_zone: 'Europe/Zurich', offset: '+01:00' });
    // Through the editor's button, as an officer would: an export snapshots
    // a version, and the editor takes its revision from the result.
    const html = fs.readFileSync(await exportThroughUi(s, 'Export HTML…', '.html'), 'utf8');
    assert.ok(
      html.includes('<time datetime="2026-10-25T02:30:00+01:00">EMBARGOED UNTIL 02:30 (UTC+01:00, Europe/Zurich), 25 October 2026</time>'),
      'the HTML says which 02:30',
    );
  });

  await step('a German release: German type label and phrases', async () => {
    const s = session;
    assert.equal(await s.valueOf('Type'), 'PRESS RELEASE');
    await s.fill('Language', 'de');
    await s.waitFor(async () => (await s.valueOf('Type')) === 'PRESSEMITTEILUNG', { what: 'the type label in German' });
    const offered = await s.exec(`return [...document.querySelectorAll('#language-options option')].map((o) => o.value);`);
    for (const tag of ['de', 'it', 'pt', 'ja', 'ko', 'sw', 'tr', 'uk']) assert.ok(offered.includes(tag), `${tag} offered`);
    await s.waitSaved();
    const text = fs.readFileSync(await exportThroughUi(s, 'Export text…', '.txt'), 'utf8');
    // The UN house style puts the timing line under the type label.
    assert.ok(text.startsWith('PRESSEMITTEILUNG\n\nSPERRFRIST BIS 02:30 (UTC+01:00, Europe/Zurich), 25. Oktober 2026\n'), text);
    assert.ok(!text.includes('EMBARGOED'), text);
    const preview = await s.invoke('render_preview', { release: await s.invoke('get_release', { id }) });
    assert.deepEqual(preview.warnings, []);
  });
});

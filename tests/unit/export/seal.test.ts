// The export seal: what was chosen at export is signed by the person exporting, who must be on the
// roster; a copy whose letterhead, date line or layout was changed and the page made anew from it
// (the app's own renderer, as a forger would use it) is refused, and so is one nobody sealed.
import { describe, expect, it } from 'vitest';
import { readCopyBytes } from '../../../electron/services/export/read-copy';
import { htmlCopy } from '../../../electron/services/export/make-copy';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { copyFontCss } from '../../../electron/services/export/fonts';
import { checkCopy, defaultLayout, exportedBy, parseManifest, renderCopy, sealManifest, type CopyManifest } from '../../../shared/export';
import { fingerprint, signerFromSecretKey } from '../../../shared/signoff';
import { AMINA, EXPORTED_AT, changed, message } from '../../helpers/export';

const doc = message({ title: 'New Year message', upTo: 'Signed', blocks: [{ kind: 'paragraph', text: 'Good evening, dear fellow citizens.' }] });
const layout = { ...defaultLayout(doc, 'letter'), place: 'Aldport', date: '2026-12-31' };
const { manifest } = htmlCopy(doc, { format: 'html', layout, at: EXPORTED_AT }, await exporterFromSigner(AMINA.signer, AMINA.member));

/** The HTML copy Signet's renderer makes from this manifest, checked as `signet verify` checks it. */
async function check(m: CopyManifest) {
  const html = renderCopy(m, { fontCss: copyFontCss(m) });
  const read = await readCopyBytes(new TextEncoder().encode(html), 'copy.html');
  return { ...checkCopy(read.manifest, read.seen), markup: read.markup };
}

describe('the export seal', () => {
  it('a sealed copy names its exporter, and what they chose', async () => {
    const result = await check(manifest);
    expect(result).toMatchObject({ authentic: true, problems: [], markup: null });
    expect(exportedBy(manifest, result.exporter!)).toBe(`Exported by Amina Yusuf, Head of Speechwriting, key ${fingerprint(AMINA.member.publicKey)}, on 2 December 2026, 09:30 UTC`);
    expect(result.chosenAtExport).toEqual(['the letterhead “City of Aldport”', 'the date line “Aldport, 31 December 2026”']);
  });

  it('another letterhead, date line, page size, where link addresses go or export time, the page made anew: the seal does not verify', async () => {
    const forgeries: [string, (m: CopyManifest) => void][] = [
      ['letterhead', (m) => (m.layout.organisation = 'City of Aldport Fan Club')],
      ['date line', (m) => (m.layout.date = '2027-01-01')],
      ['place', (m) => (m.layout.place = 'Brussels')],
      ['page size', (m) => (m.layout.pageSize = 'Letter')],
      ['where links are printed', (m) => (m.layout.links = 'notes')],
      ['export time', (m) => (m.exportedAt = '2026-12-24T09:30:00.000Z')],
    ];
    for (const [what, change] of forgeries) {
      const result = await check(changed(manifest, change));
      expect(result.authentic, what).toBe(false);
      expect(result.problems, what).toEqual([expect.stringMatching(/^its export seal does not verify: what the copy shows beyond the approved words/)]);
    }
  });

  it('a copy with no seal, or sealed by someone not on the roster, is not authentic', async () => {
    const bare = changed(manifest, (m) => delete m.seal);
    expect((await check(bare)).problems).toEqual([expect.stringMatching(/^it carries no export seal, so nobody vouches for what was chosen/)]);
    const stranger = signerFromSecretKey(new Uint8Array(32).fill(7));
    const resealed = sealManifest(changed(manifest, (m) => (m.layout.organisation = 'Another City')), stranger, null);
    expect((await check(resealed)).problems).toEqual([expect.stringMatching(/^it was exported with a key that is not on the message's roster \(\w{5} \w{5} \w{5} \w{5}\): nobody can check who exported it$/)]);
  });

  it('a date line is a date: free text in its place is refused when exporting and when reading', () => {
    expect(() => htmlCopy(doc, { format: 'html', layout: { ...layout, date: 'Christmas Eve, at midnight' }, at: EXPORTED_AT })).toThrow('The date line needs a date (YYYY-MM-DD), not "Christmas Eve, at midnight".');
    expect(parseManifest(JSON.stringify(changed(manifest, (m) => (m.layout.date = 'tomorrow'))))).toBe('its date line\'s day is not a date (YYYY-MM-DD) but "tomorrow"');
  });
});

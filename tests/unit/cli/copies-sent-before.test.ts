// Copies already sent out keep verifying: final copies an earlier Signet exported (a signet-copy-3
// PDF and HTML, tests/fixtures/copies) are checked by this Signet's `signet verify --cards`, which
// rebuilds each page from the copy's own format's words. A change of the words on the page without a
// new format fails here.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSignet } from '../../helpers/cli';
import { findChromium } from '../../helpers/export';

const here = resolve(import.meta.dirname, '../../fixtures/copies/signet-copy-3');
const noChromium = findChromium() ? '' : ' (skipped: no Chromium or Chrome was found to print the comparison)';

describe('copies an earlier Signet exported', () => {
  it.skipIf(!!noChromium)(`a signet-copy-3 PDF verifies as authentic, with its certificate's words${noChromium}`, async () => {
    const r = await runSignet(here, ['verify', 'New Year message.pdf', '--cards', 'cards'], 60_000);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ok: New Year message.pdf is an authentic final copy of "New Year message" (Signed)');
    expect(r.code).toBe(0);
  });

  it('a signet-copy-3 HTML copy verifies as authentic', async () => {
    const r = await runSignet(here, ['verify', 'New Year message.html', '--cards', 'cards']);
    expect(r.stdout).toContain('ok: New Year message.html is an authentic final copy of "New Year message" (Signed)');
    expect(r.code).toBe(0);
  });
});

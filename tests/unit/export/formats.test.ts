// Manifest formats: a copy is rebuilt with its own format's words, so a copy sent out before the
// certificate changed (signet-copy-1, -2) is still the page Signet makes from its manifest.
import { describe, expect, it } from 'vitest';
import { buildManifest, copyText, defaultLayout, MANIFEST_FORMAT, parseManifest, renderCopy } from '../../../shared/export';
import { EXPORTED_AT, message } from '../../helpers/export';

const doc = message({ title: 'New Year message', upTo: 'Signed', blocks: [{ kind: 'paragraph', text: 'Good evening, dear fellow citizens.' }] });
const manifest = buildManifest(doc, { layout: defaultLayout(doc, 'statement'), at: EXPORTED_AT });

describe('manifest formats', () => {
  it('a new copy is signet-copy-4, and its certificate names the export time', () => {
    expect(MANIFEST_FORMAT).toBe('signet-copy-4');
    expect(copyText(manifest)).toContain('Exported on2 December 2026, 09:30 UTC');
    expect(copyText(manifest)).not.toContain('run “signet verify” on this file');
  });

  it('a signet-copy-1 copy keeps the first certificate, word for word, and its CSS', () => {
    const { links: _links, ...layout } = manifest.layout;
    const first = { ...manifest, format: 'signet-copy-1' as const, layout };
    expect(parseManifest(JSON.stringify(first))).toMatchObject({ format: 'signet-copy-1' });
    const text = copyText(first);
    expect(text).toContain('StepNameRoleTimeKey fingerprintText approved');
    expect(text).toContain('To check this copy, run “signet verify” on this file');
    expect(text).not.toContain('Exported on');
    const html = renderCopy(first, { fontCss: '' });
    expect(html).not.toContain('.certificate .steps');
    expect(renderCopy(manifest, { fontCss: '' })).toContain('.certificate .steps');
  });

  it('signet-copy-2 and -3 copies keep their words on how to check them; a signet-copy-4 copy names the three ways', () => {
    const { links: _links, ...layout } = manifest.layout;
    const second = copyText({ ...manifest, format: 'signet-copy-2' as const, layout });
    expect(second).toContain('To check this copy: open the PDF in a reader that shows signatures');
    expect(second).not.toContain('verifier page');
    // A signet-copy-3 copy sent out before the certificate named the verifier page is still the page Signet makes from it.
    const third3 = copyText({ ...manifest, format: 'signet-copy-3' as const });
    expect(third3).toContain('To check this copy: open the PDF in a reader that shows signatures');
    expect(third3).not.toContain('verifier page');
    const third = copyText(manifest);
    for (const way of ['open its signature panel', 'on Signet’s verifier page', 'run “signet verify” on the file']) expect(third).toContain(way);
  });
});

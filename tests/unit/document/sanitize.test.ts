import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { protectInlineAttributes, sanitizeTree } from '../../../shared/document';

function clean(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${protectInlineAttributes(html)}</body></html>`);
  sanitizeTree(document.body as unknown as Element);
  return document.body.innerHTML;
}

describe('paste sanitiser', () => {
  it("turns Google Docs' styled spans into bold and italic, and drops its bold:normal wrapper", () => {
    const html =
      '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700;color:#000">Bold</span> ' +
      '<span style="font-style:italic">italic</span> <span style="font-weight:400">plain</span> ' +
      '<span style="text-decoration:underline line-through">both</span></p></b>';
    expect(clean(html)).toBe('<p><span><strong>Bold</strong></span> <span><em>italic</em></span> <span>plain</span> <span><u><s>both</s></u></span></p>');
  });
  it('keeps no style, handler, script or unsafe link', () => {
    const out = clean('<p style="color:red" onclick="x()" onmouseover=y()>a<script>z()</script><a href="javascript:alert(1)">b</a><a href="https://ok.example">c</a></p>');
    expect(out).toBe('<p>ab<a href="https://ok.example">c</a></p>');
  });
  it('changes only attributes inside tags, never the words', () => {
    expect(clean('<p>Set style= and onclick= in the text</p>')).toBe('<p>Set style= and onclick= in the text</p>');
  });
});

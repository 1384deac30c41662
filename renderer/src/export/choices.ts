// The export dialog's choices and what it says about them: the options it starts with, the
// versions it offers, and the one sentence that says what the copy will be.
import type { ExportOptions, ExportSummary, Version } from '../../../shared/ipc';
import type { Translate } from '../i18n';

export type Template = ExportOptions['template'];
export const TEMPLATES: Template[] = ['letter', 'statement', 'reading', 'redline'];
export const PAGE_SIZES: ExportOptions['pageSize'][] = ['A4', 'Letter'];
export const LINK_STYLES: NonNullable<ExportOptions['links']>[] = ['brackets', 'notes'];

/** A picture the person chose, as main read and checked it. */
export interface Picture {
  name: string;
  bytes: Uint8Array;
}

/** Everything the dialog asks for; pictures are kept with their names, and sent as bytes. */
export type Choices = Omit<ExportOptions, 'logo' | 'signature'> & { logo: Picture | null; signature: Picture | null };

export function initialChoices(organisation: string, pdf: boolean): Choices {
  return { format: pdf ? 'pdf' : 'html', template: 'statement', pageSize: 'A4', organisation, place: '', date: '', closing: '', links: 'brackets', logo: null, signature: null };
}

/** Versions a copy can be made of or compared with: the named ones, newest first. */
export const namedVersions = (versions: Version[]): Version[] => versions.filter((v) => v.name.trim());

/** The options as the main process takes them: only what the template uses. */
export function optionsOf(c: Choices): ExportOptions {
  const { logo, signature, compareWith, ...rest } = c;
  return {
    ...rest,
    ...(c.template === 'redline' && compareWith ? { compareWith } : {}),
    ...(c.template === 'letter' && logo ? { logo: logo.bytes } : {}),
    ...(signature ? { signature: signature.bytes } : {}),
  };
}

/** What the copy will be, in one sentence. */
export function statement(s: ExportSummary, ofVersion: boolean, t: Translate, versionName: (v: { name: string; at: string } | null | undefined) => string): string {
  if (s.kind === 'redline') return t('export.redline', { from: versionName(s.from), to: versionName(s.to) });
  if (s.kind === 'draft') return t(ofVersion ? 'export.draftVersion' : 'export.draft', { state: t(`state.${s.state}`) });
  if (s.state === 'Signed' && s.signatory) return t('export.final.Signed', { name: s.signatory });
  return t('export.final.Approved', { names: s.approvers.join(', ') });
}

/** A PNG's bytes as a data: URL, which the page's CSP allows for images. */
export function pngUrl(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(s)}`;
}

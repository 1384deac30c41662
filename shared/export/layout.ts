// How a copy is laid out: the templates, page sizes and margins. The words printed on its pages,
// in each language, are in words.ts.
import { ENGLISH } from './words';

export const COPY_TEMPLATES = ['letter', 'statement', 'reading'] as const;
export type CopyTemplate = (typeof COPY_TEMPLATES)[number];
export type LayoutTemplate = CopyTemplate | 'redline';

export const PAGE_SIZES = ['A4', 'Letter'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/**
 * Where a link's address is printed, so a reader of paper or a PDF sees where it pointed: after
 * its words in brackets, or as a numbered note listed at the end of the text (signet-copy-3).
 */
export const LINK_STYLES = ['brackets', 'notes'] as const;
export type LinkStyle = (typeof LINK_STYLES)[number];

export const TEMPLATE_NAMES: Record<LayoutTemplate, string> = ENGLISH.templates;

export interface Layout {
  template: LayoutTemplate;
  pageSize: PageSize;
  /** The letterhead's organisation (Letter), and the date line's place and day (YYYY-MM-DD). */
  organisation: string;
  place: string;
  date: string;
  /** The closing line of a signature block the message does not hold itself. */
  closing: string;
  /** BCP 47 language of the message, for the page's lang. */
  language: string;
  /** Where links' addresses are printed; copies before signet-copy-3 printed none. */
  links?: LinkStyle;
}

/** Page margins in millimetres: top, right, bottom, left. */
export const MARGINS: Record<LayoutTemplate, [number, number, number, number]> = {
  letter: [20, 25, 22, 25],
  statement: [25, 25, 22, 25],
  reading: [22, 30, 22, 30],
  redline: [18, 20, 20, 20],
};

export const PAGE_MM: Record<PageSize, [number, number]> = { A4: [210, 297], Letter: [215.9, 279.4] };

// English words, as signet-copy-1 and -2 copies print them (words.ts has them in each language).
export const DRAFT_MARK = ENGLISH.draft;
export const NOT_APPROVED = ENGLISH.notApproved;
export const CHECK_AGAINST_DELIVERY = ENGLISH.checkAgainstDelivery;

// How a copy is laid out: the templates, page sizes and the words printed on every page. The
// words on the page's margins are here once, because `signet verify` must know them to set them
// aside when it reads a PDF's text.

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

export const TEMPLATE_NAMES: Record<LayoutTemplate, string> = {
  letter: 'Letter',
  statement: 'Statement',
  reading: 'Reading copy',
  redline: 'Comparison (redline)',
};

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

export const DRAFT_MARK = 'DRAFT';
export const NOT_APPROVED = 'Not approved';
export const CHECK_AGAINST_DELIVERY = 'Check against delivery';
/** The heading of the addresses a copy lists at the end, for links printed as numbered notes. */
export const LINKS_HEADING = 'Links';

/** "Page 2 of 5": the page number printed at the foot of every page. */
export const pageNumber = (page: number, pages: number): string => `Page ${page} of ${pages}`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "29 November 2026", the same on every machine (no locale, no time zone). */
export function longDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "29 November 2026, 14:03 UTC", from an ISO time. */
export function longTime(iso: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${longDate(iso)}, ${m[1]}:${m[2]} UTC` : iso;
}

// The words Signet itself prints on a copy (page numbers, DRAFT, "Check against delivery", the
// certificate, dates), in the message's language rather than the interface's: a Chinese city's
// letter is read by people who read Chinese. From signet-copy-3 a copy of a message whose
// language is Chinese prints them in Simplified Chinese; every other copy, and every older one
// (whose page is rebuilt word for word when checked), prints them in English.
// (It imports nothing: layout.ts takes its English words from here.)
type LayoutTemplate = 'letter' | 'statement' | 'reading' | 'redline';

export interface CopyWords {
  draft: string;
  notApproved: string;
  checkAgainstDelivery: string;
  links: string;
  untitled: string;
  /** "Page 2 of 5", and the same as the CSS of the page's margin. */
  page(page: number, pages: number): string;
  pageCss: string;
  /** A day (YYYY-MM-DD) and a time (ISO) as printed. */
  date(day: string): string;
  time(iso: string): string;
  /** A letter's date line: "Aldport, 29 November 2026". */
  dateline(place: string, day: string): string;
  templates: Record<LayoutTemplate, string>;
  /** A redline's header: which versions, and how changes are marked. */
  version(name: string, at: string): string;
  textOf(at: string): string;
  compared(from: string, to: string): string;
  legend: [inserted: string, isUnderlined: string, deleted: string, isStruck: string];
  certificate: {
    title(signed: boolean): string;
    message: string;
    messageId: string;
    text: string;
    shows(what: string): string;
    version(name: string, at: string): string;
    asExported: string;
    digest: string;
    state: string;
    states: Record<string, string>;
    exportedOn: string;
    exportedBy: string;
    exporterKey: string;
    step(signed: boolean): [what: string, rest: (who: string, at: string) => string];
    key: string;
    about(signed: boolean): string;
    thisText: string;
    otherText(digest: string): string;
    /** How to check the copy, as signet-copy-2 and -3 certificates say it. */
    how: string;
    /** How to check it with or without Signet (signet-copy-4): the signature panel, the verifier page, signet verify. */
    howAnywhere: string;
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const dayParts = (day: string): [number, number, number] | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
};
const clock = (iso: string): string | null => {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[1]}:${m[2]}` : null;
};

/** "29 November 2026", the same on every machine (no locale, no time zone). */
export function longDate(day: string): string {
  const d = dayParts(day);
  return d ? `${d[2]} ${MONTHS[d[1] - 1] ?? d[1]} ${d[0]}` : day;
}

/** "29 November 2026, 14:03 UTC", from an ISO time. */
export function longTime(iso: string): string {
  const at = clock(iso);
  return at ? `${longDate(iso)}, ${at} UTC` : iso;
}

export const ENGLISH: CopyWords = {
  draft: 'DRAFT',
  notApproved: 'Not approved',
  checkAgainstDelivery: 'Check against delivery',
  links: 'Links',
  untitled: 'Untitled message',
  page: (page, pages) => `Page ${page} of ${pages}`,
  pageCss: `'Page ' counter(page) ' of ' counter(pages)`,
  date: longDate,
  time: longTime,
  dateline: (place, day) => [place, longDate(day)].filter(Boolean).join(', '),
  templates: { letter: 'Letter', statement: 'Statement', reading: 'Reading copy', redline: 'Comparison (redline)' },
  version: (name, at) => `${name ? `“${name}” ` : ''}(${longTime(at)})`,
  textOf: (at) => `the text of ${longTime(at)}`,
  compared: (from, to) => `Comparison (redline): ${from} compared with ${to}`,
  legend: ['Inserted text', ' is underlined; ', 'deleted text', ' is struck through.'],
  certificate: {
    title: (signed) => (signed ? 'Certificate of approval and signature' : 'Certificate of approval'),
    message: 'Message',
    messageId: 'Message id',
    text: 'Text',
    shows: (what) => `This copy shows ${what}.`,
    version: (name, at) => `the version${name ? ` “${name}”` : ''} saved on ${longTime(at)}`,
    asExported: 'the message as it stood when this copy was exported',
    digest: 'Digest of the text (SHA-256)',
    state: 'State',
    states: {},
    exportedOn: 'Exported on',
    exportedBy: 'Exported by',
    exporterKey: 'Exporter’s key',
    step: (signed) => [signed ? 'Signed' : 'Approved', (who, at) => ` by ${who}, on ${at}`],
    key: 'Key fingerprint: ',
    about: (signed) => `Text ${signed ? 'signed' : 'approved'}: `,
    thisText: 'the text of this copy (its digest above)',
    otherText: (digest) => `another text, digest ${digest} …`,
    how: 'To check this copy: open the PDF in a reader that shows signatures (Adobe Acrobat Reader, Preview) and look at its signature panel, which shows who exported it and that the file is unchanged since; or run “signet verify” on the file, which recomputes the digest from the text in the copy’s manifest, checks that these pages show that text, and verifies each signature with the key whose fingerprint is shown.',
    howAnywhere: 'To check this copy, with or without Signet: (1) in a PDF reader that shows signatures (Adobe Acrobat Reader, Preview), open its signature panel, which names who exported the file and says whether it has changed since; (2) drop the file, PDF or HTML, on Signet’s verifier page (one HTML file, from the sender or their organisation’s website, that any browser opens offline), which checks each approval, the signature, who exported it and that these pages show the approved text; (3) with Signet, run “signet verify” on the file, which checks the same and also compares these pages with a fresh print. Compare the key fingerprints above with the member cards of the people named.',
  },
};

const chineseDate = (day: string): string => {
  const d = dayParts(day);
  return d ? `${d[0]}年${d[1]}月${d[2]}日` : day;
};
const chineseTime = (iso: string): string => {
  const at = clock(iso);
  return at ? `${chineseDate(iso)} ${at}（UTC）` : iso;
};

export const CHINESE: CopyWords = {
  draft: '草稿',
  notApproved: '未经批准',
  checkAgainstDelivery: '以实际讲话为准',
  links: '链接',
  untitled: '无标题文稿',
  page: (page, pages) => `第 ${page} 页，共 ${pages} 页`,
  pageCss: `'第 ' counter(page) ' 页，共 ' counter(pages) ' 页'`,
  date: chineseDate,
  time: chineseTime,
  dateline: (place, day) => [place, chineseDate(day)].filter(Boolean).join('，'),
  templates: { letter: '信函', statement: '声明', reading: '朗读稿', redline: '对比稿' },
  version: (name, at) => `${name ? `“${name}”` : ''}（${chineseTime(at)}）`,
  textOf: (at) => `${chineseTime(at)}的文本`,
  compared: (from, to) => `对比稿：${from}与${to}对比`,
  legend: ['插入的文字', '加下划线；', '删除的文字', '加删除线。'],
  certificate: {
    title: (signed) => (signed ? '批准与签署证明' : '批准证明'),
    message: '文稿',
    messageId: '文稿编号',
    text: '文本',
    shows: (what) => `本副本所示为${what}。`,
    version: (name, at) => `${chineseTime(at)}保存的版本${name ? `“${name}”` : ''}`,
    asExported: '导出本副本时的文稿',
    digest: '文本摘要（SHA-256）',
    state: '状态',
    states: { Approved: '已批准', Signed: '已签署' },
    exportedOn: '导出时间',
    exportedBy: '导出人',
    exporterKey: '导出人的密钥',
    step: (signed) => [signed ? '签署' : '批准', (who, at) => `：${who}，${at}`],
    key: '密钥指纹：',
    about: (signed) => `${signed ? '所签署' : '所批准'}的文本：`,
    thisText: '本副本的文本（摘要见上）',
    otherText: (digest) => `另一文本，摘要 ${digest} …`,
    how: '核对本副本：在能显示签名的阅读器（Adobe Acrobat Reader、“预览”）中打开此 PDF，查看签名面板，其中显示导出人以及文件自签名以来未被更改；或对此文件运行“signet verify”，它根据副本清单中的文本重新计算摘要，检查这些页面所示即为该文本，并用所示指纹对应的密钥验证每一个签名。',
    howAnywhere: '核对本副本（无论是否装有 Signet）：（1）在能显示签名的 PDF 阅读器（Adobe Acrobat Reader、“预览”）中打开签名面板，其中显示导出人，以及文件自签名以来是否被更改；（2）将文件（PDF 或 HTML）拖放到 Signet 核验页面上（一个 HTML 文件，由发件人提供或见其所在机构网站，任何浏览器均可离线打开），它核对每一项批准、签名、导出人，以及这些页面所示是否为所批准的文本；（3）如装有 Signet，对此文件运行“signet verify”，它核对同样的内容，并将这些页面与重新打印的页面比对。请将上方的密钥指纹与所列人员的成员卡比对。',
  },
};

/** The words a copy prints: its message's language from signet-copy-3, else English. */
export function copyWords(m: { format: string; layout: { language: string } }): CopyWords {
  const localised = m.format !== 'signet-copy-1' && m.format !== 'signet-copy-2';
  return localised && /^zh\b/i.test(m.layout.language) ? CHINESE : ENGLISH;
}

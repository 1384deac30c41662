// A reason a copy is not authentic, in any language: `signet verify` prints its English (the
// sentence it always printed), the verifier page says it in the page's language. The words are
// here rather than in shared/i18n.ts, which imports the features and not the other way round. A
// reason not yet given words of its own (`englishReason`: a record's, the PDF signature's, a
// hazard's, the markup's, the cards' other than the exporter's) is its English alone.

/** The languages a reason is said in: the interface's (shared/i18n.ts Language). */
export type ReasonLanguage = 'en' | 'zh-CN';

const REASONS = {
  'reason.words': {
    en: 'the words on the page are not the manifest\'s text: the manifest has “…{expected}…” where the page has “…{seen}…”',
    'zh-CN': '页面上的文字不是清单中的文本：清单中为“…{expected}…”，页面上却是“…{seen}…”',
  },
  'reason.redline': {
    en: 'it is a comparison of two versions, not a final copy',
    'zh-CN': '这是两个版本的对照稿，不是定稿副本',
  },
  'reason.draft': {
    en: 'it is a draft copy, marked "{mark}": its text is {state}, not approved',
    'zh-CN': '这是草稿副本，标有“{mark}”：其文本状态为 {state}，尚未获批',
  },
  'reason.notFinal': {
    en: 'it says it is a final copy, but its records make its text {state}, not Approved or Signed',
    'zh-CN': '它自称定稿副本，但其记录表明文本状态为 {state}，既未获批也未签署',
  },
  'reason.otherPdfKey': {
    en: 'its PDF signature was made by “{name}” with a key its exporter\'s seal does not name: someone other than the exporter signed this file',
    'zh-CN': '其 PDF 签名由“{name}”以导出者印鉴未列明的密钥作出：签署此文件的不是导出者本人',
  },
  'reason.digest': {
    en: 'the manifest\'s text is not the text its digest names (the digest of its text is {digest}…, the manifest says {named}…)',
    'zh-CN': '清单中的文本与其摘要不符（文本的摘要为 {digest}…，清单所载为 {named}…）',
  },
  'reason.noSeal': {
    en: 'it carries no export seal, so nobody vouches for what was chosen when it was exported (the template, letterhead, date line, closing and pictures)',
    'zh-CN': '它没有导出印鉴，因此无人为导出时所选的内容（模板、信头、日期行、结束语和图片）作保',
  },
  'reason.badSeal': {
    en: 'its export seal does not verify: what the copy shows beyond the approved words (its layout, letterhead, date line, closing, pictures or times) is not what its exporter chose',
    'zh-CN': '其导出印鉴无法验证：副本中获批文字以外的内容（版式、信头、日期行、结束语、图片或时间）并非导出者所选',
  },
  'reason.sealKey': {
    en: 'it was exported with a key that is not on the message\'s roster ({key}): nobody can check who exported it',
    'zh-CN': '导出所用的密钥不在该消息的成员名册上（{key}）：无人能核实导出者是谁',
  },
  'reason.exporterNoCard': {
    en: 'the copy was exported by {name}, key {key}, which is on none of the member cards in {where}: someone may be posing as them',
    'zh-CN': '该副本由 {name} 导出，密钥 {key} 不在{where}中的任何成员名片上：可能有人冒充此人',
  },
  'reason.exporterPdfKey': {
    en: 'the copy\'s PDF signing key is not the one on {name}\'s member card in {where}',
    'zh-CN': '该副本的 PDF 签名密钥与{where}中 {name} 的成员名片上的密钥不符',
  },
} satisfies Record<string, Record<ReasonLanguage, string>>;

export type ReasonKey = keyof typeof REASONS;

export interface Reason {
  /** The sentence `signet verify` prints. */
  text: string;
  /** Its words here, and the values they are filled with; null: English only. */
  key: ReasonKey | null;
  values: Record<string, string>;
}

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/** A reason with words of its own in each language. */
export const reason = (key: ReasonKey, values: Record<string, string> = {}): Reason => ({ text: fill(REASONS[key].en, values), key, values });

/** A reason in English only (what it names has no translation yet). */
export const englishReason = (text: string): Reason => ({ text, key: null, values: {} });

/** The reason in `language`. */
export const reasonIn = (language: ReasonLanguage, r: Reason): string => (r.key ? fill(REASONS[r.key][language], r.values) : r.text);

/** Every reason's words, for the tests that each language has them all. */
export const reasonWords: Readonly<Record<ReasonKey, Readonly<Record<ReasonLanguage, string>>>> = REASONS;

// The starting words of a new message. Placeholders in square brackets are the app's own words,
// for the writer to replace.

export type TemplateBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'signature'; lines: string[] };

export interface MessageTemplate {
  id: 'blank' | 'letter' | 'speech' | 'new-year';
  name: string;
  title: string;
  blocks: TemplateBlock[];
}

const signature = (closing: string): TemplateBlock => ({
  kind: 'signature',
  lines: [closing, '[Signatory name]', '[Title]', '[Place], [Date]'],
});

export const TEMPLATES: readonly MessageTemplate[] = [
  { id: 'blank', name: 'Blank', title: 'Untitled message', blocks: [{ kind: 'paragraph', text: '' }] },
  {
    id: 'letter',
    name: 'Letter',
    title: 'Letter',
    blocks: [
      { kind: 'paragraph', text: '[Recipient name]' },
      { kind: 'paragraph', text: '[Opening greeting],' },
      { kind: 'paragraph', text: '[Why you are writing]' },
      { kind: 'paragraph', text: '[What you ask or announce]' },
      signature('Yours sincerely,'),
    ],
  },
  {
    id: 'speech',
    name: 'Speech',
    title: 'Speech',
    blocks: [
      { kind: 'heading', text: '[Occasion]' },
      { kind: 'paragraph', text: '[Opening greeting]' },
      { kind: 'paragraph', text: '[The one thing the audience should remember]' },
      { kind: 'paragraph', text: '[Story or example]' },
      { kind: 'paragraph', text: '[Closing and thanks]' },
      signature('Thank you.'),
    ],
  },
  {
    id: 'new-year',
    name: 'New Year message',
    title: 'New Year message',
    blocks: [
      { kind: 'heading', text: 'New Year message [Year]' },
      { kind: 'paragraph', text: '[Opening greeting], dear fellow citizens,' },
      { kind: 'paragraph', text: '[Looking back on the year]' },
      { kind: 'paragraph', text: '[Thanks to those who served]' },
      { kind: 'paragraph', text: '[Hopes for the year ahead]' },
      { kind: 'paragraph', text: '[Closing wish]' },
      signature('With my warmest wishes for the New Year,'),
    ],
  },
];

export function findTemplate(id: string): MessageTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

const chineseSignature = (closing: string[]): TemplateBlock => ({ kind: 'signature', lines: [...closing, '[署名人姓名]', '[职务]', '[地点]，[日期]'] });

/** The templates' title and words for a message in Simplified Chinese. */
const CHINESE: Record<MessageTemplate['id'], Pick<MessageTemplate, 'title' | 'blocks'>> = {
  blank: { title: '无标题文稿', blocks: [{ kind: 'paragraph', text: '' }] },
  letter: {
    title: '信函',
    blocks: [
      { kind: 'paragraph', text: '[收信人姓名]：' },
      { kind: 'paragraph', text: '[问候语]' },
      { kind: 'paragraph', text: '[写信的缘由]' },
      { kind: 'paragraph', text: '[请求或告知的事项]' },
      chineseSignature(['此致', '敬礼！']),
    ],
  },
  speech: {
    title: '演讲',
    blocks: [
      { kind: 'heading', text: '[场合]' },
      { kind: 'paragraph', text: '[开场问候]' },
      { kind: 'paragraph', text: '[希望听众记住的一件事]' },
      { kind: 'paragraph', text: '[故事或事例]' },
      { kind: 'paragraph', text: '[结束语与致谢]' },
      chineseSignature(['谢谢大家！']),
    ],
  },
  'new-year': {
    title: '新年致辞',
    blocks: [
      { kind: 'heading', text: '[年份]年新年致辞' },
      { kind: 'paragraph', text: '亲爱的市民朋友们：[开场问候]' },
      { kind: 'paragraph', text: '[回顾这一年]' },
      { kind: 'paragraph', text: '[感谢辛勤付出的人们]' },
      { kind: 'paragraph', text: '[对新一年的期望]' },
      { kind: 'paragraph', text: '[结束祝福]' },
      chineseSignature(['衷心祝愿大家新年快乐，万事如意！']),
    ],
  },
};

/** A template's title and words in a message's language (BCP 47): Simplified Chinese, else English. */
export function templateWords(template: MessageTemplate, language: string): Pick<MessageTemplate, 'title' | 'blocks'> {
  return /^zh\b/i.test(language) ? CHINESE[template.id] : template;
}

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

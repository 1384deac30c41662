// What the page shows of an outcome, in the reader's language. Built with text nodes only: no
// word of a copy is ever parsed as markup here.
import { shortDigest } from '../../shared/document';
import { longTime, reasonIn, type Endorsement } from '../../shared/export';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import type { Outcome } from './check';

type Child = Node | string | null | false;

export function h(tag: string, className: string | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (className) el.className = className;
  for (const child of children) if (child) el.append(child);
  return el;
}

/** A time as the copy's certificate prints it in English ("2 December 2026, 09:30 UTC"), in the reader's language otherwise. */
function timeWords(iso: string, language: Language): string {
  if (language === 'en') return longTime(iso);
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toLocaleString(language, { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' })} UTC`;
}

const KINDS: Partial<Record<Endorsement['kind'], MessageKey>> = { approved: 'verifier.person.approved', signed: 'verifier.person.signed', exported: 'verifier.person.exported' };

function person(p: Endorsement, t: (key: MessageKey, values?: Record<string, string>) => string, language: Language): HTMLElement {
  const who = [p.name, ...p.titles].join(', ');
  const key = KINDS[p.kind];
  return h('li', `person ${p.kind}`, key ? t(key, { who, time: timeWords(p.time, language) }) : who, ' ', h('span', 'key', t('verifier.key', { key: p.fingerprint })));
}

const list = (className: string, items: string[]): HTMLElement => h('ul', className, ...items.map((item) => h('li', null, item)));

/** What could not be checked, each a sentence. */
function notChecked(outcome: Extract<Outcome, { kind: 'verdict' }>, t: (key: MessageKey) => string): HTMLElement {
  const items = [
    ...(outcome.verdict.format === 'pdf' ? [t('verifier.notChecked.drawn')] : []),
    ...(outcome.verdict.cardsChecked ? [] : [t('verifier.notChecked.cards')]),
    t('verifier.notChecked.keys'),
  ];
  return h('section', 'not-checked', h('h3', null, t('verifier.notChecked')), list('', items));
}

function verdictView(outcome: Extract<Outcome, { kind: 'verdict' }>, language: Language): HTMLElement {
  const t = (key: MessageKey, values: Record<string, string> = {}) => translate(language, key, values);
  const { verdict } = outcome;
  const exporter = verdict.people.find((p) => p.kind === 'exported');
  const state = translate(language, `state.${verdict.state}` as MessageKey) || verdict.state;
  const facts = t('verifier.state', { file: outcome.file, format: t(`verifier.format.${verdict.format}`), state, digest: shortDigest(verdict.digest) });
  const signedWhole = verdict.wholeFileSigned === null ? null : h('p', verdict.wholeFileSigned ? 'whole' : 'whole broken', verdict.wholeFileSigned ? t('verifier.whole', { who: exporter?.name ?? '?' }) : t('verifier.notWhole'));
  const cards = outcome.cards.length ? h('p', 'cards', t('verifier.cards', { names: outcome.cards.map((c) => c.name).join(', ') })) : null;
  if (!verdict.authentic) {
    return h('article', 'verdict bad', h('h2', null, t('verifier.notAuthentic', { file: outcome.file })), h('p', 'facts', facts), h('h3', null, t('verifier.problems')), list('problems', verdict.reasons.map((r) => reasonIn(language, r))), signedWhole, cards);
  }
  return h(
    'article',
    'verdict good',
    h('h2', null, t('verifier.authentic', { title: verdict.title })),
    h('p', 'facts', facts),
    h('h3', null, t('verifier.people')),
    h('ul', 'people', ...verdict.people.map((p) => person(p, t, language))),
    signedWhole,
    verdict.chosenAtExport.length && exporter ? h('div', 'chosen', h('p', null, t('verifier.chosen', { who: exporter.name })), list('', verdict.chosenAtExport)) : null,
    cards,
    notChecked(outcome, t),
  );
}

export function outcomeView(outcome: Outcome, language: Language): HTMLElement {
  const t = (key: MessageKey, values: Record<string, string> = {}) => translate(language, key, values);
  switch (outcome.kind) {
    case 'verdict':
      return verdictView(outcome, language);
    case 'unreadable':
      return h('article', 'verdict bad', h('h2', null, t('verifier.unreadable', { file: outcome.file })), h('p', 'problem', outcome.problem));
    case 'too-many':
      return h('article', 'verdict bad', h('p', null, t('verifier.oneCopy', { files: outcome.files.join(', ') })));
    case 'bad-card':
      return h('article', 'verdict bad', h('p', null, t('verifier.badCard', { file: outcome.file, problem: outcome.problem })));
    case 'cards-only':
      return h('article', 'verdict info', h('p', null, t('verifier.cardsOnly')), h('p', 'cards', t('verifier.cards', { names: outcome.cards.map((c) => c.name).join(', ') })));
  }
}

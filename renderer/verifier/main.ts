// The verifier page: one self-contained HTML file (scripts/build-verifier.mjs) that checks a copy
// dropped on it, or chosen, with the member cards dropped beside it, and says what it found.
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import type { CardMember } from '../../shared/signoff';
import { checkFiles, checkCopyFile, type Outcome } from './check';
import { h, outcomeView } from './view';

let language: Language = navigator.languages?.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
let cards: CardMember[] = [];
let lastCopy: File | null = null;
let outcome: Outcome | null = null;

const app = document.getElementById('app')!;
const t = (key: MessageKey, values: Record<string, string> = {}) => translate(language, key, values);

async function check(files: File[]): Promise<void> {
  if (!files.length) return;
  const copy = files.find((f) => !f.name.toLowerCase().endsWith('.signet-card'));
  show(h('p', 'checking', t('verifier.checking', { file: copy?.name ?? files.map((f) => f.name).join(', ') })));
  // Timed for `npm run bench -- --only export`: the check alone, from the files to the verdict.
  performance.mark('signet-check-start');
  try {
    outcome = await checkFiles(files, cards);
  } catch (error) {
    outcome = { kind: 'unreadable', file: copy?.name ?? '', problem: (error as Error).message };
  }
  if (outcome.kind === 'verdict' || outcome.kind === 'cards-only') cards = outcome.cards;
  if (outcome.kind === 'verdict' && copy) lastCopy = copy;
  // Cards dropped on their own check the copy before them again.
  if (outcome.kind === 'cards-only' && lastCopy) outcome = await checkCopyFile(lastCopy, cards);
  performance.measure('signet-check', 'signet-check-start');
  render();
}

function show(result: HTMLElement | null): void {
  document.getElementById('result')?.replaceChildren(...(result ? [result] : []));
}

function render(): void {
  document.documentElement.lang = language;
  document.title = t('verifier.title');
  const input = h('input', 'files') as HTMLInputElement;
  input.type = 'file';
  input.multiple = true;
  input.accept = '.pdf,.html,.htm,.signet-card';
  input.id = 'files';
  input.addEventListener('change', () => void check([...(input.files ?? [])]));
  const choose = h('label', 'choose', t('verifier.choose'));
  choose.setAttribute('for', 'files');
  const switchLanguage = h('button', 'language', t('verifier.language')) as HTMLButtonElement;
  switchLanguage.type = 'button';
  switchLanguage.addEventListener('click', () => {
    language = language === 'en' ? 'zh-CN' : 'en';
    render();
  });
  const forget = cards.length ? (h('button', 'forget', t('verifier.forget')) as HTMLButtonElement) : null;
  forget?.addEventListener('click', () => {
    cards = [];
    outcome = null;
    render();
  });
  const zone = h('section', 'drop', h('p', 'drop-title', t('verifier.drop')), h('p', null, t('verifier.dropCards')), input, choose, forget);
  zone.id = 'drop';
  const result = h('div', 'result');
  result.id = 'result';
  result.setAttribute('aria-live', 'polite');
  app.replaceChildren(h('header', null, h('h1', null, t('verifier.title')), switchLanguage), h('p', 'intro', t('verifier.intro')), zone, result);
  if (outcome) show(outcomeView(outcome, language));
}

// The whole page takes a drop, so that a file missing the zone is not opened by the browser instead.
document.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.getElementById('drop')?.classList.add('over');
});
document.addEventListener('dragleave', () => document.getElementById('drop')?.classList.remove('over'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  document.getElementById('drop')?.classList.remove('over');
  void check([...(event.dataTransfer?.files ?? [])]);
});

render();

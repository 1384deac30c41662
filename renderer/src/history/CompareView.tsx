// A comparison drawn as the document itself: insertions underlined and deletions struck through
// in each author's colour, the author's name on hover, and a summary above.
import type { CSSProperties, ReactNode } from 'react';
import type { Comparison, DiffBlock, DiffRun } from '../../../shared/history';
import type { Person } from '../../../shared/ipc';
import type { MessageKey } from '../../../shared/i18n';
import { useT, type Translate } from '../i18n';

const COLOURS = 6;
const FORMAT_CLASSES: [number, string][] = [
  [1, 'b'],
  [2, 'i'],
  [4, 's'],
  [8, 'u'],
  [16, 'code'],
  [32, 'sub'],
  [64, 'sup'],
];

export function CompareView({ comparison, title }: { comparison: Comparison; title: string }) {
  const t = useT();
  const { summary, people } = comparison;
  const authors = [...new Set(comparison.blocks.flatMap((b) => b.runs.map((r) => r.by)).filter((by) => by !== undefined))] as number[];
  const changed = summary.paragraphsChanged + summary.paragraphsMoved > 0;
  return (
    <div className="compare" aria-label={title}>
      <div className="compare-summary" role="status">
        <strong>{changed ? t('history.summary', { added: summary.wordsAdded, removed: summary.wordsRemoved, changed: summary.paragraphsChanged, moved: summary.paragraphsMoved }) : t('history.noChanges')}</strong>
        {authors.length > 0 && (
          <span className="compare-authors">
            {t('history.authors')}{' '}
            {authors.map((by) => (
              <span key={by} className={`author-chip by-${by % COLOURS}`}>
                {personName(people[by])}
              </span>
            ))}
          </span>
        )}
      </div>
      <div className="editor-content compare-content">
        <DocumentBlocks blocks={comparison.blocks} people={people} />
      </div>
    </div>
  );
}

const personName = (p: Person | undefined) => (p ? (p.title ? `${p.name} (${p.title})` : p.name) : '');

const BLOCK_NAMES: Record<string, MessageKey> = {
  paragraph: 'editor.paragraph',
  h1: 'editor.h1',
  h2: 'editor.h2',
  h3: 'editor.h3',
  quote: 'editor.quote',
  bullet: 'editor.bullets',
  number: 'editor.numbers',
  signature: 'editor.signature',
};

/** A document drawn from blocks (of a comparison, or of a version with nothing changed). */
export function DocumentBlocks({ blocks, people }: { blocks: DiffBlock[]; people: Person[] }) {
  const t = useT();
  return <>{renderBlocks(blocks, people, t)}</>;
}

const ALIGN = ['', 'left', 'center', 'right', 'justify', 'start', 'end'] as const;

function blockStyle(block: DiffBlock): CSSProperties | undefined {
  if (!block.align && !block.indent && !block.depth) return undefined;
  return {
    textAlign: ALIGN[block.align ?? 0] || undefined,
    paddingInlineStart: block.indent ? `${block.indent * 2}em` : undefined,
    marginLeft: block.depth ? `${block.depth * 1.6}em` : undefined,
  };
}

/** Blocks, with neighbouring list items of one kind gathered into one list. */
function renderBlocks(blocks: DiffBlock[], people: Person[], t: Translate): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < blocks.length; ) {
    const block = blocks[i];
    if (block.kind === 'bullet' || block.kind === 'number' || block.kind === 'check') {
      const items: ReactNode[] = [];
      for (; i < blocks.length && blocks[i].kind === block.kind; i += 1) {
        items.push(
          <li key={i} className={blockClass(blocks[i])} style={blockStyle(blocks[i])}>
            <BlockBody block={blocks[i]} people={people} t={t} />
          </li>,
        );
      }
      out.push(block.kind === 'number' ? <ol key={`l${i}`} className="ol">{items}</ol> : <ul key={`l${i}`} className="ul">{items}</ul>);
      continue;
    }
    out.push(renderBlock(block, i, people, t));
    i += 1;
  }
  return out;
}

function renderBlock(block: DiffBlock, key: number, people: Person[], t: Translate): ReactNode {
  const className = blockClass(block);
  const style = blockStyle(block);
  const body = <BlockBody block={block} people={people} t={t} />;
  switch (block.kind) {
    case 'rule':
      return <hr key={key} className={`hr ${className}`} />;
    case 'page-break':
      return <div key={key} className={`page-break ${className}`} />;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': {
      const Heading = block.kind;
      return <Heading key={key} className={`${block.kind} ${className}`} style={style}>{body}</Heading>;
    }
    case 'quote':
      return <blockquote key={key} className={`quote ${className}`} style={style}>{body}</blockquote>;
    case 'signature':
      return <p key={key} className={`p signature-line ${className}`} style={style}>{body}</p>;
    default:
      return <p key={key} className={`p ${className}`} style={style}>{body}</p>;
  }
}

const blockClass = (block: DiffBlock) => `block-${block.change}`;

function BlockBody({ block, people, t }: { block: DiffBlock; people: Person[]; t: Translate }) {
  const badge =
    block.change === 'moved-from' ? t('history.movedFrom') : block.change === 'moved-to' ? t('history.movedTo') : block.was && block.was.kind !== block.kind ? t('history.was', { kind: t(BLOCK_NAMES[block.was.kind] ?? 'editor.paragraph') }) : null;
  return (
    <>
      {badge && <span className="change-badge">{badge}</span>}
      {block.runs.map((run, i) => (
        <RunView key={i} run={run} people={people} t={t} />
      ))}
    </>
  );
}

function RunView({ run, people, t }: { run: DiffRun; people: Person[]; t: Translate }) {
  const formats = FORMAT_CLASSES.filter(([bit]) => run.format & bit).map(([, c]) => c);
  if (run.link !== undefined) formats.push('link');
  const name = run.by !== undefined ? personName(people[run.by]) : t('history.someone');
  const colour = run.by !== undefined ? `by-${run.by % COLOURS}` : 'by-unknown';
  const className = [...formats, colour].join(' ');
  switch (run.change) {
    case 'added':
      return <ins className={className} title={t('history.added', { name })}>{run.text}</ins>;
    case 'removed':
      return <del className={className} title={t('history.removed', { name })}>{run.text}</del>;
    case 'format':
      return <span className={`format-change ${className}`} title={t('history.formatted', { name })}>{run.text}</span>;
    default:
      return formats.length ? <span className={formats.join(' ')} title={run.link}>{run.text}</span> : <>{run.text}</>;
  }
}

// What the page does with the files a person drops or chooses: at most one copy, and any member
// cards, checked by the same code as `signet verify COPY --cards DIR` (shared/export).
import { copyVerdict, readCopyBytes, CopyFileError, type CopyVerdict } from '../../shared/export';
import { readCard, type CardMember } from '../../shared/signoff';
import { pageCopyReader } from './reader';

const CARD = '.signet-card';

export type Outcome =
  | { kind: 'verdict'; file: string; verdict: CopyVerdict; cards: CardMember[] }
  /** The file is not a copy that can be read (no manifest, not HTML or PDF, damaged). */
  | { kind: 'unreadable'; file: string; problem: string }
  | { kind: 'too-many'; files: string[] }
  | { kind: 'bad-card'; file: string; problem: string }
  | { kind: 'cards-only'; cards: CardMember[] };

/** The member cards among `files`, read; the first that does not read is said. */
async function readCards(files: File[]): Promise<CardMember[] | { file: string; problem: string }> {
  const cards: CardMember[] = [];
  for (const file of files) {
    try {
      cards.push(readCard(await file.text()));
    } catch (error) {
      return { file: file.name, problem: (error as Error).message };
    }
  }
  return cards;
}

/** Checks the copy among `files` with the cards among them and those dropped before (`known`). */
export async function checkFiles(files: File[], known: CardMember[]): Promise<Outcome> {
  const cardFiles = files.filter((f) => f.name.toLowerCase().endsWith(CARD));
  const copies = files.filter((f) => !cardFiles.includes(f));
  if (copies.length > 1) return { kind: 'too-many', files: copies.map((f) => f.name) };
  const read = await readCards(cardFiles);
  if (!Array.isArray(read)) return { kind: 'bad-card', ...read };
  const cards = [...known.filter((c) => !read.some((r) => r.publicKey === c.publicKey)), ...read];
  if (!copies.length) return { kind: 'cards-only', cards };
  return checkCopyFile(copies[0], cards);
}

export async function checkCopyFile(file: File, cards: CardMember[]): Promise<Outcome> {
  try {
    const copy = await readCopyBytes(new Uint8Array(await file.arrayBuffer()), file.name, pageCopyReader);
    return { kind: 'verdict', file: file.name, verdict: copyVerdict(copy, cards.length ? { cards, where: 'the cards you dropped' } : null), cards };
  } catch (error) {
    if (error instanceof CopyFileError) return { kind: 'unreadable', file: file.name, problem: error.message };
    throw error;
  }
}

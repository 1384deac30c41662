// What a PDF draws, as digests a fresh print can be compared with: one per page (its content,
// fonts, pictures, boxes and rotation, everything a reader's software uses to draw it) and one for
// the rest of the document a reader sees (bookmarks, tags, page labels). Chromium prints the same
// HTML to the same objects byte for byte (only its creation date differs, in the document's
// information, which is not drawn), so a copy whose pages are what Signet prints from its manifest
// has exactly these digests, and one whose glyphs, colours, pictures or boxes were changed has not,
// whatever its text layer says. What Signet adds after the print (its manifest, pictures and
// signature, and the properties it writes) is checked elsewhere and left out here.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface DrawnPdf {
  /** A digest of what each page draws. */
  pages: string[];
  /** A digest of the rest of the document a reader sees: bookmarks, tags, page labels. */
  rest: string;
  /** Who printed it ("Skia/PDF m156": the Chromium that printed it), as its information says. */
  producer: string;
}

// Never followed: a page's parent (the page tree, compared page by page) and its annotations (read by
// read-copy.ts, which allows Signet's signature field alone).
const NOT_FOLLOWED = new Set(['/Parent', '/Annots']);
// Attributes a page takes from the page tree when it has none of its own.
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];
// What Signet adds to the printed catalog: its form (the signature field), its attachments, and showing the title.
const SIGNET_CATALOG = new Set(['/Pages', '/AcroForm', '/AF', '/ViewerPreferences']);

/**
 * A canonical digest of an object and all it refers to: the same for two files whose objects are
 * the same though numbered otherwise. An object seen before is named by when it was first met.
 */
class Walk {
  private readonly seen = new Map<PDFRef, number>();
  private readonly hash = sha256.create();
  private readonly encoder = new TextEncoder();

  /** `pages`: pages met in the walk are named by their number, not followed (they are compared one by one). */
  constructor(
    private readonly doc: PDFDocument,
    private readonly pages = new Map<PDFRef, number>(),
  ) {}

  private put(text: string): void {
    this.hash.update(this.encoder.encode(text));
  }

  add(object: PDFObject | undefined, skip: (key: string) => boolean = () => false): this {
    if (object instanceof PDFRef) {
      const page = this.pages.get(object);
      if (page !== undefined) return this.put(`page ${page} `), this;
      const met = this.seen.get(object);
      if (met !== undefined) return this.put(`@${met} `), this;
      this.seen.set(object, this.seen.size);
      return this.add(this.doc.context.lookup(object));
    }
    if (object instanceof PDFStream) {
      this.add(object.dict);
      const contents = object.getContents();
      this.put(`stream ${contents.length} `);
      this.hash.update(contents);
    } else if (object instanceof PDFDict) {
      const entries = object.entries().filter(([key]) => !NOT_FOLLOWED.has(key.asString()) && !skip(key.asString()));
      entries.sort(([a], [b]) => (a.asString() < b.asString() ? -1 : 1));
      this.put('<<');
      for (const [key, value] of entries) {
        this.put(`${key.asString()} `);
        this.add(value);
      }
      this.put('>> ');
    } else if (object instanceof PDFArray) {
      this.put('[');
      for (const item of object.asArray()) this.add(item);
      this.put('] ');
    } else this.put(`${object?.toString() ?? 'null'} `);
    return this;
  }

  digest(): string {
    return bytesToHex(this.hash.digest());
  }
}

/** A page with what it inherits from the page tree, as one dictionary. */
function pageWithInherited(doc: PDFDocument, index: number): PDFDict {
  const node = doc.getPage(index).node;
  const page = node.clone(doc.context);
  for (const key of INHERITED) {
    const inherited = node.getInheritableAttribute(PDFName.of(key));
    if (inherited && !page.has(PDFName.of(key))) page.set(PDFName.of(key), inherited);
  }
  return page;
}

/** The rest of the catalog, without what Signet adds (and its attachments among the names). */
function restOfCatalog(doc: PDFDocument): Walk {
  const walk = new Walk(doc, new Map(doc.getPages().map((page, i) => [page.ref, i])));
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  walk.add(doc.catalog, (key) => SIGNET_CATALOG.has(key) || key === '/Names');
  // A catalog whose names are Signet's attachments alone is the printed catalog, which had none.
  if (names?.keys().some((key) => key.asString() !== '/EmbeddedFiles')) walk.add(names, (key) => key === '/EmbeddedFiles');
  return walk;
}

export async function drawnPdf(bytes: Uint8Array): Promise<DrawnPdf> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false });
  const pages = doc.getPages().map((_, i) => new Walk(doc).add(pageWithInherited(doc, i)).digest());
  return { pages, rest: restOfCatalog(doc).digest(), producer: doc.getProducer() ?? '' };
}

/** Where a copy draws otherwise than Signet's fresh print of its manifest, in a reader's words. */
export function drawnProblems(copy: DrawnPdf, fresh: DrawnPdf): string[] {
  const problems: string[] = [];
  const plural = (n: number) => `${n} page${n === 1 ? '' : 's'}`;
  // Pages added or taken out move every page after them: their count says it.
  if (copy.pages.length !== fresh.pages.length) problems.push(`it has ${plural(copy.pages.length)}, where Signet draws the message its manifest holds on ${plural(fresh.pages.length)}`);
  const differ = problems.length ? [] : copy.pages.flatMap((digest, i) => (digest !== fresh.pages[i] ? [i + 1] : []));
  for (const page of differ) problems.push(`page ${page} does not look like the message the manifest holds: what it draws (its glyphs, colours, pictures or shapes) is not what Signet draws from the manifest`);
  // Pages drawn otherwise are tagged otherwise too: that would say again what is said already.
  if (!problems.length && copy.rest !== fresh.rest) problems.push('its bookmarks or tags are not what Signet prints from the manifest');
  if (problems.length && copy.producer !== fresh.producer) {
    problems.push(`(it was printed by ${copy.producer || 'an unnamed program'}, and this check printed with ${fresh.producer}: a copy printed by another version of Chromium can differ in how it is laid out; check it where a Chromium of that version is installed)`);
  }
  return problems;
}

// A version shown read-only: its content read in place from the message's history (no copy of
// the document is built) and drawn by the same renderer as a comparison.
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { unchanged, versionContent } from '../../../shared/history';
import { useT } from '../i18n';
import { DocumentBlocks } from './CompareView';

export function VersionView({ doc, versionId }: { doc: Y.Doc; versionId: string }) {
  const t = useT();
  const shown = useMemo(() => {
    try {
      return { blocks: unchanged(versionContent(doc, versionId)) };
    } catch (error) {
      // A damaged version (from a damaged or hostile copy) says so; the others still show.
      return { error: (error as Error).message };
    }
  }, [doc, versionId]);
  if ('error' in shown) {
    return (
      <p className="error" role="alert">
        {shown.error}
      </p>
    );
  }
  return (
    <article className="editor-content version-content" aria-label={t('history.versionText')}>
      <DocumentBlocks blocks={shown.blocks} people={[]} />
    </article>
  );
}

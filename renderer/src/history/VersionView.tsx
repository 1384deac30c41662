// A version shown read-only, rendered by the same nodes and theme as the editor from a document
// rebuilt from the version's snapshot.
import { useEffect, useMemo } from 'react';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type * as Y from 'yjs';
import { bindMessageEditor } from '../../../shared/binding';
import { MESSAGE_NODES } from '../../../shared/nodes';
import { versionDoc } from '../../../shared/versions';
import { useT } from '../i18n';
import { editorTheme } from '../editor/theme';

export function VersionView({ doc, versionId, onError }: { doc: Y.Doc; versionId: string; onError(e: unknown): void }) {
  const t = useT();
  const version = useMemo(() => versionDoc(doc, versionId), [doc, versionId]);
  useEffect(() => () => version.destroy(), [version]);
  const initialConfig = useMemo(
    () => ({ namespace: 'signet-version', nodes: [...MESSAGE_NODES], theme: editorTheme, editable: false, editorState: null, onError }),
    [onError],
  );
  return (
    <LexicalComposer key={versionId} initialConfig={initialConfig}>
      <RichTextPlugin
        contentEditable={<ContentEditable className="editor-content version-content" aria-label={t('history.versionText')} aria-readonly />}
        ErrorBoundary={LexicalErrorBoundary}
      />
      <ListPlugin />
      <BindVersion doc={version} />
    </LexicalComposer>
  );
}

function BindVersion({ doc }: { doc: Y.Doc }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => bindMessageEditor(editor, doc).dispose, [editor, doc]);
  return null;
}

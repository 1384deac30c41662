// The typing benchmark's baseline: a bare Lexical editor with the message's nodes, theme and
// stylesheet, laid out in the same boxes as the app's editor, holding the same paragraphs, but
// with no Yjs binding, no IPC and none of the app's plugins or listeners. `?words=N` chooses how
// many words it opens with (the benchmark's text, as in the real message).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { MESSAGE_NODES } from '../../../shared/document';
import { editorTheme } from '../../../renderer/src/document/theme';
import '../../../renderer/src/styles.css';
import { benchParagraphs } from '../content';

const words = Number(new URLSearchParams(location.search).get('words') ?? 0);
const paragraphs = words > 0 ? benchParagraphs(words) : [''];

const initialConfig = {
  namespace: 'signet-bare',
  nodes: [...MESSAGE_NODES],
  theme: editorTheme,
  editorState: () => {
    const root = $getRoot();
    for (const text of paragraphs) {
      const p = $createParagraphNode();
      if (text) p.append($createTextNode(text));
      root.append(p);
    }
  },
  onError: (error: Error) => {
    throw error;
  },
};

function BareEditor() {
  return (
    <div className="app">
      <main className="editor-view" aria-label="Bare editor">
        <LexicalComposer initialConfig={initialConfig}>
          <div className="page-scroll">
            <div className="page">
              <RichTextPlugin
                contentEditable={<ContentEditable className="editor-content" aria-label="Message text" spellCheck lang="en" />}
                ErrorBoundary={LexicalErrorBoundary}
              />
            </div>
          </div>
          <ListPlugin />
        </LexicalComposer>
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BareEditor />
  </StrictMode>,
);
(window as unknown as { __bareWords: number }).__bareWords = words;

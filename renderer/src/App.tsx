// The app's screens (library, trash, an open message), the settings, and the routing of menu
// commands and dropped files.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings } from '../../shared/ipc';
import { call, on } from './api';
import { EditorView } from './document/EditorView';
import { LanguageProvider, useT } from './i18n';
import { LibraryView } from './library/LibraryView';
import { OpenFromServerDialog } from './live/OpenFromServer';
import { wordNotice } from './library/word-notice';
import { TrashView } from './library/TrashView';
import { ProfileDialog } from './signoff/ProfileDialog';
import { SettingsDialog } from './SettingsDialog';
import { PromptDialog, type PromptRequest } from './ui/PromptDialog';

/** A message can open with something to say (what came in from a Word file). */
type Screen = { name: 'library' } | { name: 'trash' } | { name: 'message'; path: string; notice?: string | null };

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);
  useEffect(() => {
    call('settings.get').then(setSettings, onError);
  }, [onError]);
  if (!settings) return error ? <p role="alert">{error}</p> : null;
  return (
    <LanguageProvider language={settings.language}>
      <Shell settings={settings} setSettings={setSettings} error={error} setError={setError} onError={onError} />
    </LanguageProvider>
  );
}

function Shell({ settings, setSettings, error, setError, onError }: {
  settings: Settings;
  setSettings(s: Settings): void;
  error: string | null;
  setError(e: string | null): void;
  onError(e: unknown): void;
}) {
  const t = useT();
  const [screen, setScreen] = useState<Screen>({ name: 'library' });
  const [showSettings, setShowSettings] = useState(false);
  const [fromServer, setFromServer] = useState(false);
  const [promptRequest, setPromptRequest] = useState<PromptRequest | null>(null);
  const [libraryVersion, setLibraryVersion] = useState(0);
  const editorCommands = useRef<((command: string) => boolean) | null>(null);

  const open = useCallback((path: string) => setScreen({ name: 'message', path }), []);
  // A Word file (chosen in a dialog when null) becomes a new message in the library, which opens saying what came in.
  const fromWord = useCallback(
    (path: string | null) =>
      call('message.createFromWord', path).then((made) => made && setScreen({ name: 'message', path: made.path, notice: wordNotice(made.summary, t) }), onError),
    [onError, t],
  );
  const toLibrary = useCallback(() => {
    setScreen({ name: 'library' });
    setLibraryVersion((n) => n + 1);
  }, []);

  const command = useCallback(
    (name: string, path?: string) => {
      if (name.startsWith('new:')) call('message.create', { template: name.slice(4) as 'blank' }).then(open, onError);
      else if (name === 'new-from-word') void fromWord(null);
      else if (name === 'open') call('dialog.openMessage').then((p) => p && open(p), onError);
      else if (name === 'open-from-server') setFromServer(true);
      else if (name === 'open-path' && path) open(path);
      else if (name === 'close' || name === 'library') toLibrary();
      else if (name === 'settings') setShowSettings(true);
      else editorCommands.current?.(name);
    },
    [open, toLibrary, onError, fromWord],
  );
  useEffect(() => {
    const stop = on('app.command', ({ command: name, path }) => command(name, path));
    // Now that commands are heard, open what the OS asked for at launch (a double-clicked file).
    call('app.pendingOpen').then((path) => path && open(path), onError);
    return stop;
  }, [command, open, onError]);

  // A .signet file dropped anywhere on the window opens; a Word file dropped on the library becomes a new message.
  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      const files = Array.from(e.dataTransfer?.files ?? []);
      const word = files.find((f) => f.name.toLowerCase().endsWith('.docx'));
      if (word && screen.name === 'library') {
        e.preventDefault();
        void fromWord(window.signet.pathForFile(word));
        return;
      }
      // A Word file dropped on an open message is a Word review of it, merged back.
      if (word && screen.name === 'message' && editorCommands.current?.(`merge:${window.signet.pathForFile(word)}`)) {
        e.preventDefault();
        return;
      }
      const file = files.find((f) => f.name.toLowerCase().endsWith('.signet'));
      if (!file) return;
      e.preventDefault();
      const path = window.signet.pathForFile(file);
      // Onto an open message, a copy of it is merged; anywhere else, it opens.
      if (!(screen.name === 'message' && editorCommands.current?.(`merge:${path}`))) open(path);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [open, fromWord, screen.name]);

  return (
    <div className="app">
      {error && (
        <div className="banner error" role="alert">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)} aria-label={t('common.close')}>
            ×
          </button>
        </div>
      )}
      {screen.name === 'library' && (
        <LibraryView onOpen={open} onFromWord={() => void fromWord(null)} onFromServer={() => setFromServer(true)} onShowTrash={() => setScreen({ name: 'trash' })} onError={onError} prompt={setPromptRequest} refreshKey={libraryVersion} onSettings={() => setShowSettings(true)} />
      )}
      {screen.name === 'trash' && <TrashView onBack={toLibrary} onError={onError} />}
      {screen.name === 'message' && (
        <EditorView key={screen.path} path={screen.path} greeting={screen.notice ?? null} settings={settings} onClose={toLibrary} onError={onError} prompt={setPromptRequest} commands={editorCommands} />
      )}
      {!settings.name.trim() && (
        <ProfileDialog firstRun settings={settings} onCreated={() => call('settings.get').then(setSettings, onError)} onClose={() => {}} onError={onError} />
      )}
      {showSettings && <SettingsDialog settings={settings} onSaved={setSettings} onClose={() => setShowSettings(false)} onError={onError} />}
      {fromServer && (
        <OpenFromServerDialog
          onOpened={(path, notice) => {
            setFromServer(false);
            setScreen({ name: 'message', path, notice });
          }}
          onClose={() => setFromServer(false)}
        />
      )}
      {promptRequest && <PromptDialog request={promptRequest} onClose={() => setPromptRequest(null)} />}
    </div>
  );
}

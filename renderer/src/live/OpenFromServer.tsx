// "Open from server…" in the library: the server's address and the message's id, checked as typed,
// then taken from the server by the main process (electron/services/live/take.ts), which checks the
// server's copy before it becomes a file. The dialog stays open while it works, and a refusal is
// shown in it, in the main process's words, so the person can change what they typed and try again.
import { useEffect, useRef, useState } from 'react';
import { parseLiveAddress, parseMessageId } from '../../../shared/live';
import { call } from '../api';
import { useT } from '../i18n';
import { DialogFoot } from '../ui/DialogFoot';

interface Props {
  /** The message's file in the library, and what to tell the person as it opens. */
  onOpened(path: string, notice: string): void;
  onClose(): void;
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function OpenFromServerDialog({ onOpened, onClose }: Props) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [address, setAddress] = useState('');
  const [id, setId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => dialog.current?.showModal(), []);
  const submit = () => {
    const typed = [parseLiveAddress(address), parseMessageId(id)].find((p) => 'problem' in p);
    if (typed && 'problem' in typed) return setProblem(typed.problem);
    setProblem(null);
    setBusy(true);
    call('live.openFromServer', address, id).then(
      ({ path, existing }) => onOpened(path, t(existing ? 'library.fromServerHad' : 'library.fromServerTaken', { file: fileName(path) })),
      (error: Error) => {
        setBusy(false);
        setProblem(error.message);
      },
    );
  };
  return (
    <dialog ref={dialog} className="open-from-server" onClose={onClose} aria-labelledby="from-server-title">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2 id="from-server-title">{t('library.fromServerTitle')}</h2>
        <label>
          {t('live.address')}
          <input autoFocus value={address} onChange={(e) => setAddress(e.target.value)} disabled={busy} />
        </label>
        <label>
          {t('library.fromServerId')}
          <input value={id} onChange={(e) => setId(e.target.value)} disabled={busy} spellCheck={false} />
        </label>
        <DialogFoot error={problem} onCancel={onClose} busy={busy} submit={t(busy ? 'library.fromServerBusy' : 'library.fromServerOpen')} />
      </form>
    </dialog>
  );
}

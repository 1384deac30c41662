// Working together live, in the editor: joining a server, how the connection stands (the status
// bar's item) and who is here. The connection itself runs in the main process (electron/services/
// live/sessions.ts); this only asks for it and shows what it announces.
import { useCallback, useEffect, useState } from 'react';
import { parseLiveAddress, type LiveSession } from '../../../shared/live';
import { call, on } from '../api';
import { useT } from '../i18n';
import type { PromptRequest } from '../ui/PromptDialog';

export interface Live {
  session: LiveSession | null;
  /** Asks for the server's address and joins it. */
  join(): void;
  leave(): void;
}

export function useLive(path: string, prompt: (request: PromptRequest) => void, onError: (error: unknown) => void): Live {
  const t = useT();
  const [session, setSession] = useState<LiveSession | null>(null);
  useEffect(() => {
    let shown = true;
    const off = on('live.session', (event) => event.path === path && setSession(event.session));
    // A session outlives the editor being built again (after a merge): ask how it stands.
    call('live.session', path).then((s) => shown && setSession((now) => now ?? s), onError);
    return () => {
      shown = false;
      off();
    };
  }, [path, onError]);
  const join = useCallback(
    () =>
      prompt({
        label: t('live.address'),
        validate: (typed) => {
          const address = parseLiveAddress(typed);
          return 'problem' in address ? address.problem : null;
        },
        // An announcement may have overtaken the reply: it is newer.
        onSubmit: (typed) => call('live.join', path, typed).then((s) => setSession((now) => now ?? s), onError),
      }),
    [path, prompt, onError, t],
  );
  const leave = useCallback(() => void call('live.leave', path).then(() => setSession(null), onError), [path, onError]);
  return { session, join, leave };
}

/** The status bar's word on the live connection. */
export function LiveStatusItem({ session }: { session: LiveSession | null }) {
  const t = useT();
  if (!session) return null;
  const { status } = session;
  const words =
    status.state === 'connected' ? (status.refused ? t('live.connectedAfterRefusal', { reason: status.refused }) : t('live.connected'))
    : status.state === 'offline' ? t('live.offline')
    : status.state === 'refused' ? t('live.refused', { reason: status.reason })
    : t('live.connecting');
  return (
    <span className={`live live-${status.state}`} data-testid="live-status" title={t('live.server', { server: session.server, id: session.id })}>
      {words}
    </span>
  );
}

/** Everyone connected to the message, each with the colour of their caret. */
export function WhoIsHere({ session }: { session: LiveSession | null }) {
  const t = useT();
  if (!session || session.present.length === 0) return null;
  return (
    <ul className="who-is-here" aria-label={t('live.here')}>
      {session.present.map((person, i) => (
        <li key={`${person.name}:${i}`} style={{ ['--person-colour' as string]: person.color }}>
          {person.name}
        </li>
      ))}
    </ul>
  );
}

// A small modal that asks for one line of text, and optionally a note (Electron has no window.prompt).
import { useEffect, useRef, useState } from 'react';
import { DialogFoot } from './DialogFoot';

export interface PromptRequest {
  label: string;
  initial?: string;
  validate?: (value: string) => string | null;
  /** A second, optional, longer field (a version's note). */
  note?: { label: string; initial?: string };
  /** A choice of how, as radio buttons (the first is chosen at first); its value goes to onSubmit. */
  choice?: { label: string; options: { value: string; label: string }[] };
  onSubmit: (value: string, note: string, choice: string) => void;
}

export function PromptDialog({ request, onClose }: { request: PromptRequest; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(request.initial ?? '');
  const [note, setNote] = useState(request.note?.initial ?? '');
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState(request.choice?.options[0]?.value ?? '');
  useEffect(() => {
    // Focus goes back where it was (the text, usually) when the dialog goes away.
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => opener?.focus({ preventScroll: true });
  }, []);
  const submit = () => {
    const problem = request.validate?.(value) ?? (value.trim() ? null : request.label);
    if (problem) return setError(problem);
    request.onSubmit(value.trim(), note.trim(), choice);
    onClose();
  };
  return (
    <dialog ref={dialog} className="prompt" onClose={onClose} aria-labelledby="prompt-label">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label id="prompt-label" htmlFor="prompt-input">
          {request.label}
        </label>
        <input id="prompt-input" autoFocus value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error !== null} />
        {request.note && (
          <label>
            {request.note.label}
            <textarea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        )}
        {request.choice && (
          <fieldset className="prompt-choice">
            <legend>{request.choice.label}</legend>
            {request.choice.options.map((o) => (
              <label key={o.value} className="choice">
                <input type="radio" name="prompt-choice" value={o.value} checked={choice === o.value} onChange={() => setChoice(o.value)} />
                {o.label}
              </label>
            ))}
          </fieldset>
        )}
        <DialogFoot error={error} onCancel={onClose} />
      </form>
    </dialog>
  );
}

// A message's id as a person types it for "Open from server…" (a colleague reads it out, or the
// server's log shows it): checked in the dialog and again in main, before it is sent as a document
// name. The app makes ids as UUIDs; anything of letters, digits, dots, dashes and underscores is let
// through, since older messages and tests name theirs otherwise.

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** The id to ask the server for, or what is wrong with what was typed. */
export function parseMessageId(typed: string): { id: string } | { problem: string } {
  const id = typed.trim();
  if (!id) return { problem: 'Type the message id your colleague gave you, such as 6f1c2a4e-….' };
  if (!ID.test(id)) return { problem: `"${id.slice(0, 60)}" is not a message id: it has only letters, digits, dots, dashes and underscores.` };
  return { id };
}

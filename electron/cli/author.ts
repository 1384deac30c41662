// Who a version the tool records (on `new`, before a `merge`) is by: the person of a Signet profile
// (--profile PATH, or SIGNET_PROFILE), else the one logged in to the machine, which the tool then says.
import { userInfo } from 'node:os';
import type { Person } from '../../shared/history';
import { personOf } from '../../shared/signoff';
import { KeyError, loadProfile } from '../services/signoff/keys';
import { CliError, EXIT, pathError } from './errors';
import type { CommandArgs } from './types';

/** The environment variable naming the profile whose person the tool's versions are by. */
export const PROFILE_VARIABLE = 'SIGNET_PROFILE';

/** The option every command that records a version takes. */
export const profileOption = {
  type: 'string',
  value: 'PATH',
  help: `The Signet profile (.signet-profile) whose name goes on the version recorded (default: $${PROFILE_VARIABLE}, else your login name)`,
} as const;

function loginName(): string {
  let name = '';
  try {
    name = userInfo().username;
  } catch {
    // No entry for this user (a container, say): fall back to the environment.
  }
  return name || process.env.USER || process.env.USERNAME || 'signet';
}

async function profilePerson(path: string): Promise<Person> {
  try {
    return personOf(await loadProfile(path));
  } catch (error) {
    if (error instanceof KeyError) throw new CliError(`cannot use ${path} as the profile: ${error.message}`, EXIT.usage);
    throw pathError(error, path, 'read');
  }
}

/**
 * The author of the versions this command records, and, when it is the login name (no profile was
 * given), the words that say so, for the command's output.
 */
export async function versionAuthor(args: CommandArgs): Promise<{ person: Person; whose: string }> {
  const path = args.string('profile') ?? (process.env[PROFILE_VARIABLE] || undefined);
  if (path !== undefined) {
    const person = await profilePerson(path);
    return { person, whose: person.name };
  }
  const name = loginName();
  return { person: { name, title: '' }, whose: `${name} (your login name; give --profile PATH or set ${PROFILE_VARIABLE} to use your Signet profile's name)` };
}

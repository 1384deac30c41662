// The Chromium the tests drive: the one the command line tool would print with (SIGNET_CHROMIUM,
// else a Chromium or Chrome on the PATH or in its usual place), with the network kept quiet.
import { QUIET_CHROMIUM } from '../../electron/services/export/chromium-printer';

export { findChromium } from '../../electron/services/export/chromium-printer';

/** The tests run as root on CI, where Chromium starts only without its sandbox. */
export const CHROMIUM_ARGS = ['--no-sandbox', ...QUIET_CHROMIUM];

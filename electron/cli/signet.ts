// The `signet` command line tool. Plain Node: it runs the same services as the app, never Electron.
import { run } from './run';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // The reader went away (`signet text FILE | head`): stop quietly.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const io = {
  out: (text: string) => void process.stdout.write(`${text}\n`),
  err: (text: string) => void process.stderr.write(`${text}\n`),
};

process.exitCode = await run(process.argv.slice(2), io);

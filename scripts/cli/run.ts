import { CliError } from './io';

type Command = (args: string[]) => Promise<void>;

// Each command lives in its own module, loaded only when asked for, so `classify` does not pay
// for the HTML parser and `identify` does not load the model.
const COMMANDS: Record<string, () => Promise<Command>> = {
  classify: async () => (await import('./classify')).default,
  identify: async () => (await import('./identify')).default,
  analyze: async () => (await import('./analyze')).default,
  diff: async () => (await import('./diff')).default,
};

const USAGE = `usage: npm run --silent cli -- <${Object.keys(COMMANDS).join('|')}> [args]`;

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`${name ? `unknown command: ${name}\n` : ''}${USAGE}\n`);
    return 1;
  }
  try {
    const command = await load();
    await command(args);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

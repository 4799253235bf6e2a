/**
 * The `partnerbook` command line. Each subcommand lives in src-main/cli/<name>.ts and
 * exports `run(argv): Promise<number>` (the exit code). Failures print one plain line
 * on stderr and exit non-zero; they never print a stack trace. A reader that stops early
 * (`partnerbook actions | head`) ends the command quietly with exit code 0.
 */
import { CliError, HelpShown } from './cli/args';
import { endQuietlyOnClosedOutput } from './base/closed-output';

type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  sync: { summary: 'sync a replica with a PRM once', load: () => import('./cli/sync') },
  actions: { summary: 'list next-best actions, ranked, with their evidence', load: () => import('./cli/actions') },
  health: { summary: 'print partner health scores with their explanations', load: () => import('./cli/health') },
  forecast: { summary: "forecast each partner's next two quarters of won revenue, or backtest the forecast", load: () => import('./cli/forecast') },
  ropi: { summary: 'print return on partner investment: attributed revenue over MDF and CAM time', load: () => import('./cli/ropi') },
  voice: { summary: 'print what partners say: sentiment and themes of PSAT comments and feedback notes', load: () => import('./cli/voice') },
  'export-qbr': { summary: 'export QBR packs (.pptx / .pdf) for a partner or a filtered book', load: () => import('./cli/export-qbr') },
  web: { summary: 'serve the UI and API on 127.0.0.1 (browser harness)', load: () => import('./cli/web') },
  import: { summary: 'import a book from spreadsheet files (CSV, TSV, Excel)', load: () => import('./cli/import') },
  edit: { summary: 'queue a local edit of a plan, note … (pushed with the next sync)', load: () => import('./cli/edit') },
  'connect-salesforce': { summary: 'sign in to Salesforce with a code (device flow) and add the workspace', load: () => import('./cli/connect-salesforce') },
};

function usage(commands: Record<string, Command>): string {
  const width = Math.max(12, ...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)} ${c.summary}`);
  return `usage: partnerbook <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'partnerbook <command> --help' for a command's options.`;
}

/**
 * Runs one command. `tools` adds commands that are not part of the product (a checkout's
 * `bin/partnerbook.mjs` adds the demo PRM tool this way), so the product bundle never
 * contains them.
 */
export async function main(argv: string[], tools: Record<string, Command> = {}): Promise<number> {
  endQuietlyOnClosedOutput();
  const commands = { ...COMMANDS, ...tools };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage(commands)}\n`);
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`partnerbook: unknown command '${name}'\n${usage(commands)}\n`);
    return 2;
  }
  try {
    const mod = await cmd.load();
    return await mod.run(rest);
  } catch (err) {
    // By name as well as by class: a developer tool (the demo PRM) runs from the TypeScript
    // sources while this runs from the build, so its errors are of the sources' classes.
    if (err instanceof HelpShown || (err instanceof Error && err.name === 'HelpShown')) return 0;
    if (err instanceof CliError || (err instanceof Error && err.name === 'CliError' && typeof (err as { exitCode?: unknown }).exitCode === 'number')) {
      process.stderr.write(`partnerbook ${name}: ${err.message}\n`);
      return (err as CliError).exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`partnerbook ${name}: ${message}\n`);
    if (process.env.PARTNERBOOK_DEBUG) console.error(err);
    return 1;
  }
}

const isEntry = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`partnerbook: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

#!/usr/bin/env node
// The `partnerbook` command. Runs the TypeScript sources through tsx in a checkout.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`partnerbook needs Node 22.12 or newer; this is Node ${process.versions.node}.\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src-main/cli.ts');
process.exitCode = await main(process.argv.slice(2));

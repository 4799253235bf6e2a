#!/usr/bin/env node
// The `partnerbook` command in a checkout: runs the TypeScript sources through tsx, and
// adds the developer tools that never ship with the product (the demo PRM).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`partnerbook needs Node 22.12 or newer; this is Node ${process.versions.node}.\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src-main/cli.ts');
const tools = {
  'demo-prm': { summary: 'run the demo PRM server on 127.0.0.1 (developer tool)', load: () => import('../tools/demo-prm/cli.ts') },
};
process.exitCode = await main(process.argv.slice(2), tools);

#!/usr/bin/env node
// The demo PRM on its own: `node bin/demo-prm.mjs [options]` is `partnerbook demo-prm [options]`.
process.argv.splice(2, 0, 'demo-prm');
await import('./partnerbook.mjs');

// Lints the OpenAPI document read from stdin with Redocly's `recommended` ruleset and prints the problems as JSON.
// A separate process because @redocly/openapi-core 2 is ES modules only, which Jest's CommonJS runtime cannot load.
import { createConfig, lintFromString } from '@redocly/openapi-core';

let source = '';
for await (const chunk of process.stdin) source += chunk;
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
const where = (problem) => problem.location.map((l) => l.pointer).join(', ');
console.log(
  JSON.stringify(problems.map((p) => ({ severity: p.severity, ruleId: p.ruleId, message: p.message, at: where(p) }))),
);

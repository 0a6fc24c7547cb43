#!/usr/bin/env node
// npm run sim:inbound-call -- --to +1… [--from +1…] [--scenario caller_waits] [--url http://localhost:3000]
//                             [--email admin@… --password …]
// Signs in as an admin (ADMIN_EMAIL / ADMIN_PASSWORD by default, as the server's first admin) and asks the running
// portal (mock provider) for a call from outside to --to: POST /api/v1/sim/inbound-calls. Prints the callee's call.
import { parseArgs } from 'node:util';

const SCENARIOS = ['caller_waits', 'caller_hangs_up_ringing', 'caller_hangs_up_after_10s'];

function usage(message) {
  if (message) console.error(message);
  console.error(
    'Usage: npm run sim:inbound-call -- --to +1… [--from +1…] [--scenario ' +
      SCENARIOS.join('|') +
      '] [--url http://localhost:3000] [--email … --password …]',
  );
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      scenario: { type: 'string' },
      url: { type: 'string', default: process.env.PORTAL_URL ?? 'http://localhost:3000' },
      email: { type: 'string', default: process.env.ADMIN_EMAIL },
      password: { type: 'string', default: process.env.ADMIN_PASSWORD },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  usage(error.message);
}
if (values.help) usage();
if (!values.to) usage('--to is required');
if (values.scenario && !SCENARIOS.includes(values.scenario)) usage(`--scenario must be one of ${SCENARIOS.join(', ')}`);
if (!values.email || !values.password) usage('An admin is needed: --email and --password, or ADMIN_EMAIL and ADMIN_PASSWORD');

const base = values.url.replace(/\/+$/, '');

/** Sends JSON; answers the parsed body, or exits with the problem's detail. */
async function send(path, body, token) {
  let res;
  try {
    res = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch (error) {
    console.error(`Cannot reach ${base}: ${error.cause?.message ?? error.message}`);
    process.exit(1);
  }
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { detail: text };
  }
  if (!res.ok) {
    const fields = (parsed.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
    console.error(`${path}: ${res.status} ${parsed.detail ?? parsed.title ?? ''}${fields}`);
    process.exit(1);
  }
  return parsed;
}

const auth = await send('/auth/login', { email: values.email, password: values.password });
const request = { to: values.to };
if (values.from) request.from = values.from;
if (values.scenario) request.scenario = values.scenario;
const call = await send('/sim/inbound-calls', request, auth.accessToken);
console.log(JSON.stringify(call, null, 2));

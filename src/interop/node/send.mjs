// Sends pushes with an APNs client from npm and prints one JSON line per push: {name, status, reason}.
// Usage: node send.mjs <node-apn|apns2> < spec.json, where spec.json is
// {host, port, caFile, keyFile, keyId, teamId, pushes: [{name, token, topic, type, priority, payload, forgedKey}]}.
// The payload is the whole JSON body ({"aps": {...}, ...}). forgedKey signs with a key APNs never saw.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const clientName = process.argv[2];
const spec = JSON.parse(readFileSync(0, 'utf8'));
const realKey = readFileSync(spec.keyFile, 'utf8');
const forgedKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' });

const senders = { 'node-apn': nodeApnSender, apns2: apns2Sender };
if (!senders[clientName]) {
  console.error(`send.mjs: unknown client '${clientName}'; use one of ${Object.keys(senders).join(', ')}`);
  process.exit(2);
}

const clients = [];
for (const push of spec.pushes) {
  const send = senders[clientName](push.forgedKey ? forgedKey : realKey);
  const answer = await send(push).catch((error) => ({ status: 0, reason: `client error: ${error.message}` }));
  console.log(JSON.stringify({ name: push.name, ...answer }));
}
await Promise.all(clients.map((close) => close()));

// @parse/node-apn: host and port are options; one provider per key.
function nodeApnSender(key) {
  const apn = require('@parse/node-apn');
  const provider = new apn.Provider({
    token: { key, keyId: spec.keyId, teamId: spec.teamId },
    address: spec.host,
    port: spec.port,
    ca: readFileSync(spec.caFile),
    production: false,
  });
  clients.push(async () => provider.shutdown());
  return async (push) => {
    const note = new apn.Notification();
    note.topic = push.topic;
    note.pushType = push.type;
    note.priority = push.priority;
    note.rawPayload = push.payload;
    const result = await provider.send(note, push.token);
    if (result.sent.length === 1) {
      return { status: 200, reason: null };
    }
    const failure = result.failed[0];
    return { status: Number(failure.status ?? 0), reason: failure.response?.reason ?? String(failure.error) };
  };
}

// apns2 always dials port 443 of its host (the test serves the sandbox there); it trusts NODE_EXTRA_CA_CERTS.
function apns2Sender(key) {
  const { ApnsClient, Notification } = require('apns2');
  const client = new ApnsClient({ team: spec.teamId, keyId: spec.keyId, signingKey: key, host: spec.host });
  clients.push(async () => client.close());
  return async (push) => {
    const { aps, ...data } = push.payload;
    const note = new Notification(push.token, { type: push.type, topic: push.topic, priority: push.priority, aps, data });
    try {
      await client.send(note);
      return { status: 200, reason: null };
    } catch (error) {
      if (error.statusCode === undefined) {
        throw error;
      }
      return { status: error.statusCode, reason: error.reason };
    }
  };
}

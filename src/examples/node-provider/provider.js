// A small vendor backend, as the Sinch and Tencent guides describe one, written with a different
// APNs client library than PushSim's own reference provider (@parse/node-apn instead of Pushy).
// It keeps the VoIP tokens apps register, and pushes a call to a user's tokens unless the user is
// online in the messaging service. PushSim drives it over this HTTP API (see provider.yaml):
//
//   POST /tokens             {"userId","token","environment","bundleId","pushType"}
//   POST /tokens/unregister  {"userId","token"}
//   POST /calls              {"from","to","displayName"}   answers when APNs has answered
//   POST /presence           {"userId","online"}
//   GET  /health
//
// Configuration, from the environment. When `pushsim test --provider provider.yaml` starts it (the
// lifecycle section), PushSim hands over PUSHSIM_PROVIDER_PORT, PUSHSIM_APNS_HOST, PUSHSIM_SANDBOX_PORT,
// PUSHSIM_PRODUCTION_PORT, PUSHSIM_CA, PUSHSIM_KEY_FILE, PUSHSIM_KEY_ID, PUSHSIM_TEAM_ID and
// PUSHSIM_BUNDLE_ID. Started by hand, it reads PORT (8090), APNS_HOST (127.0.0.1), APNS_SANDBOX_PORT
// (2197), APNS_PRODUCTION_PORT (2198), APNS_CA (pushsim-data/pushsim-ca.pem), APNS_KEY
// (pushsim-data/AuthKey_KEY1234567.p8), APNS_KEY_ID (KEY1234567), APNS_TEAM_ID (TEAM123456), BUNDLE_ID.
//
// PROVIDER_BUGS (a comma-separated list) switches on deliberate mistakes, so that PushSim's own tests
// show the bundled features failing for each: wrong-topic, expiration, ignore-410, new-connection-per-call,
// ignore-presence. Leave it unset.
'use strict';

const http = require('http');
const apn = require('@parse/node-apn');

// PushSim's name for a setting first, then the provider's own.
const env = (name, fallback, pushsim) => process.env[pushsim] || process.env[name] || fallback;
const bundleId = env('BUNDLE_ID', 'com.example.phone', 'PUSHSIM_BUNDLE_ID');
const token = {
  key: env('APNS_KEY', 'pushsim-data/AuthKey_KEY1234567.p8', 'PUSHSIM_KEY_FILE'),
  keyId: env('APNS_KEY_ID', 'KEY1234567', 'PUSHSIM_KEY_ID'),
  teamId: env('APNS_TEAM_ID', 'TEAM123456', 'PUSHSIM_TEAM_ID'),
};
const bugs = new Set(env('PROVIDER_BUGS', '').split(',').filter(Boolean));
const apnsOptions = (production, port) => ({
  token,
  production,
  address: env('APNS_HOST', '127.0.0.1', 'PUSHSIM_APNS_HOST'),
  port: Number(port),
  ca: env('APNS_CA', 'pushsim-data/pushsim-ca.pem', 'PUSHSIM_CA'),
});
// One client per environment, kept open across pushes as Apple asks; a token's environment picks the host.
const connect = () => ({
  development: new apn.Provider(apnsOptions(false, env('APNS_SANDBOX_PORT', '2197', 'PUSHSIM_SANDBOX_PORT'))),
  production: new apn.Provider(apnsOptions(true, env('APNS_PRODUCTION_PORT', '2198', 'PUSHSIM_PRODUCTION_PORT'))),
});
let apns = connect();

const tokens = new Map(); // token -> {userId, environment}
const online = new Set();

async function placeCall({ from, to, displayName }) {
  if (online.has(to) && !bugs.has('ignore-presence')) {
    return { route: 'im', pushes: 0 }; // Tencent: online users get the call over the IM connection.
  }
  if (bugs.has('new-connection-per-call')) {
    Object.values(apns).forEach(provider => provider.shutdown());
    apns = connect();
  }
  const targets = [...tokens.entries()].filter(([, t]) => t.userId === to);
  for (const [deviceToken, registration] of targets) {
    const note = new apn.Notification();
    note.topic = bugs.has('wrong-topic') ? bundleId : `${bundleId}.voip`;
    note.pushType = 'voip';
    note.priority = 10;
    // A call is now or never: expiration 0 means APNs does not store it for an offline phone.
    note.expiry = bugs.has('expiration') ? Math.floor(Date.now() / 1000) + 3600 : 0;
    note.payload = { caller: displayName || from, callerId: from };
    const result = await apns[registration.environment].send(note, deviceToken);
    for (const failure of result.failed) {
      const reason = failure.response && failure.response.reason;
      if ((Number(failure.status) === 410 || reason === 'Unregistered') && !bugs.has('ignore-410')) {
        tokens.delete(deviceToken); // Apple says the token is gone: never push to it again.
      }
      console.log(`push to ${deviceToken.slice(0, 8)}… failed: ${failure.status} ${reason || failure.error}`);
    }
  }
  return { route: 'apns', pushes: targets.length };
}

const routes = {
  'POST /tokens': ({ userId, token: deviceToken, environment, pushType }) => {
    if (!userId || !/^[0-9a-fA-F]+$/.test(deviceToken || '') || !apns[environment]) {
      throw new Error('a registration needs userId, a hex token and environment development or production');
    }
    if (pushType && pushType !== 'voip') {
      throw new Error('this provider keeps VoIP tokens only');
    }
    tokens.set(deviceToken.toLowerCase(), { userId, environment });
    return { registered: true };
  },
  'POST /tokens/unregister': ({ token: deviceToken }) => ({ unregistered: tokens.delete(String(deviceToken).toLowerCase()) }),
  'POST /calls': placeCall,
  'POST /presence': ({ userId, online: isOnline }) => {
    (isOnline === true || isOnline === 'true') ? online.add(userId) : online.delete(userId);
    return { online: online.has(userId) };
  },
  'GET /health': () => ({ status: 'up', tokens: tokens.size }),
};

const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', chunk => { body += chunk; });
  request.on('end', async () => {
    const route = routes[`${request.method} ${request.url}`];
    const reply = (status, value) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (!route) {
      return reply(404, { error: `no route ${request.method} ${request.url}` });
    }
    try {
      reply(200, await route(body ? JSON.parse(body) : {}));
    } catch (error) {
      reply(400, { error: error.message });
    }
  });
});

server.listen(Number(env('PORT', '8090', 'PUSHSIM_PROVIDER_PORT')), '127.0.0.1', () => {
  console.log(`example provider listening on http://127.0.0.1:${server.address().port}`);
});

const stop = () => {
  server.close();
  Object.values(apns).forEach(provider => provider.shutdown());
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

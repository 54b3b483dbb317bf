// PushSim dashboard: plain JavaScript over the public admin API (/admin/...), live through
// server-sent events. A bearer token, when the server needs one, comes from the URL: /#token=...
(() => {
  'use strict';

  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const MAX_ROWS = 500;
  const BANNERS_SHOWN = 3;
  const BAD_TYPES = new Set(['app.terminated', 'device.dropped', 'device.expired', 'device.replaced', 'pushkit.strike',
    'pushkit.throttled', 'apns.stream.rejected', 'apns.connection.rejected']);
  const $ = selector => document.querySelector(selector);
  const enc = encodeURIComponent;

  // ---- the admin API ----

  async function call(method, path, body) {
    const headers = {};
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).error; } catch (ignored) { /* not JSON: show it as it is */ }
      throw new Error(method + ' ' + path + ': ' + message);
    }
    return text;
  }
  const api = async (method, path, body) => {
    const text = await call(method, path, body);
    return text ? JSON.parse(text) : null;
  };
  const act = (method, path, body) => api(method, path, body).catch(showError);
  const devicePath = name => '/admin/devices/' + enc(name);

  function showError(error) {
    console.error(error);
    const live = $('#live');
    live.textContent = String(error.message || error);
    live.className = 'pill off';
  }

  // ---- time ----

  const utcTime = iso => new Date(iso).toISOString().slice(11, 23);
  let now = null;

  async function refreshClock() {
    const clock = await api('GET', '/admin/clock');
    now = clock.now;
    $('#clock').textContent = 'simulated time ' + utcTime(now) + ' UTC (' + clock.mode + ' clock)';
    $('#clock-controls').hidden = clock.mode !== 'virtual';
    for (const phone of phones.values()) {
      phone.querySelector('.time').textContent = utcTime(now).slice(0, 5);
      phone.querySelector('.lock-time').textContent = utcTime(now).slice(0, 5);
    }
  }

  // ---- phones ----

  const phones = new Map();
  const pending = new Set();
  let flushScheduled = false;

  function refreshDevice(name) {
    pending.add(name);
    if (!flushScheduled) {
      flushScheduled = true;
      setTimeout(flushDevices, 40); // a push makes several events in a row: draw the phone once
    }
  }

  async function flushDevices() {
    flushScheduled = false;
    const names = [...pending];
    pending.clear();
    for (const name of names) {
      try {
        drawPhone(await api('GET', devicePath(name)));
      } catch (error) {
        showError(error);
      }
    }
  }

  async function refreshAllDevices() {
    const devices = await api('GET', '/admin/devices');
    const names = new Set(devices.map(device => device.name));
    for (const [name, element] of phones) {
      if (!names.has(name)) {
        element.remove();
        phones.delete(name);
      }
    }
    devices.forEach(drawPhone);
  }

  function phoneFor(name) {
    let phone = phones.get(name);
    if (!phone) {
      phone = $('#phone-template').content.firstElementChild.cloneNode(true);
      phone.dataset.device = name;
      phone.querySelector('.toggle-online').addEventListener('click', () =>
        act('POST', devicePath(name) + (phone.classList.contains('offline') ? '/online' : '/offline')));
      phone.querySelector('.toggle-dnd').addEventListener('click', () =>
        act('PUT', devicePath(name) + '/do-not-disturb', { enabled: !phone.classList.contains('dnd') }));
      phone.querySelector('.restart').addEventListener('click', () => act('POST', devicePath(name) + '/restart'));
      phone.querySelector('.answer').addEventListener('click', () =>
        act('POST', devicePath(name) + '/calls/' + enc(phone.dataset.call) + '/answer'));
      phone.querySelector('.decline').addEventListener('click', () =>
        act('POST', devicePath(name) + '/calls/' + enc(phone.dataset.call) + '/decline'));
      const sorted = [...phones.keys(), name].sort();
      const next = phones.get(sorted[sorted.indexOf(name) + 1]);
      $('#phones').insertBefore(phone, next || null);
      phones.set(name, phone);
    }
    return phone;
  }

  function drawPhone(device) {
    const phone = phoneFor(device.name);
    phone.classList.toggle('offline', !device.online);
    phone.classList.toggle('dnd', device.doNotDisturb);
    phone.querySelector('.device-name').textContent = device.name;
    phone.querySelector('.device-meta').textContent = 'iOS ' + device.ios + (device.online ? ' · online' : ' · offline')
      + (device.doNotDisturb ? ' · Do Not Disturb' : '')
      + (Object.keys(device.storedNotifications).length ? ' · APNs holds ' + Object.keys(device.storedNotifications).length : '');
    phone.querySelector('.flags').textContent = (device.doNotDisturb ? '☾ ' : '') + (device.online ? '●●●' : 'No Service');
    phone.querySelector('.toggle-online').textContent = device.online ? 'Go offline' : 'Go online';
    phone.querySelector('.toggle-dnd').textContent = device.doNotDisturb ? 'DND off' : 'DND on';
    if (now) {
      phone.querySelector('.time').textContent = utcTime(now).slice(0, 5);
      phone.querySelector('.lock-time').textContent = utcTime(now).slice(0, 5);
    }

    const incoming = phone.querySelector('.incoming-call');
    incoming.hidden = !device.ringingCall;
    if (device.ringingCall) {
      phone.dataset.call = device.ringingCall.uuid;
      incoming.querySelector('.caller').textContent = device.ringingCall.caller || device.ringingCall.handle || 'Unknown';
      incoming.querySelector('.call-app').textContent = device.ringingCall.app;
    }

    const banners = phone.querySelector('.banners');
    banners.replaceChildren(...device.notifications.slice(-BANNERS_SHOWN).reverse().map(shown => {
      const banner = element('div', 'banner' + (shown.silenced ? ' silenced' : ''));
      banner.append(element('div', 'banner-app', shown.app), element('div', 'banner-text', shown.title ? shown.title + ': ' + shown.body : shown.body));
      return banner;
    }));

    phone.querySelector('.apps').replaceChildren(...device.apps.map(app => {
      const item = element('li', 'app');
      item.dataset.app = app.bundleId;
      item.append(element('div', 'bundle', app.bundleId));
      const line = element('div');
      line.append(element('span', 'state ' + app.state, app.state.replaceAll('_', ' ').toLowerCase()));
      if (app.strikes > 0) line.append(element('span', 'badge strikes', app.strikes + (app.strikes === 1 ? ' strike' : ' strikes')));
      if (app.voipThrottled) line.append(element('span', 'badge throttled', 'VoIP throttled'));
      line.append(element('span', 'badge', app.environment));
      item.append(line);
      if (app.lastTermination && app.state === 'TERMINATED_BY_SYSTEM') {
        item.append(element('div', 'crash', 'Terminated: ' + app.lastTermination
          + (app.lastTerminationException ? ' (' + app.lastTerminationException + ')' : '')));
      }
      return item;
    }));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- journal ----

  const rows = $('#journal tbody');
  let selectedApnsId = null;
  let timelineScheduled = false;

  function details(event) {
    const data = event.data || {};
    if (event.type === 'apns.request') {
      return [data.environment, data.pushType, data.status === undefined ? 'dropped' : data.status, data.reason, data.detail]
        .filter(part => part !== undefined && part !== null).join(' ');
    }
    return Object.entries(data).filter(([key]) => key !== 'headers' && key !== 'payload')
      .map(([key, value]) => key + '=' + (typeof value === 'object' ? JSON.stringify(value) : value)).join(' ');
  }

  function addRow(event) {
    const row = element('tr');
    row.dataset.seq = event.sequence;
    if (event.apnsId) {
      row.dataset.apnsId = event.apnsId;
      row.classList.add('has-push');
      row.title = 'show the timeline of this push';
      row.addEventListener('click', () => showTimeline(event.apnsId, true));
    }
    const bad = BAD_TYPES.has(event.type) || (event.type === 'apns.request' && event.data.status !== 200)
      || (event.type === 'callkit.reported' && event.data.result !== 'success');
    row.classList.toggle('bad', bad);
    row.append(element('td', '', String(event.sequence)), element('td', '', utcTime(event.time)), element('td', 'type', event.type),
      element('td', '', event.device || ''), element('td', '', event.apnsId ? event.apnsId.slice(0, 8) : ''),
      element('td', 'details', details(event)));
    row.hidden = !matchesFilter(row);
    rows.prepend(row);
    while (rows.children.length > MAX_ROWS) rows.lastElementChild.remove();
    $('#journal-count').textContent = 'latest ' + rows.children.length + ' events, newest first';
  }

  function matchesFilter(row) {
    const filter = $('#journal-filter').value.trim().toLowerCase();
    return !filter || row.textContent.toLowerCase().includes(filter) || (row.dataset.apnsId || '').toLowerCase().includes(filter);
  }

  $('#journal-filter').addEventListener('input', () => {
    for (const row of rows.children) row.hidden = !matchesFilter(row);
  });

  async function showTimeline(apnsId, reveal) {
    selectedApnsId = apnsId;
    for (const row of rows.children) row.classList.toggle('selected', row.dataset.apnsId === apnsId);
    try {
      // The server draws the diagram and escapes every text in it.
      $('#timeline').innerHTML = await call('GET', '/admin/journal/diagram?apnsId=' + enc(apnsId));
      $('#timeline-id').textContent = apnsId;
      $('#timeline-panel').hidden = false;
      if (reveal) $('#timeline-panel').scrollIntoView({ block: 'start' });
    } catch (error) {
      showError(error);
    }
  }

  $('#timeline-close').addEventListener('click', () => {
    selectedApnsId = null;
    $('#timeline-panel').hidden = true;
    for (const row of rows.children) row.classList.remove('selected');
  });

  function onEvent(event) {
    addRow(event);
    if (event.type === 'world.reset') {
      refreshAllDevices().catch(showError);
    } else if (event.device) {
      refreshDevice(event.device);
    }
    if (selectedApnsId && event.apnsId === selectedApnsId && !timelineScheduled) {
      timelineScheduled = true;
      setTimeout(() => { timelineScheduled = false; showTimeline(selectedApnsId); }, 100);
    }
  }

  // ---- start ----

  async function start() {
    const health = await api('GET', '/admin/health');
    $('#endpoints').textContent = 'APNs: ' + Object.entries(health.apns).map(([environment, url]) => environment + ' ' + url).join(' · ');
    await refreshClock();
    await refreshAllDevices();
    const after = Math.max(0, health.journal.recorded - 200);
    const source = new EventSource('/admin/journal/stream?after=' + after + (token ? '&access_token=' + enc(token) : ''));
    source.onopen = () => { $('#live').textContent = 'live'; $('#live').className = 'pill on'; };
    // EventSource reconnects by itself and resumes after the last event it saw (Last-Event-ID).
    source.onerror = () => { $('#live').textContent = 'reconnecting…'; $('#live').className = 'pill off'; };
    source.onmessage = message => onEvent(JSON.parse(message.data));
    source.addEventListener('gap', message => {
      const gap = JSON.parse(message.data);
      addRow({ sequence: gap.resumedAt - 1, time: now, type: '(' + gap.missed + ' events not shown: the dashboard fell behind)', data: {} });
    });
    setInterval(() => refreshClock().catch(showError), 1000);
  }

  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () => act('POST', '/admin/clock/advance', { by: button.dataset.advance }).then(refreshClock));
  }
  $('#reset').addEventListener('click', () => act('POST', '/admin/reset'));

  start().catch(showError);
})();

'use strict';
/**
 * The bench's agents, sessions and expectations, derived deterministically from a count so that
 * the server process and every client process agree without passing fixtures around.
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEFAULT_FIXTURE = require(path.join(ROOT, 'src', 'gws', 'default-fixture.json'));
const SCENARIO = require(path.join(ROOT, 'scenarios', 'remove-participant-from-conference.json'));
const SEED = require(path.join(ROOT, 'test', 'fixtures', 'seed-notifications.json'));

const userId = (i) => (i + 1).toString(16).padStart(32, '0');
const userName = (i) => `bench${i}`;

/** Agents 2p (visibility All, the remover) and 2p+1 (the consulting agent) form pair p. */
function pairs(agents, sessionsPerPair) {
  const list = [];
  for (let p = 0; p < Math.floor(agents / 2); p++) {
    const user = (i) => ({ id: userId(i), userName: userName(i), password: userName(i) });
    list.push({
      index: p,
      caller: user(2 * p),
      target: user(2 * p + 1),
      sessions: Array.from({ length: sessionsPerPair }, (_, k) => sessionId(p, k)),
    });
  }
  return list;
}

const sessionId = (p, k) => `bench${p}-${k}`;

/** A fixture for `agents` users: per pair, `sessionsPerPair` copies of the default session. */
function makeFixture(agents, sessionsPerPair) {
  const template = DEFAULT_FIXTURE.facebooksessions[0];
  const users = Array.from({ length: agents }, (_, i) => ({
    id: userId(i),
    userName: userName(i),
    password: userName(i),
    firstName: 'Bench',
    lastName: `Agent${i}`,
  }));
  const facebooksessions = [];
  for (const pair of pairs(agents, sessionsPerPair)) {
    const ids = { customer: `P${pair.index}C`, caller: `P${pair.index}A`, target: `P${pair.index}B` };
    const remap = new Map(template.participants.map((p, i) => [p.participantId, [ids.customer, ids.caller, ids.target][i]]));
    for (const id of pair.sessions) {
      facebooksessions.push({
        ...template,
        id,
        participants: [
          { ...template.participants[0], participantId: ids.customer },
          { ...template.participants[1], participantId: ids.caller, userId: pair.caller.id },
          { ...template.participants[2], participantId: ids.target, userId: pair.target.id },
        ],
        messages: template.messages.map((m) => ({ ...m, from: remap.get(m.from) ?? ids.customer })),
      });
    }
  }
  return { description: `gws-sim bench: ${agents} agents, ${sessionsPerPair} sessions per pair`, users, facebooksessions };
}

/** When each notification of a role is due, in ms after the operation, at time scale 1. */
function dueOffsets(role) {
  let sum = 0;
  return SCENARIO.streams[role].map((step) => (sum += step.afterMs));
}

/** `messageType/notificationType[:message types]`: what a notification is, in one string. */
function kindOf(data) {
  const base = `${data && data.messageType}/${data && data.notificationType}`;
  return data && Array.isArray(data.messages) ? `${base}:${data.messages.map((m) => m.type).join(',')}` : base;
}

/** The documented notifications, per role, as the bare-faye baseline publishes them. */
const SEED_PAYLOADS = {
  caller: Object.keys(SEED).filter((k) => k.startsWith('Agent1')).map((k) => SEED[k]),
  target: Object.keys(SEED).filter((k) => k.startsWith('Agent2')).map((k) => SEED[k]),
};

const EXPECTED_KINDS = { caller: SEED_PAYLOADS.caller.map(kindOf), target: SEED_PAYLOADS.target.map(kindOf) };

module.exports = { ROOT, pairs, makeFixture, dueOffsets, kindOf, SEED_PAYLOADS, EXPECTED_KINDS };

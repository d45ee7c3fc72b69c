import { z } from 'zod';
import { DEVICE_CHANNEL, DEVICES_TOPIC } from '../../families';
import { defineAgentStateOperation } from '../operation';
import { dispatchWaiting } from '../routing';

/**
 * DoNotDisturbOn and DoNotDisturbOff (the AgentStateDoNotDisturbOn/Off pages): on the agent's
 * device (POST /api/v2/me/devices/{id}); told in a DeviceStateChangeMessage, `doNotDisturb` On or
 * Off. A device on do-not-disturb is routed no call and cannot be dialed (modelled); once it is off,
 * a call that waited rings it if the agent is Ready.
 */
function doNotDisturb(name: string, on: boolean) {
  return defineAgentStateOperation({
    name,
    summary: on ? "Turns do-not-disturb on for the agent's phone (POST /api/v2/me/devices/{id})" : "Turns do-not-disturb off for the agent's phone",
    target: 'device',
    params: z.object({}),
    example: {},
    roles: ['device'],
    participants: [],
    perform({ model, caller }) {
      model.channels.setDoNotDisturb(caller.id, on);
      const routed = on ? [] : dispatchWaiting(model, DEVICE_CHANNEL);
      return { recipients: [{ role: 'device', userId: caller.id, topic: DEVICES_TOPIC }], channels: model.channels.of(caller.id), routed };
    },
    sample: (model) => [{ operation: name, as: model.users[0].id, params: {} }],
  });
}

export const doNotDisturbOn = doNotDisturb('DoNotDisturbOn', true);
export const doNotDisturbOff = doNotDisturb('DoNotDisturbOff', false);

import type { Family } from '../family';

/** Facebook sessions (`/api/v2/me/facebooksessions`): the seed's family. Nothing routes them: an offer names its agent. */
export const FACEBOOK: Family = {
  name: 'facebook',
  collection: 'facebooksessions',
  aliases: ['facebooksession'],
  resource: 'facebooksession',
  topic: '/v2/me/facebooksession',
  stateMessageType: 'FacebooksessionStateChangeMessage',
  resourceFields: [
    'userData',
    'comment',
    'receivedDate',
    'facebooksessionType',
    'suggestedQueueUris',
    'capabilities',
    'uri',
    'state',
    'revelantResponseTemplateGroups',
    'participants',
    'id',
  ],
  streamDir: '',
  fixtureKey: 'facebooksessions',
  invitedState: 'Invited',
  finalState: 'Completed',
  legPerAgent: false,
  endedBy: 'Reject, Complete or Leave',
};

import fs from 'node:fs';
import path from 'node:path';
import { tempFolder } from '../../helpers/files';
import { loadOperationStreams, SCENARIOS_DIR } from '../../../src/scenario/loader';
import { NotificationShapes } from '../../../src/scenario/shapes';

const SHIPPED = path.join(SCENARIOS_DIR, 'remove-participant-from-conference.json');

describe('the kinds and fields of the notifications the streams send', () => {
  const files = tempFolder('gws-sim-shapes-');
  const shipped = new NotificationShapes(loadOperationStreams());

  it('come from the loaded stream files', () => {
    expect(shipped.kinds).toEqual([
      'AttachedDataChanged',
      'CallRecordingStateChange',
      'ChannelStateChangeMessageV2',
      'CustomNotice',
      'DeviceStateChangeMessage',
      'DtmfSent',
      'NicknameUpdated',
      'Notice',
      'ParticipantJoined',
      'ParticipantLeft',
      'ParticipantsUpdated',
      'PropertiesUpdated',
      'StatusChange',
      'Text',
      'TypingStarted',
      'TypingStopped',
    ]);
    // Accept's log of several messages is a known kind: each of its message types is.
    expect(shipped.kindProblem('ParticipantJoined+Text+ParticipantJoined+ParticipantLeft')).toBeUndefined();
    expect(shipped.kindProblem('ParticipantJoined+Txt')).toMatch(/no operation sends/);
  });

  it('a stream file that sends another kind, with another field, brings both', () => {
    const stream = JSON.parse(fs.readFileSync(SHIPPED, 'utf8'));
    stream.templates.stateChange.comment = 'a comment';
    stream.streams.caller[1].vars.notificationType = 'CommentAdded';
    const shapes = new NotificationShapes(loadOperationStreams([files.write(JSON.stringify(stream))]));
    expect(shapes.kinds).toContain('CommentAdded');
    expect(shipped.kinds).not.toContain('CommentAdded');
    expect(shapes.pathProblem('CommentAdded', 'comment')).toBeUndefined();
    expect(shipped.pathProblem('StatusChange', 'comment')).toMatch(/^comment: StatusChange notifications have no 'comment'/);
  });

  it('an unknown kind gets the nearest known one', () => {
    expect(shipped.kindProblem('StatusChange')).toBeUndefined();
    expect(shipped.kindProblem('ParticipantUpdated')).toBe(
      "no operation sends a notification of kind 'ParticipantUpdated'; did you mean ParticipantsUpdated? (kinds: AttachedDataChanged, CallRecordingStateChange, ChannelStateChangeMessageV2, CustomNotice, DeviceStateChangeMessage, DtmfSent, NicknameUpdated, Notice, ParticipantJoined, ParticipantLeft, ParticipantsUpdated, PropertiesUpdated, StatusChange, Text, TypingStarted, TypingStopped)",
    );
    expect(shipped.kindProblem('Zzz')).not.toMatch(/did you mean/);
  });

  it('fields the template writes are checked strictly, with a guess', () => {
    expect(shipped.pathProblem('StatusChange', 'facebooksession.state')).toBeUndefined();
    expect(shipped.pathProblem('Notice', 'messages.length')).toBeUndefined(); // scenarios/README.md's example
    expect(shipped.pathProblem('StatusChange', 'facebooksesion.state')).toMatch(/^facebooksesion.state: StatusChange notifications have no 'facebooksesion'; did you mean facebooksession\?/);
    expect(shipped.pathProblem('Notice', 'messages[1].type')).toBe('messages[1].type: in Notice notifications, messages has no item [1] (it has: item [0])');
    expect(shipped.pathProblem('StatusChange', 'referenceId.x')).toMatch(/referenceId is a number: it has no 'x'/);
  });

  it('anything below a value a placeholder fills in is accepted: it depends on the fixture', () => {
    for (const path of ['messages[0].type', 'messages[0].from.nickname', 'facebooksession.participants[7].userId', 'facebooksession.userData.anyKey.deeper']) {
      expect(shipped.pathProblem(undefined, path)).toBeUndefined();
    }
  });

  it('without a kind, a path some kind has is accepted; else the nearest miss is shown', () => {
    expect(shipped.pathProblem(undefined, 'facebooksession.state')).toBeUndefined();
    expect(shipped.pathProblem(undefined, 'facebooksession.stat')).toMatch(
      /^facebooksession.stat: no notification has this field; in \w+ notifications, facebooksession has no 'stat'; did you mean state\?/,
    );
  });
});

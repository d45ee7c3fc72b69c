import { loadFixture } from '../../src/gws/fixture';
import { GwsModel } from '../../src/gws/model';
import type { Outcome } from '../../src/gws/operations/registry';
import { ManualClock } from '../../src/scenario/clock';
import { ScheduledActions } from '../../src/scheduled';
import { LocalLedger, modelApply } from '../../src/ledger/ledger';
import { AGENT1_ID } from '../helpers/default-fixture';

describe('ScheduledActions: what operations make happen later, on the clock', () => {
  function setup(timeScale = 1) {
    const model = new GwsModel(loadFixture());
    const clock = new ManualClock(0);
    const done: [string, string][] = [];
    const logged: string[] = [];
    const later = new ScheduledActions(new LocalLedger(modelApply(model), () => clock.now()), clock, timeScale, (outcome, actor) => done.push([actor, outcome.operation]), (line) => logged.push(line));
    return { model, clock, done, logged, later };
  }
  /** An outcome that only schedules `scheduled` (the rest is not read). */
  const scheduling = (scheduled: unknown[]) => ({ scheduled, followUps: [] }) as unknown as Outcome;

  it('performs an agent-state change at its time, scaled, only while the state it was scheduled for holds', () => {
    const { model, clock, done, later } = setup(2);
    model.channels.login(AGENT1_ID, 'voice', { id: 'n', displayName: 'Not Ready', state: 'NotReady' });
    const stamp = model.channels.stampOf(AGENT1_ID, 'voice')!;
    later.follow(scheduling([{ afterMs: 100, as: AGENT1_ID, channel: 'voice', params: { operationName: 'Ready' }, whileStamp: stamp }]));
    expect(later.pending).toBe(1);
    clock.advance(199);
    expect(done).toEqual([]);
    clock.advance(1);
    expect([done, model.channels.get(AGENT1_ID, 'voice')?.state, later.pending]).toEqual([[['agent', 'Ready']], 'Ready', 0]);

    // Scheduled for a state that has changed since: dropped.
    later.follow(scheduling([{ afterMs: 10, as: AGENT1_ID, channel: 'voice', params: { operationName: 'NotReady' }, whileStamp: stamp }]));
    clock.advance(20);
    expect([done.length, model.channels.get(AGENT1_ID, 'voice')?.state]).toEqual([1, 'Ready']);
  });

  it('drops a customer action the call no longer allows, and logs (never throws) what fails for another reason', () => {
    const { model, clock, done, logged, later } = setup();
    later.follow(scheduling([{ afterMs: 5, customer: 'CustomerAnswer', media: 'voice', session: 'no-such-call', params: {} }]));
    clock.advance(5);
    expect([done, logged]).toEqual([[], []]);

    jest.spyOn(model.channels, 'stampOf').mockImplementation(() => {
      throw new Error('broken');
    });
    later.follow(scheduling([{ afterMs: 5, as: AGENT1_ID, channel: 'voice', params: { operationName: 'Ready' }, whileStamp: 1 }]));
    expect(() => clock.advance(5)).not.toThrow();
    expect(logged).toEqual([expect.stringMatching(/^cannot perform what was scheduled \(.*\): broken$/)]);
  });

  it('cancels what is still waiting', () => {
    const { model, clock, done, later } = setup();
    model.channels.login(AGENT1_ID, 'voice', { id: 'n', displayName: 'Not Ready', state: 'NotReady' });
    later.follow(scheduling([{ afterMs: 5, as: AGENT1_ID, channel: 'voice', params: { operationName: 'Ready' }, whileStamp: model.channels.stampOf(AGENT1_ID, 'voice')! }]));
    later.cancelAll();
    expect(later.pending).toBe(0);
    clock.advance(10);
    expect([done, model.channels.get(AGENT1_ID, 'voice')?.state]).toEqual([[], 'NotReady']);
  });
});

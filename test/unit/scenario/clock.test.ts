import { ManualClock } from '../../../src/scenario/clock';

describe('ManualClock', () => {
  it('starts at the time given, 0 by default', () => {
    expect(new ManualClock().now()).toBe(0);
    expect(new ManualClock(1000).now()).toBe(1000);
  });

  it('runs nothing until advanced', () => {
    const clock = new ManualClock();
    const task = jest.fn();
    clock.schedule(0, task);
    expect(task).not.toHaveBeenCalled();
    expect(clock.pending).toBe(1);
    clock.advance(0);
    expect(task).toHaveBeenCalledTimes(1);
    expect(clock.pending).toBe(0);
  });

  it('runs due tasks in time order, ties in scheduling order', () => {
    const clock = new ManualClock(100);
    const ran: string[] = [];
    clock.schedule(30, () => ran.push('c@130'));
    clock.schedule(10, () => ran.push('a@110'));
    clock.schedule(20, () => ran.push('b1@120'));
    clock.schedule(20, () => ran.push('b2@120'));
    clock.schedule(50, () => ran.push('late@150'));
    clock.advance(30);
    expect(ran).toEqual(['a@110', 'b1@120', 'b2@120', 'c@130']);
    expect(clock.now()).toBe(130);
    expect(clock.pending).toBe(1);
    clock.advance(19);
    expect(ran).toHaveLength(4);
    clock.advance(1);
    expect(ran).toEqual(['a@110', 'b1@120', 'b2@120', 'c@130', 'late@150']);
  });

  it('runs a task exactly at its time, not before', () => {
    const clock = new ManualClock();
    const task = jest.fn();
    clock.schedule(100, task);
    clock.advance(99);
    expect(task).not.toHaveBeenCalled();
    clock.advance(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('treats a negative delay as 0', () => {
    const clock = new ManualClock(50);
    const times: number[] = [];
    clock.schedule(-10, () => times.push(clock.now()));
    clock.advance(0);
    expect(times).toEqual([50]);
  });

  it('cancels a task', () => {
    const clock = new ManualClock();
    const kept = jest.fn();
    const cancelled = jest.fn();
    clock.schedule(10, kept);
    const cancel = clock.schedule(10, cancelled);
    cancel();
    expect(clock.pending).toBe(1);
    clock.advance(100);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('cancels a task from inside another one that runs first', () => {
    const clock = new ManualClock();
    const second = jest.fn();
    let cancelSecond = () => {};
    clock.schedule(10, () => cancelSecond());
    cancelSecond = clock.schedule(20, second);
    clock.advance(100);
    expect(second).not.toHaveBeenCalled();
  });

  it('cancelling twice or after the run is harmless', () => {
    const clock = new ManualClock();
    const task = jest.fn();
    const cancel = clock.schedule(5, task);
    clock.advance(5);
    cancel();
    cancel();
    expect(task).toHaveBeenCalledTimes(1);
    expect(clock.pending).toBe(0);
  });

  it('shows the task its own time while it runs, then the end of the window', () => {
    const clock = new ManualClock(1000);
    const seen: number[] = [];
    clock.schedule(25, () => seen.push(clock.now()));
    clock.schedule(75, () => seen.push(clock.now()));
    clock.advance(200);
    expect(seen).toEqual([1025, 1075]);
    expect(clock.now()).toBe(1200);
  });

  it('runs tasks scheduled during advance that fall due inside the window', () => {
    const clock = new ManualClock();
    const ran: [string, number][] = [];
    clock.schedule(10, () => {
      ran.push(['first', clock.now()]);
      clock.schedule(15, () => ran.push(['inside', clock.now()]));
      clock.schedule(0, () => ran.push(['now', clock.now()]));
      clock.schedule(500, () => ran.push(['outside', clock.now()]));
    });
    clock.schedule(20, () => ran.push(['second', clock.now()]));
    clock.advance(100);
    expect(ran).toEqual([
      ['first', 10],
      ['now', 10],
      ['second', 20],
      ['inside', 25],
    ]);
    expect(clock.pending).toBe(1);
    clock.advance(410);
    expect(ran[ran.length - 1]).toEqual(['outside', 510]);
  });

  it('schedules relative to the current time', () => {
    const clock = new ManualClock();
    clock.advance(300);
    const times: number[] = [];
    clock.schedule(10, () => times.push(clock.now()));
    clock.advance(10);
    expect(times).toEqual([310]);
  });
});

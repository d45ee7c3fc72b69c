import type { GwsAnswer } from '../client/rest';
import pc from 'picocolors';
import type { RunEvent, RunResult } from '../run/runner';
import { formatVerdict } from '../scenario/expect';
import type { Drift } from '../run/drift';

/** One JSON object per line, for machines. */
export function jsonReporter(write: (line: string) => void = console.log): (event: RunEvent) => void {
  return (event) => write(JSON.stringify(event));
}

/** A live account for people: each notification as it arrives, progress on long waits, verdicts. */
export function prettyReporter(write: (line: string) => void = console.log): (event: RunEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'start':
        write(pc.bold(`▶ ${event.file}`) + pc.dim(` on ${event.server}`));
        if (event.description) write(pc.dim(`  ${event.description}`));
        return;
      case 'connected':
        write(pc.dim(`  ${event.agent} connected over ${event.transport}`));
        return;
      case 'disconnected':
        write(pc.dim(`  ${event.agent} disconnected`));
        return;
      case 'performed': {
        const answer = answerText(event.answer);
        const on = event.session !== undefined ? ` on ${event.session}` : event.channel !== undefined ? ` on channel ${event.channel}` : '';
        write(`  ${event.agent} ${event.operation}${on}: ${event.ok ? pc.green(answer) : pc.red(answer)}`);
        for (const problem of event.problems) write(pc.red(`    ${problem}`));
        return;
      }
      case 'control': {
        const answer = answerText(event.answer);
        write(`  ${event.what}: ${event.ok ? pc.green(answer) : pc.red(answer)}`);
        return;
      }
      case 'notification': {
        const at = event.sinceOperationMs === undefined ? '' : `+${String(event.sinceOperationMs).padStart(5)} ms`;
        write(`  ${pc.cyan(at.padEnd(10))} ${event.agent.padEnd(8)} ${pc.bold(event.kind.padEnd(20))} ${pc.dim(event.fields.join(' '))}`);
        return;
      }
      case 'fault':
        write(pc.magenta(`  ⚡ fault armed: ${event.faults.join(', ')}`));
        return;
      case 'waiting':
        write(pc.yellow(`  … ${(event.forMs / 1000).toFixed(1)} s: ${event.what}`));
        return;
      case 'expectation': {
        const { verdict } = event;
        if (verdict.ok) {
          write(pc.green(`  ✓ ${verdict.agent}: ${verdict.expected.join(', ') || '(nothing)'}`));
          return;
        }
        const [agent, ...lines] = formatVerdict(verdict).split('\n');
        write(pc.red(`  ✗ ${agent}`));
        for (const line of lines) write(`    ${line}`);
        return;
      }
      case 'requests': {
        const count = event.times === undefined ? `${event.found}` : `${event.found}/${event.times}`;
        if (event.ok) {
          write(pc.green(`  ✓ requests ${event.filter}: ${count}`));
          return;
        }
        const [first, ...lines] = event.message.split('\n');
        write(pc.red(`  ✗ requests: ${first}`));
        for (const line of lines) write(`    ${line}`);
        return;
      }
      case 'end':
        write(
          (event.ok ? pc.green('✔ passed') : pc.red(`✘ failed (${event.failures.length} failure${event.failures.length === 1 ? '' : 's'})`)) +
            pc.dim(` in ${(event.durationMs / 1000).toFixed(1)} s · ${describeDrift(event.drift)}`),
        );
        return;
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  };
}

function answerText(answer: GwsAnswer): string {
  return `statusCode ${answer.statusCode}${answer.statusMessage ? ` (${answer.statusMessage})` : ''}`;
}

function describeDrift(drift: Drift): string {
  if (drift.count === 0) return 'no notification timed';
  return `delivery vs schedule: median ${drift.medianMs} ms late, largest ${drift.maxMs} ms (${drift.count} notifications)`;
}

/** The closing summary of several files, with every failure in full. */
export function summary(results: readonly RunResult[]): string[] {
  const failed = results.filter((r) => !r.ok);
  const lines = failed.flatMap((r) => [pc.red(`✘ ${r.file}`), ...r.failures.map((f) => f.replace(/^/gm, '    '))]);
  const counts = `${results.length - failed.length} passed, ${failed.length} failed`;
  return [...lines, failed.length === 0 ? pc.green(counts) : pc.red(counts)];
}

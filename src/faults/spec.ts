import type { z } from 'zod';
import { ERRORS } from '../errors';
import { restOperationNames } from '../gws/operations/registry';
import { shorten } from '../shown';
import { FileError } from '../validation';
import { FAULT_KINDS, FaultSchema, MAX_FAULT_COUNT, MAX_NTH, type Fault, type FaultKind, type Nth } from './types';

/**
 * The compact form of a fault, for `gws-sim serve --fault SPEC` and script steps:
 *
 *   drop:AGENT:NTH                 duplicate:AGENT:NTH           reorder:AGENT:NTH
 *   delay:AGENT:NTH:MS             (MS: 300, or 200-500 for a seeded random delay)
 *   session-drop:AGENT[:after=N]   cut:AGENT[:after=N]
 *   rest:AGENT:OPERATION:ERROR[:NTH]   (ERROR: a catalogue code such as INTERNAL, or STATUS[/HTTP] such as 4/500)
 *
 * AGENT is a user name or `*`; NTH is `2`, `1,3`, `2-4` or `*` (every one).
 */
export const SPEC_SYNTAX: Record<FaultKind, { form: string; example: string }> = {
  drop: { form: 'drop:AGENT:NTH', example: 'drop:agent2:2' },
  duplicate: { form: 'duplicate:AGENT:NTH', example: 'duplicate:agent1:1' },
  reorder: { form: 'reorder:AGENT:NTH', example: 'reorder:agent2:1' },
  delay: { form: 'delay:AGENT:NTH:MS', example: 'delay:agent1:*:200-500' },
  'session-drop': { form: 'session-drop:AGENT[:after=N]', example: 'session-drop:agent2:after=1' },
  cut: { form: 'cut:AGENT[:after=N]', example: 'cut:agent1:after=2' },
  rest: { form: 'rest:AGENT:OPERATION:ERROR[:NTH]', example: 'rest:agent1:RemoveParticipantFromConference:4/500' },
};

const NTH_HELP = "NTH is which of the agent's notifications, counted from when the fault is armed: 2, 1,3, 2-4 or * (every one)";

/**
 * A --fault SPEC (or fault object) that cannot be used: says what is wrong and shows an example.
 * A FileError, so that the CLI treats it as the usage error it is (exit 2).
 */
export class FaultSpecError extends FileError {
  constructor(
    readonly spec: string,
    readonly why: string,
  ) {
    super(`fault '${shorten(spec)}'`, [{ path: '$', message: why }]);
    this.message = `fault '${shorten(spec)}': ${why}`;
    this.name = 'FaultSpecError';
  }
}

export function parseFaultSpec(spec: string): Fault {
  const parts = spec.trim().split(':');
  const [kind, agent, ...rest] = parts;
  const fail = (why: string): never => {
    throw new FaultSpecError(spec, why);
  };
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
    fail(`unknown fault '${shorten(kind)}'; one of ${FAULT_KINDS.join(', ')}, e.g. ${SPEC_SYNTAX.drop.example} or ${SPEC_SYNTAX.delay.example}`);
  }
  const k = kind as FaultKind;
  const syntax = SPEC_SYNTAX[k];
  const usage = `expected ${syntax.form}, e.g. ${syntax.example}`;
  if (!agent) fail(`no agent: ${usage}`);
  const arity = (min: number, max: number) => {
    if (rest.length < min || rest.length > max) fail(`${rest.length < min ? 'a part is missing' : 'too many parts'}; ${usage}`);
  };
  const nth = (text: string) => parseNth(text, (why) => fail(`${why}; ${NTH_HELP}; ${usage}`));

  let fault: unknown;
  switch (k) {
    case 'drop':
    case 'duplicate':
    case 'reorder':
      arity(1, 1);
      fault = { kind: k, agent, nth: nth(rest[0]) };
      break;
    case 'delay':
      arity(2, 2);
      fault = { kind: k, agent, nth: nth(rest[0]), ms: parseMs(rest[1], (why) => fail(`${why}; ${usage}`)) };
      break;
    case 'session-drop':
    case 'cut': {
      arity(0, 1);
      if (rest.length === 0) {
        fault = { kind: k, agent };
        break;
      }
      const after = /^after=(\d+)$/.exec(rest[0]);
      const n = after ? Number(after[1]) : 0;
      if (n < 1 || n > MAX_FAULT_COUNT) fail(`'${shorten(rest[0])}' is not after=N (N = 1 to ${MAX_FAULT_COUNT}: after the agent's N-th notification); ${usage}`);
      fault = { kind: k, agent, after: n };
      break;
    }
    case 'rest': {
      arity(2, 3);
      const [operation, error, which] = rest;
      if (operation !== '*' && !restOperationNames().includes(operation)) {
        fail(`unknown operation '${shorten(operation)}'; one of ${restOperationNames().join(', ')} or *; ${usage}`);
      }
      fault = { kind: k, agent, operation, ...parseError(error, (why) => fail(`${why}; ${usage}`)), ...(which === undefined ? {} : { nth: nth(which) }) };
      break;
    }
    default: {
      const unknown: never = k;
      fail(`unknown fault ${String(unknown)}`);
    }
  }
  const result = FaultSchema.safeParse(fault);
  if (!result.success) fail(`${issuesOf(result.error)}; ${usage}`);
  return result.data!;
}

function parseNth(text: string, fail: (why: string) => never): Nth {
  if (text === '*') return '*';
  const picked = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) fail(`'${shorten(text)}' is not a notification number`);
    const from = Number(range![1]);
    const to = range![2] === undefined ? from : Number(range![2]);
    if (from < 1 || to < from) fail(`'${shorten(part)}' is not 1 or more, or not from <= to`);
    // Before the loop: past 2^53, n++ no longer changes n and the loop never ends.
    if (to > MAX_FAULT_COUNT) fail(`'${shorten(part)}' is past ${MAX_FAULT_COUNT}, the largest notification number a fault may name`);
    if (to - from >= MAX_NTH) fail(`'${shorten(part)}' names more than ${MAX_NTH} notifications; use *`);
    for (let n = from; n <= to; n++) picked.add(n);
    if (picked.size > MAX_NTH) fail(`'${shorten(text)}' names more than ${MAX_NTH} notifications; use *`);
  }
  const list = [...picked].sort((a, b) => a - b);
  return list.length === 1 ? list[0] : list;
}

function parseMs(text: string, fail: (why: string) => never): number | [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text ?? '');
  if (!match) return fail(`'${shorten(text)}' is not a delay in ms (300) or a range (200-500)`);
  return match[2] === undefined ? Number(match[1]) : [Number(match[1]), Number(match[2])];
}

function parseError(text: string, fail: (why: string) => never): { error: keyof typeof ERRORS } | { statusCode: number; httpStatus?: number } {
  if (text in ERRORS) return { error: text as keyof typeof ERRORS };
  const match = /^(\d+)(?:\/(\d{3}))?$/.exec(text);
  if (!match) return fail(`'${shorten(text)}' is neither a GWS statusCode (4, or 4/500 with the HTTP status) nor a catalogue code (${Object.keys(ERRORS).join(', ')})`);
  return match[2] === undefined ? { statusCode: Number(match[1]) } : { statusCode: Number(match[1]), httpStatus: Number(match[2]) };
}

/** A fault in the SPEC form, for logs and GET /sim/state. */
export function formatFault(fault: Fault): string {
  switch (fault.kind) {
    case 'drop':
    case 'duplicate':
    case 'reorder':
      return `${fault.kind}:${fault.agent}:${formatNth(fault.nth)}`;
    case 'delay':
      return `delay:${fault.agent}:${formatNth(fault.nth)}:${Array.isArray(fault.ms) ? fault.ms.join('-') : fault.ms}`;
    case 'session-drop':
    case 'cut':
      return `${fault.kind}:${fault.agent}${fault.after === undefined ? '' : `:after=${fault.after}`}`;
    case 'rest': {
      const error = fault.error ?? `${fault.statusCode}${fault.httpStatus === undefined ? '' : `/${fault.httpStatus}`}`;
      return `rest:${fault.agent}:${fault.operation}:${error}${fault.nth === undefined ? '' : `:${formatNth(fault.nth)}`}`;
    }
    default: {
      const unknown: never = fault;
      throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
    }
  }
}

/** A list as the user writes it: runs of three or more as ranges (`1-10000`, not ten thousand numbers). */
export function formatNth(nth: Nth): string {
  if (!Array.isArray(nth)) return String(nth);
  const sorted = [...new Set(nth)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return parts.join(',');
}

/** What is wrong with a fault, one issue per field (a number past a bound fails several checks). */
function issuesOf(error: z.ZodError): string {
  const byPath = new Map<string, string>();
  for (const issue of error.issues) {
    const path = issue.path.join('.') || 'fault';
    if (!byPath.has(path)) byPath.set(path, `${path}: ${issue.message}`);
  }
  return [...byPath.values()].join('; ');
}


/** A fault given as a SPEC string or as an object: checked, with a message that says what is wrong. */
export function toFault(input: unknown): Fault {
  if (typeof input === 'string') return parseFaultSpec(input);
  const result = FaultSchema.safeParse(input);
  if (result.success) return result.data;
  throw new FaultSpecError(
    JSON.stringify(input) ?? String(input),
    `${issuesOf(result.error)}; e.g. {"kind": "drop", "agent": "agent2", "nth": 2} or "${SPEC_SYNTAX.drop.example}"`,
  );
}

/** The faults of a POST /sim/faults body: `{"faults": [...]}`, an array, or one fault (object or SPEC string). */
export function faultsOfBody(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body !== null && typeof body === 'object' && 'faults' in body) {
    const { faults } = body as { faults: unknown };
    return Array.isArray(faults) ? faults : [faults];
  }
  return [body];
}

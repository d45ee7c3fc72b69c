import { z } from 'zod';
import { FaultSpecError, toFault } from '../faults/spec';
import type { Fault } from '../faults/types';
import { RequestFilterSchema, type RequestFilter } from '../journal/filter';
import { DEFAULT_MEDIA, familyNamed, MEDIA_NAMES } from '../gws/families';
import { CUSTOMER_ACTIONS, type CustomerAction } from '../gws/operations/customer/actions';
import { collectionCreatedBy, restOperationNames, targetOf } from '../gws/operations/registry';
import { closest, didYouMean } from '../suggest';
import { issueMessage } from '../validation';
import { parsePath, type Expected } from './expect';
import { JsonValue } from './schema';
import { compileTemplate, TemplateError } from './template';

/** The names a script's placeholders may start with (`{{users.agent2.uri}}`, `{{server}}`). */
const SCRIPT_CONTEXT_ROOTS = ['server', 'users'] as const;

const AgentName = z.string().min(1);

const OperationName = z.string().refine((name) => restOperationNames().includes(name), {
  error: (issue) => {
    const guess = didYouMean(String(issue.input), restOperationNames());
    return `expected an operation gws-sim performs, found '${String(issue.input)}'${guess || ` (the operations: ${restOperationNames().join(', ')})`}`;
  },
});

const ACTION_NAMES = Object.keys(CUSTOMER_ACTIONS) as CustomerAction[];
const CustomerActionName = z.custom<CustomerAction>((name) => ACTION_NAMES.includes(name as CustomerAction), {
  error: (issue) => `expected what a customer does (${ACTION_NAMES.join(', ')}), found '${String(issue.input)}'${didYouMean(String(issue.input), ACTION_NAMES)}`,
});

const Agents = z.union([AgentName, z.array(AgentName).min(1)]);

const FieldMatches = z.record(z.string(), JsonValue).superRefine((match, ctx) => {
  for (const path of Object.keys(match)) {
    try {
      parsePath(path);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: [path], message: (error as Error).message });
    }
  }
});

/** One fault or a list: objects or SPEC strings (`drop:agent2:2`), each checked as the CLI checks --fault. */
const FaultList = z.unknown().transform((value, ctx): Fault[] => {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'an empty list: name at least one fault, e.g. "drop:agent2:2"' });
  return list.flatMap((item, i) => {
    try {
      return [toFault(item)];
    } catch (error) {
      if (!(error instanceof FaultSpecError)) throw error;
      ctx.addIssue({ code: 'custom', path: Array.isArray(value) ? [i] : [], message: error.message });
      return [];
    }
  });
});

const ExpectationSchema = z.union([
  z.string().min(1).describe('a notification kind'),
  z.strictObject({ kind: z.string().min(1).optional(), match: FieldMatches.optional() }),
]);

const STEP_SCHEMAS = {
  connect: z.strictObject({ connect: Agents }),
  disconnect: z.strictObject({ disconnect: Agents }),
  perform: z.strictObject({
    perform: OperationName,
    as: AgentName,
    session: z.string().min(1).optional().describe("a fixture session's id, or the name an offer step gave (a call: its connId's name, the runner posts to the agent's own call); Dial: a name for the call it makes"),
    channel: z.string().min(1).optional().describe('the channel of Ready and NotReady'),
    consultation: z.string().min(1).optional().describe('InitiateTransfer, InitiateConference: a name for the consultation call it makes, for the steps after'),
    target: z.string().min(1).optional().describe('an agent of the script, or a URI'),
    params: z.record(z.string(), JsonValue).optional(),
    answer: z.record(z.string(), JsonValue).optional(),
  }),
  offer: z.strictObject({
    offer: AgentName.describe('the agent the new session is offered to; * for routing (chat)'),
    media: z.enum(MEDIA_NAMES).optional().describe('facebook (the default), chat or voice'),
    session: z.string().min(1).describe('a name for the new session or call, for the steps after'),
    from: z.string().min(1).optional().describe("the customer: a session's nickname (default Customer), a call's phone number (default +14155550100)"),
    text: z.string().optional().describe("a session's first message"),
  }),
  customer: z.strictObject({
    customer: CustomerActionName,
    session: z.string().min(1),
    text: z.string().optional().describe('what the customer says (say)'),
  }),
  notify: z.strictObject({
    notify: AgentName.describe('the agent that receives it'),
    channel: z.string().min(1).optional().describe('a GWS topic such as /v2/me/chats; default /v2/notifications'),
    data: z.record(z.string(), JsonValue),
  }),
  wait: z.strictObject({ wait: z.number().int().min(0).max(3_600_000) }),
  expect: z.strictObject({
    expect: z.record(AgentName, z.array(ExpectationSchema)),
    timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  }),
  fault: z.strictObject({ fault: FaultList.describe('a fault (object or SPEC string, README "Faults"), or a list of them') }),
  expectRequest: z.strictObject({
    expectRequest: RequestFilterSchema.describe('which requests of the journal: agent, operation, params, channel, subscription... (README "The request journal")'),
    times: z.number().int().min(0).max(10_000).optional().describe('exactly this many since the run began; default: at least one'),
    timeoutMs: z.number().int().positive().max(3_600_000).optional().describe('how long to wait for them; default 10000'),
  }),
} as const;

type StepKind = keyof typeof STEP_SCHEMAS;
const STEP_KINDS = Object.keys(STEP_SCHEMAS) as StepKind[];

/** A step is told apart by its one key among connect, disconnect, perform, wait and expect. */
const Step = z.unknown().transform((value, ctx) => {
  const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const kinds = STEP_KINDS.filter((kind) => keys.includes(kind));
  if (kinds.length !== 1) {
    const meant = kinds.length === 0 ? keys.map((key) => closest(key, STEP_KINDS)).find((kind) => kind !== undefined) : undefined;
    const found = kinds.length === 0 ? `keys ${keys.join(', ') || '(none)'}${meant ? `; did you mean ${meant}?` : ''}` : `${kinds.join(' and ')} together`;
    ctx.addIssue({ code: 'custom', message: `expected a step with one of ${STEP_KINDS.join(', ')}, found ${found}` });
    return z.NEVER;
  }
  const result = STEP_SCHEMAS[kinds[0]].safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issueMessage(issue, STEP_SCHEMAS[kinds[0]]) });
    return z.NEVER;
  }
  return { kind: kinds[0], ...result.data } as ScriptStep;
});

export type ScriptStep =
  | ({ kind: 'connect' } & z.infer<(typeof STEP_SCHEMAS)['connect']>)
  | ({ kind: 'disconnect' } & z.infer<(typeof STEP_SCHEMAS)['disconnect']>)
  | ({ kind: 'perform' } & z.infer<(typeof STEP_SCHEMAS)['perform']>)
  | ({ kind: 'offer' } & z.infer<(typeof STEP_SCHEMAS)['offer']>)
  | ({ kind: 'customer' } & z.infer<(typeof STEP_SCHEMAS)['customer']>)
  | ({ kind: 'notify' } & z.infer<(typeof STEP_SCHEMAS)['notify']>)
  | ({ kind: 'wait' } & z.infer<(typeof STEP_SCHEMAS)['wait']>)
  | { kind: 'expect'; expect: Record<string, Expected[]>; timeoutMs?: number }
  | { kind: 'fault'; fault: Fault[] }
  | { kind: 'expectRequest'; expectRequest: RequestFilter; times?: number; timeoutMs?: number };

export const namesOf = (agents: string | string[]): string[] => ([] as string[]).concat(agents);

/**
 * A scripted scenario: agents connect, perform operations, wait, and expect notifications, in
 * the order written. See scenarios/README.md.
 */
export const ScriptSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().optional(),
    fixture: z.string().min(1).optional().describe('a fixture file, relative to the script; default: the embedded fixture'),
    agents: z.record(
      AgentName,
      z.strictObject({
        transport: z.enum(['websocket', 'long-polling']).default('websocket'),
        password: z.string().optional().describe("default: the fixture's"),
      }),
    ),
    steps: z.array(Step).min(1),
  })
  .superRefine((script, ctx) => {
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const declared = Object.keys(script.agents);
    const connectedLater = new Set(script.steps.flatMap((s) => (s.kind === 'connect' ? namesOf(s.connect) : [])));
    const connected = new Set(declared.filter((name) => !connectedLater.has(name)));
    const offered = new Set<string>();
    // An offer or a Dial names the interaction it makes, once.
    const named = (name: string, path: PropertyKey[]) => {
      if (offered.has(name)) problem(path, `a session or call named '${name}' is already offered or dialed: give each its own name`);
      offered.add(name);
    };
    const known = (name: string, path: PropertyKey[]) => {
      if (declared.includes(name)) return true;
      problem(path, `'${name}' is not one of the script's agents (${declared.join(', ') || 'none declared'}): declare it in $.agents`);
      return false;
    };

    script.steps.forEach((step, i) => {
      const at = ['steps', i];
      if (!STEP_KINDS.includes(step.kind)) return; // not a step: said already
      switch (step.kind) {
        case 'connect':
          for (const name of namesOf(step.connect)) {
            if (!known(name, [...at, 'connect'])) continue;
            if (connected.has(name)) problem([...at, 'connect'], `${name} is already connected here`);
            connected.add(name);
          }
          break;
        case 'disconnect':
          for (const name of namesOf(step.disconnect)) {
            if (!known(name, [...at, 'disconnect'])) continue;
            if (!connected.has(name)) problem([...at, 'disconnect'], `${name} is not connected here`);
            connected.delete(name);
          }
          break;
        case 'perform': {
          known(step.as, [...at, 'as']);
          for (const [name, value] of Object.entries(step.params ?? {})) checkTemplate(value, [...at, 'params', name], problem);
          const target = targetOf(step.perform);
          const creates = collectionCreatedBy(step.perform) !== undefined;
          if (target === 'session' && step.session === undefined) problem([...at, 'session'], `${step.perform} acts on a session: give "session"`);
          if (target === 'channel' && step.channel === undefined) problem([...at, 'channel'], `${step.perform} acts on one of the agent's channels: give "channel", e.g. "chat"`);
          if (target !== 'session' && !creates && step.session !== undefined) problem([...at, 'session'], `${step.perform} acts on the agent, not on a session: leave "session" out`);
          if (creates && step.session !== undefined) named(step.session, [...at, 'session']);
          if (step.consultation !== undefined) named(step.consultation, [...at, 'consultation']);
          if (target !== 'channel' && step.channel !== undefined) problem([...at, 'channel'], `${step.perform} takes no channel: leave "channel" out`);
          break;
        }
        case 'expect':
          for (const name of Object.keys(step.expect)) {
            if (known(name, [...at, 'expect', name]) && !connected.has(name)) {
              problem([...at, 'expect', name], `${name} is not connected at this step: connect it first`);
            }
          }
          break;
        case 'offer':
          if (step.offer === '*' && (step.media ?? DEFAULT_MEDIA) === DEFAULT_MEDIA) {
            problem([...at, 'offer'], 'Facebook sessions are not routed: name the agent it is offered to, or offer a chat or a call ("media": "chat" or "voice")');
          }
          if (step.offer !== '*') known(step.offer, [...at, 'offer']);
          if (familyNamed(step.media ?? DEFAULT_MEDIA).legPerAgent && step.text !== undefined) problem([...at, 'text'], 'a call has no text: leave "text" out (its customer is "from", a phone number)');
          named(step.session, [...at, 'session']);
          break;
        case 'customer':
          if (step.customer === 'say' && step.text === undefined) problem([...at, 'text'], 'the customer says something: give "text"');
          break;
        case 'notify':
          known(step.notify, [...at, 'notify']);
          break;
        case 'wait':
          break;
        case 'fault':
          step.fault.forEach((fault, j) => {
            if (fault.agent !== '*') known(fault.agent, [...at, 'fault', j, 'agent']);
          });
          break;
        case 'expectRequest': {
          // Any agent of the fixture: the desktop under test need not be one of the script's.
          const { operation } = step.expectRequest;
          if (operation !== undefined && !restOperationNames().includes(operation)) {
            problem([...at, 'expectRequest', 'operation'], `expected an operation gws-sim performs (${restOperationNames().join(', ')}), found '${operation}'`);
          }
          break;
        }
        default: {
          const unknown: never = step;
          throw new Error(`unknown step ${JSON.stringify(unknown)}`);
        }
      }
    });
    // Also when some steps or agents are wrong, so that one run of validate says every problem.
  }, { when: ({ value }) => isRecord(value) && isRecord(value.agents) && Array.isArray(value.steps) });

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function checkTemplate(value: unknown, path: PropertyKey[], problem: (path: PropertyKey[], message: string) => void): void {
  try {
    for (const placeholder of compileTemplate(value as never).placeholders) {
      const root = placeholder.split(/[.[]/)[0];
      if (!(SCRIPT_CONTEXT_ROOTS as readonly string[]).includes(root)) {
        problem(path, `{{${placeholder}}} starts with an unknown name '${root}'; expected one of ${SCRIPT_CONTEXT_ROOTS.join(', ')}`);
      }
    }
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    problem(path, error.message);
  }
}

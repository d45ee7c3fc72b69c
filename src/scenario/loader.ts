import path from 'node:path';
import { loadFixture, type Fixture } from '../gws/fixture';
import { DEFAULT_MEDIA, FAMILIES, familyNamed, type MediaName } from '../gws/families';
import { GwsModel } from '../gws/model';
import type { Operation } from '../gws/operations/operation';
import { REGISTRY, type Outcome, type Recipient } from '../gws/operations/registry';
import { sampleOf } from '../gws/operations/sample';
import { FileError, problemAt, readJsonFile, validate, type Problem } from '../validation';
import { contextFor, type OperationContext } from './context';
import { OperationStreamSchema } from './schema';
import { OperationStream } from './stream';
import { TemplateError } from './template';

/** The shipped scenario files, beside src/ (and beside dist/ once built). */
export const SCENARIOS_DIR = path.resolve(__dirname, '..', '..', 'scenarios');

/** Where the stream files of the operations on the agent itself are shipped, under scenarios/. */
const AGENT_STATE_DIR = 'agent';

/**
 * Where the stream file of an operation is shipped: scenarios/<operation-in-kebab-case>.json for
 * Facebook's, under its medium's folder for another medium's (scenarios/chat/...), under
 * scenarios/agent/ for an operation on the agent itself (`media` 'agent').
 */
export function defaultStreamFile(operation: string, media: MediaName | 'agent' = DEFAULT_MEDIA): string {
  const kebab = operation.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? '' : '-') + c.toLowerCase());
  return path.join(SCENARIOS_DIR, media === 'agent' ? AGENT_STATE_DIR : familyNamed(media).streamDir, `${kebab}.json`);
}

/** The shipped stream file of a registered operation. */
export const streamFileOf = (operation: Pick<Operation, 'name' | 'media'>) => defaultStreamFile(operation.name, operation.media ?? 'agent');

/** The key of an operation's stream in the loaded streams: its medium (none for the agent's own) and name. */
export const streamKey = (media: MediaName | undefined, operation: string) => `${media ?? 'agent'}/${operation}`;

export type OperationStreams = ReadonlyMap<string, OperationStream>;

/**
 * Loads an operation stream file: the schema first, then a dry run that renders every step
 * against a real outcome of the operation on `fixture` (where the operation can succeed there,
 * else on the embedded fixture), so a wrong path fails now and not mid-scenario.
 */
export function loadOperationStream(file: string, fixture?: Fixture): OperationStream {
  const source = readJsonFile(file);
  if (isScript(source.value)) {
    throw new FileError(file, [problemAt(source, [], `this is a scripted scenario (it has "steps"); run it with gws-sim run ${file}. --scenario and scenarios: [...] take operation stream files (with "streams")`)]);
  }
  const stream = new OperationStream(file, validate(OperationStreamSchema, source));
  const outcome = (fixture && sampleOutcome(stream, fixture)) ?? sampleOutcome(stream, loadFixture());
  if (!outcome) throw new FileError(file, [{ path: '$.operation', message: `${stream.operation} cannot be sampled on the fixture: nothing to check the file against` }]);
  const problems: Problem[] = [];
  for (const role of stream.roles) {
    stream.stepsFor(role, roleContext(outcome, role)).forEach((step, i) => {
      try {
        step.render(0);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problems.push(problemAt(source, ['streams', role, i], error.message));
      }
    });
  }
  if (problems.length > 0) throw new FileError(file, problems);
  return stream;
}

/** The stream for every registered operation: the shipped files, replaced by `files` for their operations. */
export function loadOperationStreams(files: readonly string[] = [], fixture?: Fixture): Map<string, OperationStream> {
  const streams = new Map<string, OperationStream>();
  for (const operation of REGISTRY) streams.set(streamKey(operation.media, operation.name), loadOperationStream(streamFileOf(operation), fixture));
  for (const file of files) {
    const stream = loadOperationStream(file, fixture);
    streams.set(streamKey(stream.media, stream.operation), stream);
  }
  return streams;
}

function isScript(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'steps' in value && !('streams' in value);
}

/**
 * What the role's templates see in a dry run: its recipient's view, on the interaction it is told
 * of (a consultation call's roles are on Draft.also's outcomes).
 */
export function roleContext(outcome: Outcome, role: string): OperationContext {
  const all = 'before' in outcome ? [outcome, ...outcome.before, ...outcome.after] : [outcome];
  const told = all.find((o) => o.recipients.some((r) => r.role === role)) ?? outcome;
  return contextFor(told, 'http://127.0.0.1:8090', (told.recipients as Partial<Recipient>[]).find((r) => r.role === role));
}

/** The operation performed where it can succeed in `fixture`, as the dry run's data; or undefined. */
export function sampleOutcome(stream: OperationStream, fixture: Fixture): Outcome | undefined {
  try {
    return sampleOf(new GwsModel(sampled(fixture)), stream.operation, stream.media)?.outcomes.at(-1);
  } catch {
    return undefined; // the operation cannot succeed on this fixture: the embedded one serves
  }
}

/** Sessions of each medium a dry run's model copies: a sample needs a few, and a load-test fixture holds thousands. */
const SAMPLED_SESSIONS = 20;

/** The fixture with its first sessions of each medium only (cached: every stream file is sampled on it). */
function sampled(fixture: Fixture): Fixture {
  const keys = FAMILIES.flatMap((family) => (family.fixtureKey === undefined ? [] : [family.fixtureKey]));
  if (keys.every((key) => fixture[key].length <= SAMPLED_SESSIONS)) return fixture;
  let small = trimmed.get(fixture);
  if (!small) trimmed.set(fixture, (small = { ...fixture, ...Object.fromEntries(keys.map((key) => [key, fixture[key].slice(0, SAMPLED_SESSIONS)])) }));
  return small;
}

const trimmed = new WeakMap<Fixture, Fixture>();

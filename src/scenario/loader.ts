import path from 'node:path';
import { loadFixture, type Fixture } from '../gws/fixture';
import { agentsOf, GwsModel, ROLES, type OperationOutcome } from '../gws/model';
import { performOperation } from '../gws/operations';
import { OPERATIONS, type OperationName } from '../gws/types';
import { FileError, problemAt, readJsonFile, validate, type Problem } from '../validation';
import { contextFor } from './context';
import { OperationStreamSchema } from './schema';
import { OperationStream } from './stream';
import { TemplateError } from './template';

/** The shipped scenario files, beside src/ (and beside dist/ once built). */
export const SCENARIOS_DIR = path.resolve(__dirname, '..', '..', 'scenarios');

export function defaultStreamFile(operation: OperationName): string {
  const kebab = operation.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? '' : '-') + c.toLowerCase());
  return path.join(SCENARIOS_DIR, `${kebab}.json`);
}

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
  const outcome = (fixture && sampleOutcome(stream.operation, fixture)) ?? sampleOutcome(stream.operation, loadFixture())!;
  const context = contextFor(outcome, 'http://127.0.0.1:8090');
  const problems: Problem[] = [];
  for (const role of ROLES) {
    stream.stepsFor(role, context).forEach((step, i) => {
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

/** The stream for every operation: the shipped files, replaced by `files` for their operations. */
export function loadOperationStreams(files: readonly string[] = [], fixture?: Fixture): Map<OperationName, OperationStream> {
  const streams = new Map<OperationName, OperationStream>();
  for (const operation of OPERATIONS) streams.set(operation, loadOperationStream(defaultStreamFile(operation), fixture));
  for (const file of files) {
    const stream = loadOperationStream(file, fixture);
    streams.set(stream.operation, stream);
  }
  return streams;
}

function isScript(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'steps' in value && !('streams' in value);
}

/** The operation performed where it can succeed in `fixture`, as the dry run's data; or undefined. */
export function sampleOutcome(operation: OperationName, fixture: Fixture): OperationOutcome | undefined {
  const model = new GwsModel(fixture);
  switch (operation) {
    case 'RemoveParticipantFromConference': {
      for (const session of model.allSessions()) {
        const agents = agentsOf(session);
        const caller = agents.find((a) => a.visibility === 'All');
        const target = agents.find((a) => a !== caller);
        if (!caller || !target) continue;
        return performOperation(model, model.userById(caller.userId)!, session.id, {
          operationName: operation,
          targetPath: `/users/${target.userId}`,
        });
      }
      return undefined;
    }
    default: {
      const unknown: never = operation;
      throw new Error(`no sample outcome for ${String(unknown)}`);
    }
  }
}

/** The public API of gws-sim: everything else is internal. */
import { operationNames } from './gws/operations/registry';
export { createSimulator } from './simulator';
export type { Simulator, SimulatorOptions, SimulatorState } from './simulator';
export type { SimulatorClock } from './harness';
export type { CustomerHandle, OfferOptions } from './customer';
export type { CustomNotification } from './notify';
export { Agent } from './client/agent';
export type { AgentOptions, Received, Transport, WaitOptions } from './client/agent';
export type { GwsAnswer, OperationTarget } from './client/rest';
export type { MediaName } from './gws/families';
export { kindOf } from './scenario/expect';
export type { AgentVerdict, Expected } from './scenario/expect';
export type { RunEvent, RunResult } from './run/runner';
export type { Drift } from './run/drift';
export type { RequestFilter } from './journal/filter';
export type { BayeuxRequest, JournalEntry, RestRequest } from './journal/wire';
export type { DeliveryExt } from './delivery/stamp';
export { GwsError, ERRORS } from './errors';
export { FaultSpecError, parseFaultSpec } from './faults/spec';
export type { ArmedFaultState, Fault, FaultKind, FaultsState, FiredFault } from './faults/types';
export type { ErrorCode } from './errors';
export { FileError } from './validation';
export type { Problem } from './validation';
export type { Fixture } from './gws/fixture';
/** The operationNames agents perform on Facebook sessions, from the operation registry. */
export const OPERATIONS: readonly string[] = operationNames();
export type OperationName = string;

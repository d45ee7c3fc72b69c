/** The public API of gws-sim: everything else is internal. */
export { createSimulator } from './simulator';
export type { Simulator, SimulatorClock, SimulatorOptions, SimulatorState } from './simulator';
export { Agent } from './client/agent';
export type { AgentOptions, Received, Transport, WaitOptions } from './client/agent';
export type { GwsAnswer } from './client/rest';
export { kindOf } from './scenario/expect';
export type { AgentVerdict, Expected } from './scenario/expect';
export type { RunEvent, RunResult } from './run/runner';
export type { Drift } from './run/drift';
export type { DeliveryExt } from './bayeux/delivery-ext';
export { GwsError, ERRORS } from './errors';
export type { ErrorCode } from './errors';
export { FileError } from './validation';
export type { Problem } from './validation';
export type { Fixture } from './gws/fixture';
export { OPERATIONS } from './gws/types';
export type { OperationName } from './gws/types';

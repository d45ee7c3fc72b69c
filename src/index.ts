/** The public API of gws-sim: everything else is internal. */
export { createSimulator } from './simulator';
export type { Simulator, SimulatorOptions, SimulatorState } from './simulator';
export { ManualClock, systemClock } from './scenario/clock';
export type { Clock } from './scenario/clock';
export { GwsError, ERRORS } from './errors';
export type { ErrorCode } from './errors';
export { FileError } from './validation';
export type { Problem } from './validation';
export type { Fixture } from './gws/fixture';
export { OPERATIONS } from './gws/types';
export type { OperationName } from './gws/types';

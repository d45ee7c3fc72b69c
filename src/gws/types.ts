/** The operations gws-sim performs; each has an operation stream file under scenarios/. */
export const OPERATIONS = ['RemoveParticipantFromConference'] as const;
export type OperationName = (typeof OPERATIONS)[number];

export function isOperationName(name: string): name is OperationName {
  return (OPERATIONS as readonly string[]).includes(name);
}

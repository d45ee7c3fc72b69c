import { z } from 'zod';
import type { Operation } from './operation';

export interface Parameter {
  name: string;
  /** string, boolean, object or array: what the CLI and forms read the value as. */
  type: 'string' | 'boolean' | 'object' | 'array' | 'unknown';
  optional: boolean;
  /**
   * An object parameter of one field the CLI may be given as that field's value: Dial's
   * `--destination 7002` for `{"phoneNumber": "7002"}` (the schema's meta `shorthand`).
   */
  shorthand?: string;
}

/** An operation's parameters, read from its schema: for trigger's options, forms and docs. */
export function parametersOf(operation: Operation): Parameter[] {
  return Object.entries(shapeOf(operation.params)).map(([name, schema]) => ({
    name,
    type: typeOf(schema),
    // targetUri and targetPath are one choice of two: neither is required alone.
    optional: schema.safeParse(undefined).success || name === 'targetUri' || name === 'targetPath',
    ...shorthandOf(schema),
  }));
}

function shorthandOf(schema: z.ZodType): { shorthand?: string } {
  const shorthand = z.globalRegistry.get(schema)?.shorthand;
  return typeof shorthand === 'string' ? { shorthand } : {};
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (schema instanceof z.ZodPipe) return shapeOf(schema.in as z.ZodType);
  return {};
}

function typeOf(schema: z.ZodType): Parameter['type'] {
  const inner = schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? (schema.def.innerType as z.ZodType) : schema;
  if (inner instanceof z.ZodString) return 'string';
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (inner instanceof z.ZodRecord || inner instanceof z.ZodObject) return 'object';
  if (inner instanceof z.ZodArray) return 'array';
  return 'unknown';
}

import { z } from 'zod';
import { DEFAULT_MEDIA, MEDIA_NAMES } from '../gws/families';
import { operationNamed, REGISTRY } from '../gws/operations/registry';
import { contextRootsOf } from './context';
import { compileTemplate, TemplateError, type Json } from './template';

export const JsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

const JitterSchema = z.discriminatedUnion('distribution', [
  z.strictObject({ distribution: z.literal('uniform'), maxMs: z.number().positive().max(60_000) }),
  z.strictObject({ distribution: z.literal('normal'), maxMs: z.number().positive().max(60_000), sdMs: z.number().positive().optional() }),
]);

const Step = z.strictObject({
  afterMs: z.number().int().min(0).max(3_600_000).describe('delay after the previous step of the stream, in ms'),
  jitter: JitterSchema.optional(),
  send: z.string().min(1).describe('the name of a template in $.templates'),
  vars: z.record(z.string(), JsonValue).optional(),
});

/**
 * An operation stream file: what each agent concerned by an operation receives, in order, and
 * after which delay. See scenarios/README.md.
 */
export const OperationStreamSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().optional(),
    media: z.enum(MEDIA_NAMES).optional(),
    operation: z.string().min(1),
    templates: z.record(z.string().regex(/^[A-Za-z][\w-]*$/), JsonValue),
    streams: z.record(z.string(), z.array(Step)),
  })
  .superRefine((file, ctx) => {
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const operation = operationNamed(file.operation, file.media);
    if (!operation) {
      const names = REGISTRY.filter((o) => o.media === (file.media ?? DEFAULT_MEDIA) || o.actor === 'agent-state').map((o) => o.name);
      problem(['operation'], `expected an operation gws-sim performs (${names.join(', ')}), found '${file.operation}'`);
      return;
    }
    if (operation.actor === 'agent-state' && file.media !== undefined) {
      problem(['media'], `${operation.name} is an operation on the agent itself, of no medium: leave "media" out`);
    }
    for (const role of Object.keys(file.streams)) {
      if (!operation.roles.includes(role)) problem(['streams', role], `${operation.name} has no role '${role}'; its roles: ${operation.roles.join(', ')}`);
    }
    const contextRoots = contextRootsOf(operation);
    const placeholdersOf = (value: Json, path: PropertyKey[]): readonly string[] => {
      try {
        return compileTemplate(value).placeholders;
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problem(path, error.message);
        return [];
      }
    };
    const checkRoots = (placeholders: readonly string[], path: PropertyKey[], allowVars: boolean) => {
      for (const placeholder of placeholders) {
        const root = placeholder.split(/[.[]/)[0];
        const known = contextRoots.includes(root) && (allowVars || root !== 'vars');
        if (!known) {
          const roots = contextRoots.filter((r) => allowVars || r !== 'vars');
          problem(path, `{{${placeholder}}} starts with an unknown name '${root}'; expected one of ${roots.join(', ')}`);
        }
      }
    };

    const templateVars = new Map<string, Set<string>>();
    for (const [name, template] of Object.entries(file.templates)) {
      const placeholders = placeholdersOf(template, ['templates', name]);
      checkRoots(placeholders, ['templates', name], true);
      templateVars.set(name, new Set(placeholders.filter((p) => p.startsWith('vars.')).map((p) => p.split(/[.[]/)[1])));
    }

    for (const [role, steps] of Object.entries(file.streams)) {
      steps.forEach((step, i) => {
        const path = ['streams', role, i];
        const used = templateVars.get(step.send);
        if (!used) {
          problem([...path, 'send'], `expected the name of a template (${Object.keys(file.templates).join(', ') || 'none defined'}), found '${step.send}'`);
          return;
        }
        for (const [name, value] of Object.entries(step.vars ?? {})) {
          checkRoots(placeholdersOf(value, [...path, 'vars', name]), [...path, 'vars', name], false);
        }
        for (const name of used) {
          if (!(name in (step.vars ?? {}))) problem([...path, 'vars'], `template '${step.send}' uses {{vars.${name}}}: give "${name}" in vars`);
        }
      });
    }
  })
  // The medium of the operation: facebook unless told, none for an operation on the agent itself.
  .transform((file) => ({ ...file, media: operationNamed(file.operation, file.media)?.media }));

export type OperationStreamFile = z.infer<typeof OperationStreamSchema>;

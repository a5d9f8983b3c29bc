import { UnknownResourceError } from './resource-definition.errors';
import type { ResourceDefinitions } from './resource-definition.types';

/**
 * Logical names of the resources to keep, by kind. A kind left out selects none of that kind;
 * the dependencies of what is selected are added (a rule brings its bus and queue, a queue its
 * dead-letter queue), so every selection can be provisioned on its own.
 */
export interface ResourceSelection {
  readonly tables?: readonly string[];
  readonly queues?: readonly string[];
  readonly eventBuses?: readonly string[];
  readonly rules?: readonly string[];
}

/**
 * The subset of `definitions` a selection names, plus its dependencies; everything when no
 * selection is given.
 *
 * @example
 * ```ts
 * selectDefinitions(resourceDefinitions, { rules: ['reservation-expired'] });
 * // → the rule, the `ticketing` bus, the worker queue and its DLQ; no tables
 * ```
 * @throws UnknownResourceError if the selection names a resource that is not defined.
 */
export function selectDefinitions(definitions: ResourceDefinitions, selection?: ResourceSelection): ResourceDefinitions {
  if (!selection) return definitions;

  const rules = pick('rule', definitions.rules, selection.rules);
  const queueNames = new Set([...(selection.queues ?? []), ...rules.map((rule) => rule.targetQueue)]);
  for (const queue of pick('queue', definitions.queues, [...queueNames])) {
    if (queue.deadLetter) queueNames.add(queue.deadLetter.queue);
  }
  const busNames = [...(selection.eventBuses ?? []), ...rules.map((rule) => rule.eventBus)];

  return {
    tables: pick('table', definitions.tables, selection.tables),
    queues: pick('queue', definitions.queues, [...queueNames]),
    eventBuses: pick('event bus', definitions.eventBuses, busNames),
    rules,
  };
}

/** Keeps definition order (a DLQ stays before its source queue) and rejects unknown names. */
function pick<T extends { readonly logicalName: string }>(
  kind: string,
  all: readonly T[],
  names: readonly string[] = [],
): readonly T[] {
  const known = new Set(all.map((definition) => definition.logicalName));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UnknownResourceError(`Unknown ${kind} ${unknown.join(', ')}; defined: ${[...known].join(', ')}`);
  }
  const wanted = new Set(names);
  return all.filter((definition) => wanted.has(definition.logicalName));
}

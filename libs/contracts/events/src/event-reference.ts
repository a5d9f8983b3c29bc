import { queueDefinitions, ruleDefinitions, type EventPattern, type RuleDefinition } from '@ticketing/resources';
import type { TSchema } from 'typebox';
import { eventCatalogue, type EventDefinition } from './event-catalogue';

/** A service that receives an event, and the rule and queue it comes through. */
export interface EventConsumer {
  readonly service: string;
  readonly rule: string;
  readonly queue: string;
}

/**
 * Who receives an event: the owners of the queues that the rules matching its source and
 * detail type deliver to. Patterns are matched on literal `source` and `detail-type` values; a
 * field the pattern leaves out matches every value.
 */
export function eventConsumers(event: EventDefinition, rules: readonly RuleDefinition[] = ruleDefinitions): EventConsumer[] {
  return rules
    .filter((rule) => patternAllows(rule.eventPattern, 'source', event.source) && patternAllows(rule.eventPattern, 'detail-type', event.detailType))
    .map((rule) => ({
      service: queueDefinitions.find((queue) => queue.logicalName === rule.targetQueue)?.owner ?? rule.owner,
      rule: rule.logicalName,
      queue: rule.targetQueue,
    }));
}

function patternAllows(pattern: EventPattern, field: string, value: string): boolean {
  const allowed = pattern[field];
  return allowed === undefined || (Array.isArray(allowed) && allowed.includes(value));
}

/** The events as a Markdown table: detail type, source, publisher, meaning, consumers. */
export function renderEventTable(catalogue: readonly EventDefinition[] = eventCatalogue): string {
  const consumers = (event: EventDefinition) =>
    eventConsumers(event)
      .map((consumer) => `${consumer.service} (rule \`${consumer.rule}\` → queue \`${consumer.queue}\`)`)
      .join('; ') || '— (no rule on this platform)';
  return [
    '| detail type | source | published by | meaning | consumed by |',
    '| --- | --- | --- | --- | --- |',
    ...catalogue.map(
      (event) => `| \`${event.detailType}\` | \`${event.source}\` | ${event.publisher} | ${cell(event.meaning)} | ${consumers(event)} |`,
    ),
  ].join('\n');
}

/**
 * The detail fields of the events, one table per detail schema (events sharing a schema share a
 * table): field (nested fields dotted), type, whether it is always present, meaning.
 */
export function renderEventDetailTables(catalogue: readonly EventDefinition[] = eventCatalogue): string {
  const bySchema = new Map<TSchema, EventDefinition[]>();
  for (const event of catalogue) bySchema.set(event.detail, [...(bySchema.get(event.detail) ?? []), event]);
  return [...bySchema.entries()]
    .map(([schema, events]) =>
      [
        `Detail of ${events.map((event) => `\`${event.detailType}\``).join(', ')}:`,
        '',
        '| field | type | always present | meaning |',
        '| --- | --- | --- | --- |',
        ...fieldRows(schema, ''),
        ...(schemaOf(schema).additionalProperties === false ? [] : ['', 'Further fields may be present; consumers ignore them.']),
      ].join('\n'),
    )
    .join('\n\n');
}

interface SchemaShape {
  readonly type?: string;
  readonly format?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, TSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: unknown;
  readonly items?: TSchema;
  readonly anyOf?: readonly TSchema[];
  readonly const?: unknown;
}

const schemaOf = (schema: TSchema) => schema as SchemaShape;

function fieldRows(schema: TSchema, prefix: string): string[] {
  const { properties = {}, required = [] } = schemaOf(schema);
  return Object.entries(properties).flatMap(([name, property]) => {
    const field = `${prefix}${name}`;
    const shape = schemaOf(property);
    const row = `| \`${field}\` | ${typeText(property)} | ${required.includes(name) ? 'yes' : 'no'} | ${cell(shape.description ?? '')} |`;
    return [row, ...(shape.type === 'object' ? fieldRows(property, `${field}.`) : [])];
  });
}

function typeText(schema: TSchema): string {
  const shape = schemaOf(schema);
  if (shape.anyOf?.every((option) => schemaOf(option).const !== undefined)) {
    return `one of ${shape.anyOf.map((option) => `\`${String(schemaOf(option).const)}\``).join(', ')}`;
  }
  if (shape.type === 'array' && shape.items) return `array of ${typeText(shape.items)}`;
  if (shape.format) return `${shape.type ?? 'value'} (${shape.format})`;
  return shape.type ?? 'value';
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { defineConfigPiece } from './config-piece';
import { configReference, renderConfigTable } from './config-reference';
import { portVariable } from './schema-types';

describe('configReference', () => {
  const pieces = {
    server: defineConfigPiece(
      {
        HTTP_PORT: portVariable(3000, 'REST API port'),
        JWT_SECRET: Type.String({ description: 'HS256 secret' }),
        OTLP: Type.Optional(Type.String({ description: 'collector' })),
        PREFIX: Type.String({ default: '', description: 'key prefix' }),
      },
      (env) => env,
    ),
  };

  it('lists each variable with its default, whether it is required, and its description', () => {
    expect(configReference(pieces)).toEqual([
      { variable: 'HTTP_PORT', defaultValue: '3000', required: false, description: 'REST API port' },
      { variable: 'JWT_SECRET', defaultValue: undefined, required: true, description: 'HS256 secret' },
      { variable: 'OTLP', defaultValue: undefined, required: false, description: 'collector' },
      { variable: 'PREFIX', defaultValue: '', required: false, description: 'key prefix' },
    ]);
  });

  it('renders a Markdown table', () => {
    expect(renderConfigTable(configReference(pieces)).split('\n')).toEqual([
      '| variable | default | meaning |',
      '| --- | --- | --- |',
      '| `HTTP_PORT` | `3000` | REST API port |',
      '| `JWT_SECRET` | (required) | HS256 secret |',
      '| `OTLP` | (unset) | collector |',
      '| `PREFIX` | `""` | key prefix |',
    ]);
  });
});

import Type from 'typebox';

/** A TCP port, as environment variables carry it; 0 lets the OS pick one (tests use that). */
export function portVariable(defaultPort: number, description: string) {
  return Type.Integer({ minimum: 0, maximum: 65535, default: defaultPort, description });
}

/** A positive whole number of milliseconds with an upper bound that catches unit mistakes. */
export function millisecondsVariable(defaultMs: number, maximumMs: number, description: string) {
  return Type.Integer({ minimum: 1, maximum: maximumMs, default: defaultMs, description });
}

/** An http(s) URL; used for endpoints so a typo fails at boot, not on the first request. */
export function urlVariable(description: string) {
  return Type.String({ pattern: '^https?://[^\\s/]+', description });
}

/** One of a fixed set of words. */
export function choiceVariable<const Choices extends readonly [string, ...string[]]>(
  choices: Choices,
  defaultChoice: Choices[number],
  description: string,
) {
  return Type.Union(
    choices.map((choice) => Type.Literal(choice)),
    { default: defaultChoice, description: `${description}; one of ${choices.join(', ')}` },
  ) as unknown as ReturnType<typeof Type.Unsafe<Choices[number]>>;
}

export { awsConfig } from './aws.config';
export { ConfigError, type ConfigIssue } from './config-error';
export { ConfigRuleViolation, defineConfigPiece, requireBothOrNeither, type ConfigPiece } from './config-piece';
export { lifecycleConfig } from './lifecycle.config';
export { loadConfig } from './load-config';
export { observabilityConfig } from './observability.config';
export { redisConfig, type RedisNode } from './redis.config';
export { choiceVariable, millisecondsVariable, portVariable, urlVariable } from './schema-types';
export { configReference, renderConfigTable, type ConfigVariableReference } from './config-reference';

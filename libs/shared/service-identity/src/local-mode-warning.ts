import { localModeVariable, type ServiceTokenSettings } from './service-token.config';

/**
 * Says loudly, once at startup, that a service runs in the local mode of caller authentication, so
 * a deployment that set it by mistake shows it in the first lines of its log.
 */
export function warnIfLocalMode(settings: ServiceTokenSettings, logger: { warn(fields: object, message: string): void }): void {
  if (!settings.local) return;
  logger.warn(
    { service_auth_mode: settings.mode },
    `${localModeVariable}=true: local development mode for caller authentication; never use it when deployed`,
  );
}

import type { LocalInfraComponent } from './component';
import { requireExecutable } from './executable-lookup';
import type { LocalInfraConfig } from './local-infra.config';
import { awsJsonCallSucceeds } from './readiness';

/**
 * The SQS + EventBridge emulator: moto in server mode, which speaks the JSON protocols the current
 * AWS SDK uses and delivers EventBridge rule matches to SQS targets. One endpoint serves both APIs.
 * Installed in a project-local virtualenv from tools/requirements-emulator.txt.
 */
export const awsEmulatorComponent: LocalInfraComponent = {
  name: 'aws-emulator',
  processes(config) {
    const command = requireExecutable(
      config.awsEmulator.executable,
      config.childEnv,
      'create the emulator venv from the workspace root: python3 -m venv .local/venv && .local/venv/bin/pip install -r tools/requirements-emulator.txt',
    );
    const { port } = config.awsEmulator;
    return [
      {
        component: 'aws-emulator',
        name: 'aws-emulator',
        command,
        args: ['-H', config.host, '-p', String(port)],
        cwd: config.stateDir,
        env: {
          ...config.childEnv,
          // moto checks no signatures, but its backends expect credentials to exist; dummy ones
          // also keep a developer's real session from leaking into the emulator's process.
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_SESSION_TOKEN: undefined,
          AWS_PROFILE: undefined,
        },
        port,
        claims: [{ port, setting: 'LOCAL_AWS_EMULATOR_PORT' }],
        probe: () =>
          awsJsonCallSucceeds({
            endpoint: awsEmulatorEndpoint(config),
            service: 'sqs',
            target: 'AmazonSQS.ListQueues',
            contentType: 'application/x-amz-json-1.0',
          }),
      },
    ];
  },
  endpoints: (config) => ({
    SQS_ENDPOINT: awsEmulatorEndpoint(config),
    EVENTBRIDGE_ENDPOINT: awsEmulatorEndpoint(config),
  }),
};

function awsEmulatorEndpoint(config: LocalInfraConfig): string {
  return `http://${config.host}:${config.awsEmulator.port}`;
}

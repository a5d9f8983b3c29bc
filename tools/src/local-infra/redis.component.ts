import type { LocalInfraComponent } from './component';
import { redisAnswersPing } from './readiness';
import { redisProcessTitle, redisServerArgs, requireRedisServer } from './redis-server';

/** A standalone Redis for the seat-hold locks and anything else not testing cluster mode. */
export const redisComponent: LocalInfraComponent = {
  name: 'redis',
  processes(config) {
    const command = requireRedisServer(config);
    const { port } = config.redis;
    return [
      {
        component: 'redis',
        name: 'redis',
        command,
        args: redisServerArgs(config.host, port),
        cwd: config.stateDir,
        env: config.childEnv,
        port,
        claims: [{ port, setting: 'LOCAL_REDIS_PORT' }],
        retitledAs: redisProcessTitle(command, config.host, port),
        probe: () => redisAnswersPing(config.host, port),
      },
    ];
  },
  endpoints: (config) => ({ REDIS_URL: `redis://${config.host}:${config.redis.port}` }),
};

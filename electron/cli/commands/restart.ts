import { parseArgs } from '../run-cli';
import { UsageError, type CliCommand } from '../command';
import { defaultDataDir } from '../../services/app/data-dir';
import { LogBook } from '../../services/log/logger';
import { ServerConfigService, toServerError } from '../../services/server-config/server-config-service';
import { restartTarget } from '../../services/server-config/target-actions';
import { adsStateName, type SystemSessionConnector } from '../../services/server-config/system-session';
import { systemSessionConnector } from '../../services/server-config/system-session-connector';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, connectionFrom } from './server-connection';
import { choiceOption } from '../options';

const USAGE = `Usage: adsroute restart TARGET --mode config|run --yes [--json]

Restarts TwinCAT on TARGET into Config mode (its router re-reads StaticRoutes.xml) or back into Run, over ADS
WriteControl to the system service. This stops the PLC and its I/O: without --yes it only says what it would stop.

${CONNECTION_USAGE}

Exit status: 0 TARGET reports the asked state afterwards; 1 otherwise; 2 usage error (also without --yes).`;

export function createRestartCommand(connector?: SystemSessionConnector): CliCommand {
  return {
    name: 'restart',
    summary: 'restart TwinCAT on a target into Config or Run mode',
    usage: USAGE,
    async run(argv, io) {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { ...CONNECTION_OPTIONS, mode: { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
      });
      const address = positionals[0];
      if (!address || positionals.length > 1) throw new UsageError('give exactly one TARGET');
      const mode = choiceOption(values.mode, 'mode', ['config', 'run'] as const);
      const connection = await connectionFrom(address, values, io);
      const logBook = new LogBook();
      const logger = logBook.logger('restart');
      const dataDir = connection.dataDir ?? defaultDataDir();
      const service = new ServerConfigService({
        dataDir,
        logger,
        connect:
          connector ?? systemSessionConnector({ dataDir, localNetId: connection.localNetId, timeoutMs: connection.timeoutMs, logger }),
      });
      const place = service.placeName({ kind: 'target', target: connection.target });
      const json = values.json === true;

      let before: number;
      try {
        before = await service.withSession(connection.target, (s) => s.readState());
      } catch (error) {
        const e = toServerError(error);
        if (json) io.stdout(`${JSON.stringify({ ok: false, target: address, mode, before: null, after: null, error: e }, null, 2)}\n`);
        else io.stderr(`${place}: ${e.code}: ${e.message}\n`);
        return 1;
      }
      if (values.yes !== true) {
        io.stderr(
          `${place} is in ${adsStateName(before)}. Restarting it into ${mode === 'config' ? 'Config' : 'Run'} mode stops its PLC and I/O. Add --yes to do it.\n`,
        );
        return 2;
      }
      const result = await restartTarget(service, connection.target, mode, logger);
      if (json)
        io.stdout(
          `${JSON.stringify({ ok: result.ok, target: address, mode, before, after: result.adsState, ...(result.error ? { error: result.error } : {}) }, null, 2)}\n`,
        );
      else if (result.ok) io.stdout(`${place}: ${adsStateName(before)} → ${adsStateName(result.adsState)}\n`);
      else io.stderr(`${place}: restart failed: ${result.error?.code}: ${result.error?.message}\n`);
      return result.ok ? 0 : 1;
    },
  };
}

export const restartCommand = createRestartCommand();

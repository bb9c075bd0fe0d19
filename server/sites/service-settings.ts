import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import {
  DEFAULT_SERVICE_SETTINGS,
  businessHoursInput,
  robotSettingsInput,
  type ServiceSettings,
} from '../contract/service-settings.ts';
import { callSettingsInput } from '../contract/calls.ts';
import { processSingleton } from '../process-singleton.ts';
import { listServiceSettings } from '../queries/list-service-settings.ts';

/**
 * Each site's business hours and robot settings, held in memory: the chat reads them on
 * every request and every minute. One map per process (tRPC runs in Next's module copies),
 * filled at start and replaced by every save through this process, the only writer.
 */
class ServiceSettingsStore {
  private readonly bySite = new Map<string, ServiceSettings>();

  get(siteId: string): ServiceSettings {
    return this.bySite.get(siteId) ?? DEFAULT_SERVICE_SETTINGS;
  }

  async load(ch: ClickHouseClient): Promise<void> {
    for (const row of await listServiceSettings(ch)) {
      // A row an older schema wrote falls back to the defaults of the part it fails, not the whole site.
      const hours = businessHoursInput.safeParse(parseJson(row.hours));
      const robot = robotSettingsInput.safeParse(parseJson(row.robot));
      const calls = callSettingsInput.safeParse(parseJson(row.calls));
      this.bySite.set(row.siteId, {
        hours: hours.success ? hours.data : DEFAULT_SERVICE_SETTINGS.hours,
        robot: robot.success ? robot.data : DEFAULT_SERVICE_SETTINGS.robot,
        calls: calls.success ? calls.data : DEFAULT_SERVICE_SETTINGS.calls,
      });
    }
  }

  async save(ch: ClickHouseClient, siteId: string, settings: ServiceSettings): Promise<void> {
    await ch.insert({
      table: TABLES.siteService,
      values: [
        {
          site_id: siteId,
          hours: JSON.stringify(settings.hours),
          robot: JSON.stringify(settings.robot),
          calls: JSON.stringify(settings.calls),
          version: Date.now(),
        },
      ],
      format: 'JSONEachRow',
    });
    this.bySite.set(siteId, settings);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function serviceSettings(): ServiceSettingsStore {
  return processSingleton('serviceSettings', () => new ServiceSettingsStore());
}

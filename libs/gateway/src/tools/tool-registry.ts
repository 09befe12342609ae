import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ModelGroupConfig, VerosekConfig } from '@verosek/config';
import { VEROSEK_CONFIG } from '@verosek/config';
import type { Caller } from '../access/access-control';
import type { GatewayTool, ToolSource } from './gateway-tool';
import { McpToolSource } from './mcp-tool-source';
import { PostgresToolSource } from './postgres-tool-source';
import type { ToolsConfig } from './tools-config';
import { parseToolsConfig } from './tools-config';

/** The configured tool sources, and which of their tools a call may be offered. */
@Injectable()
export class ToolRegistry implements OnModuleDestroy {
  readonly config: ToolsConfig;
  private readonly sources: Map<string, ToolSource>;
  private readonly logger = new Logger(ToolRegistry.name);

  constructor(@Inject(VEROSEK_CONFIG) config: VerosekConfig) {
    this.config = parseToolsConfig(config);
    this.sources = new Map(
      this.config.sources.map((s) => [
        s.name,
        s.type === 'postgres' ? new PostgresToolSource(s) : new McpToolSource(s),
      ]),
    );
  }

  /**
   * The tools of the group's sources that the key allows (no key list: all of them). A source
   * that cannot be reached is left out of this call, logged, and tried again on the next.
   */
  async offeredTo(caller: Caller, group: ModelGroupConfig): Promise<GatewayTool[]> {
    const names = group.tools.filter((name) => !caller.tools || caller.tools.includes(name));
    const lists = await Promise.all(
      names.map((name) =>
        this.sources
          .get(name)!
          .tools()
          .catch((err: Error) => {
            this.logger.warn(`tool source '${name}' unavailable: ${err.message}`);
            return [];
          }),
      ),
    );
    return lists.flat();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.sources.values()].map((s) => s.close().catch(() => undefined)));
  }
}

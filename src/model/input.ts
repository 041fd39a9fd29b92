/**
 * Named parts of the generated input types (input.generated.ts, from schemas/input), for the
 * signatures of the expansion code. The generated file names only the kinds; the parts that
 * functions pass around are named here once.
 */
import type { Agent, MCPServer, ModelConfig, RemoteMCPServer } from './input.generated.js';

export type { Agent, MCPServer, ModelConfig, RemoteMCPServer };

export type AgentSpec = NonNullable<Agent['spec']>;
export type DeclarativeSpec = NonNullable<AgentSpec['declarative']>;
/** The deployment block: the fields both agent types share, plus BYO's image, cmd, args and workingDir. */
export type AgentDeployment = Partial<
  NonNullable<DeclarativeSpec['deployment']> & NonNullable<NonNullable<AgentSpec['byo']>['deployment']>
>;
export type AgentSkills = NonNullable<AgentSpec['skills']>;

export type ModelConfigSpec = NonNullable<ModelConfig['spec']>;
export type MCPServerSpec = NonNullable<MCPServer['spec']>;
export type MCPServerDeployment = MCPServerSpec['deployment'];
export type RemoteMCPServerSpec = NonNullable<RemoteMCPServer['spec']>;

// Types of the generated ajv standalone validators (scripts/gen-validators.mjs).
import type { ValidateFunction } from 'ajv';
export declare const Agent: ValidateFunction;
export declare const MCPServer: ValidateFunction;
export declare const ModelConfig: ValidateFunction;
export declare const RemoteMCPServer: ValidateFunction;

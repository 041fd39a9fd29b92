// Types of the generated ajv standalone validators (scripts/gen-validators.mjs). Do not edit.
import type { ValidateFunction } from 'ajv';
export declare const Agent: ValidateFunction;
export declare const MCPServer: ValidateFunction;
export declare const ModelConfig: ValidateFunction;
export declare const RemoteMCPServer: ValidateFunction;
export declare const Output_Deployment: ValidateFunction;
export declare const Output_Service: ValidateFunction;
export declare const Output_ConfigMap: ValidateFunction;
export declare const Output_Secret: ValidateFunction;
export declare const Output_ServiceAccount: ValidateFunction;

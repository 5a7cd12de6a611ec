/**
 * The answers cargo-tui reads, as the Cargo API sends them: the entities of `@cargo-ai/types`
 * with their nulls (the official client turns `null` into `undefined` only after receiving them,
 * see `@cargo-ai/api`'s `fetcher/index.js`). `checks.ts` proves each one is, once the official
 * client's `nullToUndefined` is applied, exactly the result type `@cargo-ai/api` declares.
 *
 * One exported type per endpoint; `generate.py` turns them into `cargo-ai.schema.json`.
 */
import type {
  AiTypes,
  BillingTypes,
  ConnectionTypes,
  OrchestrationTypes as O,
  SegmentationTypes,
  StorageTypes,
  UserManagementTypes,
  WorkspaceManagementTypes,
} from "@cargo-ai/types";

type Json = Record<string, any>;

// Identity --------------------------------------------------------------------------------
/** GET /userManagement/users/current */
export type GetCurrentUser = { user: UserManagementTypes.User };
/** GET /workspaceManagement/workspaces/current */
export type GetCurrentWorkspace = { workspace: WorkspaceManagementTypes.Workspace };

// Orchestration catalog ---------------------------------------------------------------------
/** GET /orchestration/plays/list */
export type ListPlays = { plays: O.Play[] };
/** GET /orchestration/plays/{uuid} */
export type GetPlay = { play: O.Play };
/** GET /orchestration/tools/list */
export type ListTools = { tools: O.Tool[] };
/** GET /orchestration/tools/{uuid} */
export type GetTool = { tool: O.Tool };
/** GET /orchestration/workflows/list */
export type ListWorkflows = { workflows: O.Workflow[] };
/** GET /orchestration/releases/list */
export type ListReleases = { releases: O.Release[] };
/** GET /orchestration/releases/{uuid} */
export type GetRelease = { release: O.Release };

// Batches, runs, records, spans, SQL ------------------------------------------------------
/** GET /orchestration/batches/list */
export type ListBatches = { batches: O.Batch[] };
/** GET /orchestration/batches/{uuid} and POST /orchestration/batches */
export type GetBatch = { batch: O.Batch };
/** POST /orchestration/batches/{uuid}/download, runs/download, runs/download-outputs */
export type DownloadUrl = { url: string };
/** POST /orchestration/runs/list */
export type ListRuns = { runs: O.Run[]; count: number };
/** POST /orchestration/runs/count, records/count */
export type Count = { count: number };
/** GET /orchestration/runs/{uuid} */
export type GetRun = { run: O.Run; runComputedConfigs: Json; runContext: Json };
/** POST /orchestration/runs/metrics */
export type GetRunMetrics = { runMetrics: O.RunMetric[] };
/** POST /orchestration/records/list */
export type ListRecords = { records: O.Record[]; count: number };
/** POST /orchestration/records/metrics */
export type GetRecordMetrics = { recordMetrics: O.RecordMetric[] };
/** POST /orchestration/spans/list */
export type ListSpans = { spans: O.Span[]; count: number };
/** POST /orchestration/query */
export type ExecuteQuery = { rows: Array<Record<string, unknown>> };

// AI, connection, storage, segmentation -----------------------------------------------------
/** GET /ai/agents/list */
export type ListAgents = { agents: AiTypes.Agent[] };
/** GET /connection/connectors/list */
export type ListConnectors = { connectors: ConnectionTypes.Connector[] };
/** GET /storage/models/list */
export type ListModels = { models: StorageTypes.Model[] };
/** GET /storage/models/{uuid} */
export type GetModel = { model: StorageTypes.Model };
/** GET /storage/models/{uuid}/ddl */
export type GetModelDdl = { ddl: string; language: string };
/** GET /segmentation/segments/list */
export type ListSegments = { segments: SegmentationTypes.Segment[] };
/** GET /segmentation/segments/{uuid} */
export type GetSegment = { segment: SegmentationTypes.Segment };
/** POST /segmentation/segments/fetch */
export type FetchSegment = {
  records: Json[];
  count: number;
  columns: SegmentationTypes.Column[];
  isRefreshing: boolean;
};
/** POST /segmentation/segments/download */
export type DownloadSegment = { urls: string[] };

// Billing ---------------------------------------------------------------------------------
/** GET /billing/subscriptions */
export type GetSubscription = { subscription: BillingTypes.EnrichedSubscription };
/** GET /billing/usage/metrics */
export type GetUsageMetrics = { metrics: BillingTypes.UsageMetric[] };

/** The error body of every non-2xx answer (both keys may be missing; the body may be empty). */
export type ErrorBody = { errorMessage?: string; reason?: string };

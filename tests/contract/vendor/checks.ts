/**
 * Compiled (never run) by `generate.py`: each wire answer of `answers.ts`, once the official
 * client's `nullToUndefined` has run over it (`ApiType`), is exactly the result type that
 * `@cargo-ai/api` declares for the endpoint. A newer vendor version that changes a result
 * fails to compile here, naming the endpoint.
 */
import type {
  Ai,
  ApiType,
  Billing,
  Connection,
  Orchestration as O,
  Segmentation,
  Storage,
  UserManagement,
  WorkspaceManagement,
} from "@cargo-ai/api";
import type * as A from "./answers.js";

type Exact<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;

export const checks: { [name: string]: true } = {
  GetCurrentUser: true as Exact<ApiType<A.GetCurrentUser>, UserManagement.Api.GetCurrentUserResult>,
  GetCurrentWorkspace: true as Exact<ApiType<A.GetCurrentWorkspace>, WorkspaceManagement.Api.GetCurrentWorkspaceResult>,
  ListPlays: true as Exact<ApiType<A.ListPlays>, O.Api.ListPlaysResult>,
  GetPlay: true as Exact<ApiType<A.GetPlay>, O.Api.GetPlayResult>,
  ListTools: true as Exact<ApiType<A.ListTools>, O.Api.ListToolsResult>,
  GetTool: true as Exact<ApiType<A.GetTool>, O.Api.GetToolResult>,
  ListWorkflows: true as Exact<ApiType<A.ListWorkflows>, O.Api.ListWorkflowsResult>,
  ListReleases: true as Exact<ApiType<A.ListReleases>, O.Api.ListReleaseResult>,
  GetRelease: true as Exact<ApiType<A.GetRelease>, O.Api.GetReleaseResult>,
  ListBatches: true as Exact<ApiType<A.ListBatches>, O.Api.ListBatchesResult>,
  GetBatch: true as Exact<ApiType<A.GetBatch>, O.Api.GetBatchResult>,
  CreateBatch: true as Exact<ApiType<A.GetBatch>, O.Api.CreateBatchResult>,
  DownloadBatch: true as Exact<ApiType<A.DownloadUrl>, O.Api.DownloadBatchResult>,
  DownloadRuns: true as Exact<ApiType<A.DownloadUrl>, O.Api.DownloadRunsResult>,
  DownloadRunOutputs: true as Exact<ApiType<A.DownloadUrl>, O.Api.DownloadRunOutputsResult>,
  ListRuns: true as Exact<ApiType<A.ListRuns>, O.Api.ListRunsResult>,
  CountRuns: true as Exact<ApiType<A.Count>, O.Api.CountRunsResult>,
  GetRun: true as Exact<ApiType<A.GetRun>, O.Api.GetRunResult>,
  GetRunMetrics: true as Exact<ApiType<A.GetRunMetrics>, O.Api.GetRunMetricsResult>,
  ListRecords: true as Exact<ApiType<A.ListRecords>, O.Api.ListRecordsResult>,
  CountRecords: true as Exact<ApiType<A.Count>, O.Api.CountRecordsResult>,
  GetRecordMetrics: true as Exact<ApiType<A.GetRecordMetrics>, O.Api.GetRecordMetricsResult>,
  ListSpans: true as Exact<ApiType<A.ListSpans>, O.Api.ListSpansResult>,
  ExecuteQuery: true as Exact<ApiType<A.ExecuteQuery>, O.Api.ExecuteQueryResult>,
  ListAgents: true as Exact<ApiType<A.ListAgents>, Ai.Api.AllAgentsResult>,
  ListConnectors: true as Exact<ApiType<A.ListConnectors>, Connection.Api.ListConnectorsResult>,
  ListModels: true as Exact<ApiType<A.ListModels>, Storage.Api.AllModelResult>,
  GetModel: true as Exact<ApiType<A.GetModel>, Storage.Api.GetModelResult>,
  GetModelDdl: true as Exact<ApiType<A.GetModelDdl>, Storage.Api.GetModelDdlResult>,
  ListSegments: true as Exact<ApiType<A.ListSegments>, Segmentation.Api.AllSegmentsResult>,
  GetSegment: true as Exact<ApiType<A.GetSegment>, Segmentation.Api.GetSegmentResult>,
  FetchSegment: true as Exact<ApiType<A.FetchSegment>, Segmentation.Api.FetchSegmentResult>,
  DownloadSegment: true as Exact<ApiType<A.DownloadSegment>, Segmentation.Api.DownloadSegmentResult>,
  GetSubscription: true as Exact<ApiType<A.GetSubscription>, Billing.Api.GetSubscriptionResult>,
  GetUsageMetrics: true as Exact<ApiType<A.GetUsageMetrics>, Billing.Api.UsageMetricsResult>,
};

/**
 * The request bodies and GET parameters cargo-tui sends: the payload types of `@cargo-ai/api`
 * as they are (they already take dates as ISO strings). One exported type per endpoint.
 */
import type { Ai, Billing, Connection, Orchestration as O, Segmentation } from "@cargo-ai/api";

// GET parameters (encoded by `fetcher/params`: see params-cases.mjs) ------------------------
/** GET /orchestration/plays/list */
export type ListPlaysParams = O.Api.ListPlaysPayload;
/** GET /orchestration/releases/list */
export type ListReleasesParams = O.Api.ListReleasesPayload;
/** GET /orchestration/batches/list */
export type ListBatchesParams = O.Api.ListBatchesPayload;
/** GET /connection/connectors/list */
export type ListConnectorsParams = Connection.Api.ListConnectorsPayload;
/** GET /billing/usage/metrics */
export type UsageMetricsParams = Billing.Api.UsageMetricsPayload;

// POST bodies -------------------------------------------------------------------------------
/** POST /orchestration/batches */
export type CreateBatchBody = O.Api.CreateBatchPayload;
/** POST /orchestration/batches/{uuid}/download (the uuid goes in the path) */
export type DownloadBatchBody = Omit<O.Api.DownloadBatchPayload, "uuid">;
/** POST /orchestration/runs/list */
export type ListRunsBody = O.Api.ListRunsPayload;
/** POST /orchestration/runs/count */
export type CountRunsBody = O.Api.CountRunsPayload;
/** POST /orchestration/runs/download */
export type DownloadRunsBody = O.Api.DownloadRunsPayload;
/** POST /orchestration/runs/download-outputs */
export type DownloadRunOutputsBody = O.Api.DownloadRunOutputsPayload;
/** POST /orchestration/runs/metrics */
export type GetRunMetricsBody = O.Api.GetRunMetricsPayload;
/** POST /orchestration/runs/cancel */
export type CancelRunsBody = O.Api.CancelRunsPayload;
/** POST /orchestration/records/list */
export type ListRecordsBody = O.Api.ListRecordsPayload;
/** POST /orchestration/records/count */
export type CountRecordsBody = O.Api.CountRecordsPayload;
/** POST /orchestration/records/metrics */
export type GetRecordMetricsBody = O.Api.GetRecordMetricsPayload;
/** POST /orchestration/spans/list */
export type ListSpansBody = O.Api.ListSpansPayload;
/** POST /orchestration/query */
export type ExecuteQueryBody = O.Api.ExecuteQueryPayload;
/** POST /segmentation/segments/fetch */
export type FetchSegmentBody = Segmentation.Api.FetchSegmentPayload;
/** POST /segmentation/segments/download */
export type DownloadSegmentBody = Segmentation.Api.DownloadSegmentPayload;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Hnn.Host.Serve.Endpoints;

/// <summary>
/// GET /api/runs/{id}/events: the run's Server-Sent Events, from its first (replayed for a late
/// client) to the last, "status"; a run that already ended sends "status" at once. A client that
/// goes away only ends its own stream.
/// </summary>
internal static class EventEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/runs/{id}/events", async (string id, HttpContext context, RunService runs) =>
        {
            var active = RunIds.IsWellFormed(id) ? runs.Active(id) : null;
            var row = active?.Row ?? RunEndpoints.Find(runs, id);
            if (row is null)
            {
                await ApiResults.UnknownRun(id).ExecuteAsync(context);
                return;
            }
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var cancel = context.RequestAborted;
            try
            {
                if (active is null)
                {
                    await response.WriteAsync($"event: status\ndata: {ServeJson.Serialize(new StatusEvent(row.Status, row.Error))}\n\n", cancel);
                    return;
                }
                await response.Body.FlushAsync(cancel);
                await foreach (var e in active.Feed.ReadAsync(cancel))
                {
                    await response.WriteAsync(e, cancel);
                    await response.Body.FlushAsync(cancel);
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // The client went away; the run goes on.
            }
        }).WithSummary("Server-Sent Events of a run: start, spikes, dipole, progress (job for sweeps, evaluation for fits), then status");
}

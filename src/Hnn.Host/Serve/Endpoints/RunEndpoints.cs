using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnn.Host.Serve.Endpoints;

/// <summary>Submit, list, show and cancel runs: POST /api/runs, POST /api/sweeps, GET /api/runs, GET and DELETE /api/runs/{id}.</summary>
internal static class RunEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/runs", (HttpRequest request, RunService runs, string? name) =>
            SubmitAsync(request, runs, (id, json) => runs.Submission.Simulation(id, json, Name(name))))
            .WithSummary("Submit an experiment file (its JSON as the body); 202 with the run's id");
        app.MapPost("/api/sweeps", (HttpRequest request, RunService runs, string? name) =>
            SubmitAsync(request, runs, (id, json) => runs.Submission.Sweep(id, json, Name(name))))
            .WithSummary("Submit a sweep file (its JSON as the body); 202 with the run's id");
        app.MapGet("/api/runs", (RunService runs) =>
            ApiResults.Json(runs.Store.List().Select(r => RunViews.Of(runs, r, full: false)).ToArray()))
            .WithSummary("Every run, newest first");
        app.MapGet("/api/runs/{id}", (string id, RunService runs) =>
            Find(runs, id) is { } row ? ApiResults.Json(RunViews.Of(runs, row, full: true)) : ApiResults.UnknownRun(id))
            .WithSummary("A run's status, progress, error, files and experiment");
        app.MapDelete("/api/runs/{id}", (string id, RunService runs) =>
        {
            if (Find(runs, id) is not { } row) return ApiResults.UnknownRun(id);
            if (runs.Cancel(id)) return ApiResults.Json(new { id, status = "cancelling" }, 202);
            return ApiResults.Error(409, $"run '{id}' has already ended ({(runs.Store.Get(id) ?? row).Status}); only a queued or running run can be cancelled");
        }).WithSummary("Cancel a queued or running run (202); 409 once it has ended");
    }

    public static RunRow? Find(RunService runs, string id) => RunIds.IsWellFormed(id) ? runs.Active(id)?.Row ?? runs.Store.Get(id) : null;

    private static async Task<IResult> SubmitAsync(HttpRequest request, RunService runs, Func<string, string, PreparedRun> prepare)
    {
        string json;
        try
        {
            using var reader = new StreamReader(request.Body);
            json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            return ApiResults.Error(e.StatusCode, e.StatusCode == 413
                ? $"the request body is larger than this server accepts; allowed: at most {runs.Submission.MaxBodyBytes} bytes (--max-body-bytes)"
                : e.Message);
        }
        var id = RunIds.New();
        PreparedRun work;
        try
        {
            // Reading and building a network is CPU work: off the request thread's pool slot.
            work = await Task.Run(() => prepare(id, json));
        }
        catch (SubmissionException e)
        {
            return ApiResults.Error(e.Status, e.Message);
        }
        runs.Submit(id, work, json);
        return Results.Accepted($"/api/runs/{id}", new { id });
    }

    /// <summary>A run's name from ?name= (one line, 200 characters at most), or null for the default.</summary>
    public static string? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : new string(name.Trim().Where(c => !char.IsControl(c)).Take(200).ToArray());
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnn.Host.Serve.Endpoints;

/// <summary>
/// POST /api/fits: a fit file as its JSON body, or multipart/form-data with the fit file in a part
/// named "fit" and the files it names (target dipole, experiment, …) as file parts, saved in the
/// run's input folder under their own names. The fit runs as a run of kind "fit".
/// </summary>
internal static class FitEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/fits", SubmitAsync)
            .DisableAntiforgery()
            .WithSummary("Submit a fit file (JSON body, or multipart: part \"fit\" plus the files it names); 202 with the run's id");

    private static async Task<IResult> SubmitAsync(HttpRequest request, RunService runs, string? name)
    {
        var id = RunIds.New();
        string json;
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                string? fit = form.TryGetValue("fit", out var field) ? field.ToString() : null;
                foreach (var file in form.Files)
                {
                    await using var content = file.OpenReadStream();
                    if (file.Name == "fit")
                    {
                        using var reader = new StreamReader(content);
                        fit = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
                    }
                    else
                        runs.Submission.StageInput(id, file.FileName, content);
                }
                json = fit ?? throw new SubmissionException(400, "the form has no part named \"fit\"; allowed: multipart/form-data with the fit file's JSON in a part named \"fit\" and the files it names as file parts");
            }
            else
            {
                using var reader = new StreamReader(request.Body);
                json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            }
        }
        catch (BadHttpRequestException e)
        {
            runs.Submission.Discard(id);
            return ApiResults.Error(e.StatusCode, e.StatusCode == 413
                ? $"the request body is larger than this server accepts; allowed: at most {runs.Submission.MaxBodyBytes} bytes (--max-body-bytes)"
                : e.Message);
        }
        catch (InvalidDataException e)
        {
            runs.Submission.Discard(id);
            return ApiResults.Error(400, $"the form cannot be read: {e.Message}");
        }
        catch (SubmissionException e)
        {
            runs.Submission.Discard(id);
            return ApiResults.Error(e.Status, e.Message);
        }
        PreparedRun work;
        try
        {
            // Reading a fit builds its experiment at every bound: off the request thread's pool slot.
            work = await Task.Run(() => runs.Submission.Fit(id, json, RunEndpoints.Name(name)));
        }
        catch (SubmissionException e)
        {
            return ApiResults.Error(e.Status, e.Message);
        }
        runs.Submit(id, work, json);
        return Results.Accepted($"/api/runs/{id}", new { id });
    }
}

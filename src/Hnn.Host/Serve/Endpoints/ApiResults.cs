using Microsoft.AspNetCore.Http;

namespace Hnn.Host.Serve.Endpoints;

/// <summary>The API's error answers: <c>{"error": "..."}</c> with the status.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string message) => Results.Json(new { error = message }, ServeJson.Options, statusCode: status);

    public static IResult Json(object value, int status = 200) => Results.Json(value, ServeJson.Options, statusCode: status);

    public static IResult UnknownRun(string id) => Error(404, $"no run with id '{id}'");
}

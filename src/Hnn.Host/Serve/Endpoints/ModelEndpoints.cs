using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnn.Host.Serve.Endpoints;

/// <summary>GET /api/models: the models an experiment file's network.model may name, with their cell types; GET /healthz.</summary>
internal static class ModelEndpoints
{
    private static readonly Lazy<object[]> Models = new(() => ExperimentReader.Models.Select(m => (object)new
    {
        name = m,
        // "network" is an HNN-core network configuration file: its cell types are the file's.
        cell_types = m == "network" ? [] : NetworkModels.Create(m, new MeshShape(3, 3)).CellTypeNames.ToArray(),
    }).ToArray());

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", () => ApiResults.Json(Models.Value))
            .WithSummary("The models an experiment may name (network.model) and their cell types");
        app.MapGet("/healthz", () => ApiResults.Json(new { status = "ok" }))
            .WithSummary("200 while the server runs (no API key needed)");
    }
}

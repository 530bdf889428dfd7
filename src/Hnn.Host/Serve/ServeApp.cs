using Akka.Actor;
using Hnn.Actors.Engine;
using Hnn.Host.Hosting;
using Hnn.Host.Serve.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Hnn.Host.Serve;

/// <summary>
/// The `hnn serve` application: ASP.NET Core on the generic host with the simulator
/// (<see cref="HnnServiceCollectionExtensions.AddHnnSimulator(IServiceCollection, Action{HnnSimulatorSettings}?)"/>,
/// or a cluster coordinator's actor system), the run index and queue, the API, the workbench's
/// static files, /healthz, the OpenAPI description and the metrics.
/// </summary>
internal static class ServeApp
{
    /// <summary>The builder and the options: configuration (section Hnn:Serve), then <paramref name="adjust"/> (the command line) on top, validated.</summary>
    public static (WebApplicationBuilder Builder, ServeOptions Options) CreateBuilder(string[] args, Func<ServeOptions, ServeOptions> adjust)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        var options = adjust(ServeOptions.From(builder.Configuration));
        options.Validate();
        return (builder, options);
    }

    /// <param name="engine">How a run gets a simulator for its options; null: this process's own actor system (AddHnnSimulator).</param>
    public static WebApplication Build(WebApplicationBuilder builder, ServeOptions options, Func<SimulatorOptions, Simulator>? engine = null)
    {
        builder.WebHost.UseUrls([.. options.UrlList]);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        // stdout carries the one "listening on" line; logs go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(_ => new RunStore(options.DataDirectory));
        services.AddSingleton<ServeMetrics>();
        if (engine is null)
        {
            services.AddHnnSimulator();
            services.AddSingleton(provider => new RunExecutor(o => new Simulator(provider.GetRequiredService<ActorSystem>(), o), provider.GetRequiredService<ServeMetrics>()));
        }
        else
        {
            services.AddSingleton(provider => new RunExecutor(engine, provider.GetRequiredService<ServeMetrics>()));
        }
        services.AddSingleton<RunService>();
        services.AddOpenApi();
        services.AddOpenTelemetry().WithMetrics(m =>
        {
            m.AddMeter(ServeMetrics.MeterName);
            m.AddPrometheusExporter();
            if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) m.AddOtlpExporter();
        });

        var app = builder.Build();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        RunEndpoints.Map(app);
        FitEndpoints.Map(app);
        FileEndpoints.Map(app);
        EventEndpoints.Map(app);
        ModelEndpoints.Map(app);
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        // The index opens (marking interrupted runs) at start, not at the first request.
        var runs = app.Services.GetRequiredService<RunService>();
        app.Lifetime.ApplicationStopping.Register(runs.Dispose);
        return app;
    }

    /// <summary>The addresses Kestrel listens on (the real port when 0 was asked).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
